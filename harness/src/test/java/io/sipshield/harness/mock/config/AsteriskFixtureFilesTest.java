package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.TlsMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Answer;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Dial;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Echo;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Hangup;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Milliwatt;
import io.sipshield.harness.mock.dialplan.DialplanApplication.NoOp;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Playback;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Playtones;
import io.sipshield.harness.mock.dialplan.DialplanApplication.StopPlaytones;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Wait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration a real Asterisk 22 ran (shared/fixtures/asterisk) loads as it is, with only {@code @RUN_DIR@}
 * replaced, and holds what it says.
 */
class AsteriskFixtureFilesTest {

    private static final Path FIXTURES = Path.of("../../shared/fixtures/asterisk");

    @TempDir
    static Path runDir;

    private static PjsipConf pjsip;
    private static ExtensionsConf extensions;

    @BeforeAll
    static void load() throws IOException, ConfigFileException {
        if (!Files.isDirectory(FIXTURES)) {
            throw new IllegalStateException("the Asterisk fixture folder " + FIXTURES.toAbsolutePath().normalize()
                    + " is missing; these tests read shared/fixtures/asterisk next to the project folder");
        }
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            String text = Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
            Files.writeString(runDir.resolve(name), text.replace("@RUN_DIR@", runDir.toString()), StandardCharsets.UTF_8);
        }
        pjsip = PjsipConf.load(runDir.resolve("pjsip.conf"));
        extensions = ExtensionsConf.load(runDir.resolve("extensions.conf"));
    }

    @Test
    void global() {
        assertEquals(new PjsipGlobal("Asterisk-PBX-peers-test", List.of("username", "ip", "anonymous")), pjsip.global());
    }

    @Test
    void transports() {
        assertEquals(List.of("transport-udp", "transport-tls"), List.copyOf(pjsip.transports().keySet()));
        PjsipTransport udp = pjsip.transport("transport-udp").orElseThrow();
        assertEquals(TransportProtocol.UDP, udp.protocol());
        assertEquals(new Bind("127.0.0.1", 5160), udp.bind());
        PjsipTransport tls = pjsip.transport("transport-tls").orElseThrow();
        assertEquals(new PjsipTransport("transport-tls", TransportProtocol.TLS, new Bind("127.0.0.1", 5161),
                Optional.of(runDir.resolve("keys/asterisk.crt")), Optional.of(runDir.resolve("keys/asterisk.key")),
                Optional.of(runDir.resolve("keys/ca.pem")), Optional.empty(), TlsMethod.TLSV1_2, List.of(),
                false, false, false, false), tls);
    }

    @Test
    void endpointsWithTheirTemplatesApplied() {
        assertEquals(List.of("101", "102", "103"), List.copyOf(pjsip.endpoints().keySet()));
        for (String n : List.of("101", "102")) {
            assertEquals(new PjsipEndpoint(n, List.of(n), List.of(n + "-auth"), "phones", List.of(Codec.ULAW),
                    MediaEncryption.SDES, false, false, true, Optional.of("transport-tls")), pjsip.endpoint(n).orElseThrow());
        }
        assertEquals(new PjsipEndpoint("103", List.of("103"), List.of("103-auth"), "phones", List.of(Codec.ULAW),
                MediaEncryption.NO, false, false, true, Optional.of("transport-udp")), pjsip.endpoint("103").orElseThrow());
    }

    @Test
    void authsAndAors() {
        for (String n : List.of("101", "102", "103")) {
            assertEquals(new PjsipAuth(n + "-auth", n, "pass" + n), pjsip.auth(n + "-auth").orElseThrow());
            assertEquals(new PjsipAor(n, 1, true, 0, 3600, 60, 7200), pjsip.aor(n).orElseThrow());
        }
        assertEquals(3, pjsip.auths().size());
        assertEquals(3, pjsip.aors().size());
    }

    @Test
    void optionsWithoutMeaningAreWarnedAboutNotRejected() {
        Set<String> options = pjsip.warnings().stream().map(ConfigWarning::option).collect(Collectors.toSet());
        assertEquals(Set.of("rtp_symmetric", "force_rport", "dtmf_mode", "callerid"), options);
        assertTrue(pjsip.warnings().stream().allMatch(w -> w.file().getFileName().toString().equals("pjsip.conf") && w.line() > 0));
    }

    @Test
    void extensions600To603() {
        assertEquals(new ExtensionsGeneral(true, true), extensions.general());
        assertTrue(extensions.warnings().isEmpty());
        DialplanContext phones = extensions.context("phones").orElseThrow();
        assertEquals(List.of(new NoOp("Echo test for ${CALLERID(num)} via ${CHANNEL}"), new Answer(Duration.ZERO), new Echo(),
                new Hangup(OptionalInt.empty())), apps(phones, "600"));
        assertEquals(List.of(new Answer(Duration.ZERO), new Milliwatt("m"), new Hangup(OptionalInt.empty())), apps(phones, "601"));
        assertEquals(List.of(new Answer(Duration.ZERO), new Playtones("440/1000"), new Wait(Duration.ofSeconds(30)),
                new StopPlaytones(), new Hangup(OptionalInt.empty())), apps(phones, "602"));
        assertEquals(List.of(new Answer(Duration.ZERO), new Playback(List.of("peers-tone")), new Hangup(OptionalInt.empty())),
                apps(phones, "603"));
    }

    @Test
    void phoneToPhonePatternDials() {
        DialplanContext phones = extensions.context("phones").orElseThrow();
        DialplanExtension pattern = phones.extension("_10[1-3]").orElseThrow();
        assertTrue(pattern.pattern().isPattern());
        assertEquals(List.of(new NoOp("Call to ${EXTEN}"), new Dial("${EXTEN}", Optional.of(Duration.ofSeconds(30))),
                new Hangup(OptionalInt.empty())), pattern.priorities().stream().map(DialplanPriority::application).toList());
        for (String dialled : List.of("101", "102", "103")) {
            assertEquals(pattern, phones.find(dialled).orElseThrow());
        }
        assertFalse(phones.find("104").isPresent());
        assertInstanceOf(NoOp.class, phones.find("600").orElseThrow().priorities().get(0).application());
    }

    private static List<DialplanApplication> apps(DialplanContext context, String exten) {
        return context.find(exten).orElseThrow().priorities().stream().map(DialplanPriority::application).toList();
    }
}

package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.mock.ClientVerificationMode;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.config.PjsipConf;
import io.sipshield.harness.mock.config.PjsipEndpoint;
import io.sipshield.harness.mock.config.PjsipTransport;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.scenario.Endpoint;
import io.sipshield.harness.scenario.MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsteriskConfigRendererTest {

    private static MockServer mock(List<Endpoint> endpoints, Map<String, List<DialplanApplication>> extensions) {
        return new MockServer("pbx-server", endpoints, extensions);
    }

    @Test
    void structuredKeysBecomeTheTransportEndpointsAndDialplanThePjsipReaderReads(@TempDir Path dir) throws Exception {
        MockServer.AsteriskConfig text = AsteriskConfigRenderer.render(mock(List.of(
                        new Endpoint("101", "pa;ss", Endpoint.MediaEncryption.SDES, true, true),
                        new Endpoint("102", "pass102", Endpoint.MediaEncryption.NO)),
                Map.of("600", DialplanApp.ECHO.priorities())));
        Files.writeString(dir.resolve("pjsip.conf"), text.pjsipConf().replace("${fixtures}", "/keys"));
        PjsipConf conf = PjsipConf.load(dir.resolve("pjsip.conf"));

        PjsipTransport tls = conf.transport(AsteriskConfigRenderer.TRANSPORT).orElseThrow();
        assertEquals(Path.of("/keys/pbx-server.crt"), tls.certFile().orElseThrow());
        assertEquals(Path.of("/keys/pbx-server.key"), tls.privKeyFile().orElseThrow());
        assertEquals("tlsv1_2", tls.method().asteriskName());
        PjsipEndpoint e101 = conf.endpoint("101").orElseThrow();
        assertEquals("sdes", e101.mediaEncryption().name().toLowerCase());
        assertTrue(e101.mediaEncryptionOptimistic());
        assertTrue(e101.srtpTag32());
        assertTrue(e101.rewriteContact());
        assertEquals(AsteriskConfigRenderer.CONTEXT, e101.context());
        assertEquals("pa;ss", conf.auth("101-auth").orElseThrow().password(), "';' is escaped, not a comment");
        assertFalse(conf.endpoint("102").orElseThrow().mediaEncryptionOptimistic());
        assertEquals(1, conf.aor("102").orElseThrow().maxContacts());
        assertTrue(conf.aor("102").orElseThrow().removeExisting());
        assertTrue(text.pjsipConf().contains("method = sslv23: every version OpenSSL allows: TLS 1.2 and 1.3"),
                "the transport carries the method= facts");
        assertTrue(text.extensionsConf().contains("exten => 600,1,Answer()\n same => n,Echo()\n"), text.extensionsConf());
        assertEquals(2, text.pjsipConf().split("\ndirect_media = no\n", -1).length - 1,
                "every endpoint anchors media, as the mock does (Asterisk's default is yes)");
        assertEquals(List.of(), conf.warnings(), "the rendered pjsip.conf has no option the mock ignores");
    }

    @Test
    void anMxOneMockHasNoPjsipConf() {
        MockServer mxOne = new MockServer("pbx-server", List.of(), Map.of(), ServerPersonality.MX_ONE,
                ClientVerificationMode.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsteriskConfigRenderer.render(mxOne));
        assertTrue(e.getMessage().contains("mx-one"), e.getMessage());
    }

    @Test
    void aPatternLikeExtensionKeyIsRefusedRatherThanTurnedIntoAPattern() {
        MockServer server = mock(List.of(), Map.of("_6XX", DialplanApp.ECHO.priorities()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsteriskConfigRenderer.render(server));
        assertTrue(e.getMessage().contains("setup.server.mock.extensions: '_6XX'"), e.getMessage());
    }

    @Test
    void anEndpointIdThatCannotBeASectionNameIsRefused() {
        MockServer server = mock(List.of(new Endpoint("10 1", "p", Endpoint.MediaEncryption.NO)), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsteriskConfigRenderer.render(server));
        assertTrue(e.getMessage().contains("endpoints[].id: '10 1'"), e.getMessage());
    }
}

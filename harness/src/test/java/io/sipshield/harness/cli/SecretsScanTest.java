package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.capture.SecretsTap;
import io.sipshield.emulator.capture.SrtpKeys;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.harness.run.LiveScenarioExecutor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Secrets (issue 11): runs scenarios with SRTP media, a call between two phones and mutual TLS, once without
 * and once with {@code --capture}, every log at DEBUG, and searches every output (console, standard output
 * and error, every log event, every report file, every capture file) for every private key and every
 * SRTP master key and salt the run used, and every TLS secret its phones negotiated: as raw bytes, hex,
 * base64 (for SRTP the {@code a=crypto inline:} form), PEM lines and DER. None may be found, except in
 * the key log files {@code --capture} was asked to write ({@code .keys}, {@code .srtp-keys}, and the
 * {@code .pcapng}, which embeds the TLS secrets); and the SRTP keys and TLS secrets must be found there,
 * which proves the search sees them when they are present.
 */
@Tag("slow")
@Timeout(300)
class SecretsScanTest {

    private static final String ECHO = """
            about: registers and makes an SDES echo call
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101, media-encryption: sdes }
                  extensions:
                    "600": echo
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
            steps:
              - register: alice
              - call: { phone: alice, to: "600", media: { source: tone, seconds: 1 } }
              - hangup: alice
            expect:
              sip: { register: 200, invite: 200, bye: 200 }
              sdp: { suite: %s }
              media: { auth-failures: 0 }
            """;

    private static final String DIAL = """
            about: two phones call each other through Dial(), SRTP on both legs
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101, media-encryption: sdes }
                    - { id: "102", password: pass102, media-encryption: sdes }
                  extensions:
                    "102": ["Dial(PJSIP/102,5)"]
              phones:
                - { name: alice, profile: digium-d65@2_9_2, user: "101", password: pass101, trust: [test-root] }
                - { name: bob, profile: digium-d65@2_9_2, user: "102", password: pass102, trust: [test-root] }
            steps:
              - register: alice
              - register: bob
              - call: { phone: alice, to: "102", media: { source: tone, seconds: 1 }, expect: 200 }
            expect:
              sip: { register: 200, invite: 200 }
              phones:
                bob: { sdp: { profile: RTP/SAVP } }
            """;

    private static final String MUTUAL_TLS = """
            about: mutual TLS, the phone presents its certificate and key
            setup:
              server:
                mock:
                  pjsip.conf: |
                    [transport-tls]
                    type = transport
                    protocol = tls
                    bind = 127.0.0.1:0
                    cert_file = ${fixtures}/pbx-server.crt
                    priv_key_file = ${fixtures}/pbx-server.key
                    ca_list_file = ${fixtures}/pbx-server-root.crt
                    method = tlsv1_2
                    require_client_cert = yes
                    verify_client = yes

                    [101]
                    type = endpoint
                    transport = transport-tls
                    context = phones
                    disallow = all
                    allow = ulaw
                    auth = 101-auth
                    aors = 101

                    [101-auth]
                    type = auth
                    auth_type = userpass
                    username = 101
                    password = pass101

                    [101]
                    type = aor
                    max_contacts = 1
              phones:
                - { name: phone, profile: "algo-8301@3.1+sipclient", user: "101", password: pass101, trust: [test-root],
                    client-certificate: pbx-server-server-and-client-auth }
            steps:
              - register: phone
            expect:
              tls: { established: true }
              sip: { register: 200 }
            """;

    @TempDir
    Path dir;

    /** Every session secret the phones settled, told by the executor ({@link LiveScenarioExecutor#observeSecrets}). */
    private static final class Secrets implements SecretsTap {
        final Set<SrtpMasterKey> srtp = new LinkedHashSet<>();
        final Set<String> tls = new LinkedHashSet<>();

        @Override
        public synchronized void tlsKeyLog(String line) {
            String[] fields = line.strip().split(" ");
            tls.add(fields[fields.length - 1].toLowerCase(Locale.ROOT));
        }

        @Override
        public void tlsSecretsUnavailable(String reason) {
        }

        @Override
        public synchronized void srtpKeys(SrtpKeys keys) {
            srtp.add(keys.sent().key());
            srtp.add(keys.received().key());
        }
    }

    /** One way a secret could be written, and whether only a requested key log may hold it. */
    private record Needle(String secret, String form, String text, boolean hex, boolean keyLogOnly) {
    }

    /** Everything written, by where it was written. */
    private final Map<String, byte[]> outputs = new LinkedHashMap<>();

    @Test
    void noPrivateKeyOrSessionSecretAppearsInAnyOutputButTheRequestedKeyLog() throws Exception {
        FixtureCatalog fixtures = FixtureCatalog.create();
        Secrets secrets = new Secrets();
        Path suite = Files.createDirectories(dir.resolve("suite"));
        Files.writeString(suite.resolve("echo-80.yaml"), ECHO.formatted("AES_CM_128_HMAC_SHA1_80"));
        Files.writeString(suite.resolve("echo-wrong-expectation.yaml"), ECHO.formatted("AES_256_CM_HMAC_SHA1_80"));
        Files.writeString(suite.resolve("dial.yaml"), DIAL);
        Files.writeString(suite.resolve("mutual-tls.yaml"), MUTUAL_TLS);
        Path captures = dir.resolve("captures");

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream standard = new ByteArrayOutputStream();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        System.setOut(new PrintStream(tee(stdout, standard), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(stderr, standard), true, StandardCharsets.UTF_8));
        try {
            run(fixtures, secrets, "without-capture", "run", "--report-dir", dir.resolve("reports-1").toString(),
                    suite.toString());
            run(fixtures, secrets, "with-capture", "run", "--report-dir", dir.resolve("reports-2").toString(),
                    "--capture", captures.toString(), suite.toString());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            root.setLevel(level);
            root.detachAppender(logs);
        }
        StringBuilder logText = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            logText.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logText.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        outputs.put("log events (DEBUG)", logText.toString().getBytes(StandardCharsets.UTF_8));
        outputs.put("System.out and System.err", standard.toByteArray());
        for (Path output : List.of(dir.resolve("reports-1"), dir.resolve("reports-2"), captures)) {
            try (Stream<Path> files = Files.walk(output)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    outputs.put(dir.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
        }

        List<PrivateKey> privateKeys = privateKeys(fixtures);
        List<Needle> needles = new ArrayList<>();
        privateKeys.forEach(key -> needles.addAll(needles(key)));
        secrets.srtp.forEach(key -> needles.addAll(needles(key)));
        secrets.tls.forEach(secret -> needles.addAll(needles(secret)));
        int searched = privateKeys.size() + secrets.srtp.size() + secrets.tls.size();
        stdout.println("SecretsScanTest: searched " + outputs.size() + " outputs for " + searched + " secrets ("
                + privateKeys.size() + " private keys, " + secrets.srtp.size() + " SRTP master keys and salts, "
                + secrets.tls.size() + " TLS secrets) in " + needles.size() + " forms");
        assertTrue(secrets.srtp.size() >= 8, "both captured runs settled SRTP keys on both sides: " + secrets.srtp.size());
        assertTrue(secrets.tls.size() >= 8, "TLS secrets were exported: " + secrets.tls.size());
        assertTrue(privateKeys.size() >= 3, "private keys: " + privateKeys.size());
        assertTrue(outputs.keySet().stream().anyMatch(name -> name.endsWith(".srtp-keys")), outputs.keySet().toString());

        List<String> leaks = new ArrayList<>();
        Set<String> foundInKeyLogs = new LinkedHashSet<>();
        outputs.forEach((name, bytes) -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String lower = text.toLowerCase(Locale.ROOT);
            boolean keyLog = name.startsWith("captures") && (name.endsWith(".keys") || name.endsWith(".srtp-keys")
                    || name.endsWith(".pcapng"));
            for (Needle needle : needles) {
                if ((needle.hex() ? lower : text).contains(needle.text())) {
                    if (keyLog && needle.keyLogOnly()) {
                        foundInKeyLogs.add(needle.secret());
                    } else {
                        leaks.add(needle.secret() + " as " + needle.form() + " in " + name);
                    }
                }
            }
        });
        assertEquals(List.of(), leaks, "secrets outside the requested key log");
        long capturedRunSrtp = secrets.srtp.stream().map(SecretsScanTest::id).filter(foundInKeyLogs::contains).count();
        assertTrue(capturedRunSrtp >= secrets.srtp.size() / 2,
                "the capture's key log holds the captured run's SRTP keys, so the search would see them: found "
                        + capturedRunSrtp + " of " + secrets.srtp.size());
        assertTrue(secrets.tls.stream().map(SecretsScanTest::id).anyMatch(foundInKeyLogs::contains),
                "the capture's NSS key log holds TLS secrets");
    }

    private void run(FixtureCatalog fixtures, Secrets secrets, String name, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SipshieldCommand(
                () -> new LiveScenarioExecutor(fixtures).observeSecrets(secrets), false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        outputs.put("console of the run " + name, (out + "\n" + err).getBytes(StandardCharsets.UTF_8));
        assertEquals(ExitCodes.FAILED, code, "one scenario expects the wrong suite, the others pass: " + out + err);
        assertTrue(out.toString().contains("3 passed, 1 failed"), out.toString());
    }

    /** Every private key of the catalog: its fixtures' (every issuer is a fixture too). */
    private static List<PrivateKey> privateKeys(FixtureCatalog fixtures) {
        Set<PrivateKey> keys = new LinkedHashSet<>();
        for (IssuedCertificate issued : fixtures.all().values()) {
            keys.add(issued.privateKey());
        }
        return List.copyOf(keys);
    }

    private static List<Needle> needles(PrivateKey key) {
        String id = "private key " + id(key.getEncoded());
        byte[] der = key.getEncoded();
        List<Needle> needles = new ArrayList<>(List.of(
                new Needle(id, "PKCS#8 DER", raw(der), false, false),
                new Needle(id, "PKCS#8 hex", hex(der), true, false),
                new Needle(id, "PKCS#8 base64", Base64.getEncoder().encodeToString(der), false, false)));
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        for (String line : body.split("\n")) {
            if (line.length() == 64) {
                needles.add(new Needle(id, "a PEM line", line, false, false));
            }
        }
        byte[] scalar = key instanceof RSAPrivateKey rsa ? unsigned(rsa.getPrivateExponent().toByteArray())
                : key instanceof ECPrivateKey ec ? unsigned(ec.getS().toByteArray()) : null;
        if (scalar != null) {
            needles.add(new Needle(id, "private scalar, raw", raw(scalar), false, false));
            needles.add(new Needle(id, "private scalar, hex", hex(scalar), true, false));
        }
        return needles;
    }

    private static List<Needle> needles(SrtpMasterKey key) {
        String id = id(key);
        byte[] both = key.keyAndSalt();
        return List.of(
                new Needle(id, "a=crypto inline (base64 key||salt)", Base64.getEncoder().encodeToString(both), false, true),
                new Needle(id, "key||salt raw", raw(both), false, true),
                new Needle(id, "key||salt hex", hex(both), true, true),
                new Needle(id, "master key raw", raw(key.key()), false, true),
                new Needle(id, "master key hex", hex(key.key()), true, true),
                new Needle(id, "master key base64", Base64.getEncoder().withoutPadding().encodeToString(key.key())
                        .substring(0, key.key().length * 4 / 3 - 1), false, true),
                new Needle(id, "master salt raw", raw(key.salt()), false, true),
                new Needle(id, "master salt hex", hex(key.salt()), true, true));
    }

    private static List<Needle> needles(String tlsSecretHex) {
        String id = id(tlsSecretHex);
        byte[] bytes = HexFormat.of().parseHex(tlsSecretHex);
        return List.of(new Needle(id, "hex", tlsSecretHex, true, true),
                new Needle(id, "raw", raw(bytes), false, true),
                new Needle(id, "base64", Base64.getEncoder().encodeToString(bytes), false, true));
    }

    private static String id(SrtpMasterKey key) {
        return "SRTP master key " + id(key.keyAndSalt());
    }

    private static String id(String tlsSecretHex) {
        return "TLS secret " + tlsSecretHex.substring(0, 8) + "...";
    }

    /** Names a secret by a short fingerprint, never the secret itself (the failure message is an output too). */
    private static String id(byte[] secret) {
        return Integer.toHexString(Arrays.hashCode(secret));
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String raw(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static OutputStream tee(OutputStream first, OutputStream second) {
        return new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                first.write(b);
                second.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
                first.write(bytes, offset, length);
                second.write(bytes, offset, length);
            }
        };
    }
}

package io.sipshield.certs;

import static io.sipshield.certs.SharedCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenSSL's own verifier ({@code openssl verify}, security level 2, at the catalog's instant) sees
 * each leaf fixture's defect as the error it is meant to cause, at the depth it is meant to be, and
 * nothing else; the good fixtures verify. Identity is not part of this check (see FixtureDefectsTest).
 * Expectations are OpenSSL 3.0's. Skipped with the reason when openssl is missing; failed in CI.
 */
class OpensslVerifyTest {

    private static final Pattern ERROR = Pattern.compile("error (\\d+) at (\\d+) depth lookup");
    private static final Map<FixtureName, Expectation> EXPECTED = expectations();

    @TempDir
    Path dir;

    /** Verify {@code leaf} trusting {@code trust}'s certificate, for {@code purpose}; {@code errors} as "code@depth". */
    private record Expectation(FixtureName trust, String purpose, Set<String> errors) {
    }

    private static Map<FixtureName, Expectation> expectations() {
        Map<FixtureName, Expectation> expected = new EnumMap<>(FixtureName.class);
        for (FixtureName name : FixtureName.values()) {
            if (name.kind() == FixtureKind.SERVER) {
                expected.put(name, server(FixtureName.TEST_ROOT));
            }
        }
        expected.put(FixtureName.PBX_SERVER_UNKNOWN_CA, server(FixtureName.TEST_ROOT, "20@0"));
        expected.put(FixtureName.PBX_SERVER_SELF_SIGNED, server(FixtureName.TEST_ROOT, "18@0"));
        expected.put(FixtureName.PBX_SERVER_EXPIRED, server(FixtureName.TEST_ROOT, "10@0"));
        expected.put(FixtureName.PBX_SERVER_EC, server(FixtureName.TEST_ROOT_EC));
        expected.put(FixtureName.PBX_SERVER_VIA_EXPIRED_INTERMEDIATE, server(FixtureName.TEST_ROOT, "10@1"));
        expected.put(FixtureName.PBX_SERVER_VIA_NON_CA_INTERMEDIATE, server(FixtureName.TEST_ROOT, "79@1", "26@1"));
        expected.put(FixtureName.PBX_SERVER_VIA_INTERMEDIATE_WITHOUT_KEY_CERT_SIGN,
                server(FixtureName.TEST_ROOT, "79@1", "26@1", "32@1"));
        expected.put(FixtureName.PBX_SERVER_VIA_EXPIRED_ROOT, server(FixtureName.EXPIRED_ROOT, "10@1"));
        expected.put(FixtureName.PBX_SERVER_VIA_PATH_LENGTH_0_ROOT, server(FixtureName.PATH_LENGTH_0_ROOT, "25@2"));
        expected.put(FixtureName.PBX_SERVER_NOT_YET_VALID, server(FixtureName.TEST_ROOT, "9@0"));
        expected.put(FixtureName.PBX_SERVER_CLIENT_AUTH_ONLY, server(FixtureName.TEST_ROOT, "26@0"));
        expected.put(FixtureName.PBX_SERVER_WRONG_KEY_USAGE, server(FixtureName.TEST_ROOT, "26@0"));
        expected.put(FixtureName.PBX_SERVER_IMPOSTOR_ROOT, server(FixtureName.TEST_ROOT, "20@0"));
        expected.put(FixtureName.PBX_SERVER_SHA1, server(FixtureName.TEST_ROOT, "68@0"));
        expected.put(FixtureName.PBX_SERVER_MD5, server(FixtureName.TEST_ROOT, "68@0"));
        expected.put(FixtureName.PBX_SERVER_RSA_1024, server(FixtureName.TEST_ROOT, "66@0"));
        expected.put(FixtureName.PBX_SERVER_UNKNOWN_CRITICAL_EXTENSION, server(FixtureName.TEST_ROOT, "34@0"));

        expected.put(FixtureName.ALGO_DEVICE, client(FixtureName.ALGO_ROOT));
        expected.put(FixtureName.CISCO_MIC, client(FixtureName.CISCO_MANUFACTURING_ROOT));
        expected.put(FixtureName.CISCO_LSC, client(FixtureName.CISCO_CAPF));
        expected.put(FixtureName.CLIENT_EXPIRED, client(FixtureName.ALGO_ROOT, "10@0"));
        expected.put(FixtureName.CLIENT_UNTRUSTED_CA, client(FixtureName.ALGO_ROOT, "20@0"));
        return expected;
    }

    private static Expectation server(FixtureName trust, String... errors) {
        return new Expectation(trust, "sslserver", Set.of(errors));
    }

    private static Expectation client(FixtureName trust, String... errors) {
        return new Expectation(trust, "sslclient", Set.of(errors));
    }

    static Stream<FixtureName> leaves() {
        return Arrays.stream(FixtureName.values())
                .filter(name -> name.kind() == FixtureKind.SERVER || name.kind() == FixtureKind.CLIENT);
    }

    @BeforeAll
    static void requireOpenssl() {
        if (!opensslInstalled()) {
            String reason = "openssl is not installed (Debian: apt-get install openssl); this reference check needs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.assumeTrue(false, reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaves")
    void opensslReportsExactlyTheFixturesDefect(FixtureName name) throws Exception {
        Expectation expectation = EXPECTED.get(name);
        assertTrue(expectation != null, name + " has no OpenSSL expectation in this test");
        IssuedCertificate leaf = CATALOG.get(name);
        Set<String> errors = verify(expectation.purpose(), CATALOG.get(expectation.trust()).certificate(), leaf, List.of());
        assertEquals(new TreeSet<>(expectation.errors()), errors, name.id() + " trusting " + expectation.trust().id());
    }

    @Test
    void theRevokedLeafIsRevokedByTheRootCrlAndTheOthersAreNot() throws Exception {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        IssuedCrl crl = CATALOG.crl(CrlName.TEST_ROOT_CRL);
        assertEquals(Set.of("23@0"), verify("sslserver", root, CATALOG.get(FixtureName.PBX_SERVER_REVOKED), List.of(crl), "-crl_check"));
        assertEquals(Set.of(), verify("sslserver", root, CATALOG.get(FixtureName.PBX_SERVER), List.of(crl), "-crl_check"));
    }

    @Test
    void theExpiredCrlIsExpiredForOpenssl() throws Exception {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        Set<String> errors = verify("sslserver", root, CATALOG.get(FixtureName.PBX_SERVER),
                List.of(CATALOG.crl(CrlName.TEST_ROOT_CRL_EXPIRED)), "-crl_check");
        assertEquals(Set.of("12@0"), errors);
    }

    @Test
    void theWholeChainThroughTheIntermediateChecksAgainstBothCrls() throws Exception {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        List<IssuedCrl> crls = List.of(CATALOG.crl(CrlName.TEST_ROOT_CRL), CATALOG.crl(CrlName.TEST_INTERMEDIATE_CRL));
        assertEquals(Set.of(), verify("sslserver", root, CATALOG.get(FixtureName.PBX_SERVER_VIA_INTERMEDIATE), crls, "-crl_check_all"));
        assertEquals(Set.of("3@0"), verify("sslserver", root, CATALOG.get(FixtureName.PBX_SERVER_VIA_INTERMEDIATE),
                List.of(CATALOG.crl(CrlName.TEST_ROOT_CRL)), "-crl_check_all"), "without the intermediate's CRL: unable to get CRL");
    }

    @Test
    void opensslEnforcesTheRootsNameConstraints() throws Exception {
        IssuedCertificate root = CATALOG.get(FixtureName.TEST_ROOT);
        IssuedCertificate rogue = CertificateSpec.leaf("www.example.com").sanDns("www.example.com").serverAuth()
                .now(CATALOG.now()).issuedBy(root).build();
        assertEquals(Set.of("47@0"), verify("sslserver", root.certificate(), rogue, List.of()));
        IssuedCertificate rogueCn = CertificateSpec.leaf("www.example.com").serverAuth().now(CATALOG.now()).issuedBy(root).build();
        assertEquals(Set.of("47@0"), verify("sslserver", root.certificate(), rogueCn, List.of()),
                "OpenSSL also holds a host-name-like CN to the DNS constraints");
    }

    private Set<String> verify(String purpose, X509Certificate trust, IssuedCertificate leaf, List<IssuedCrl> crls, String... flags)
            throws Exception {
        Path trustFile = write("trust.pem", Pem.certificates(List.of(trust)));
        Path leafFile = write("leaf.pem", leaf.certificatePem());
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-auth_level", "2", "-purpose", purpose,
                "-attime", Long.toString(CATALOG.now().getEpochSecond()), "-CAfile", trustFile.toString()));
        List<X509Certificate> intermediates = leaf.chain().subList(1, Math.max(1, leaf.chain().size() - 1));
        if (!intermediates.isEmpty()) {
            command.addAll(List.of("-untrusted", write("untrusted.pem", Pem.certificates(intermediates)).toString()));
        }
        for (int i = 0; i < crls.size(); i++) {
            command.addAll(List.of("-CRLfile", write("crl" + i + ".pem", crls.get(i).pem()).toString()));
        }
        command.addAll(List.of(flags));
        command.add(leafFile.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60 s");
        }
        Set<String> errors = new TreeSet<>();
        Matcher matcher = ERROR.matcher(output);
        while (matcher.find()) {
            errors.add(matcher.group(1) + "@" + matcher.group(2));
        }
        assertEquals(errors.isEmpty(), process.exitValue() == 0, () -> "exit code and errors agree:\n" + output);
        return errors;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static boolean opensslInstalled() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

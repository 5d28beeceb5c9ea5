package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.CrlSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.certs.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair SERVER_KEYS = KeyAlgorithm.EC_P256.generate(RANDOM);
    private static IssuedCertificate root;
    private static IssuedCertificate otherRoot;
    private static IssuedCertificate intermediate;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void pki() {
        root = CertificateSpec.root("verify test root").keyAlgorithm(KeyAlgorithm.EC_P256).build();
        otherRoot = CertificateSpec.root("verify other root").keyAlgorithm(KeyAlgorithm.EC_P256).build();
        intermediate = CertificateSpec.intermediate("verify intermediate").keyAlgorithm(KeyAlgorithm.EC_P256)
                .issuedBy(root).build();
    }

    private static CertificateSpec server() {
        return CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").sanIp("127.0.0.1").serverAuth()
                .keyPair(SERVER_KEYS);
    }

    private Path pem(String name, List<X509Certificate> certificates) throws IOException {
        return Files.writeString(dir.resolve(name), Pem.certificates(certificates));
    }

    private Path pem(String name, X509Certificate certificate) throws IOException {
        return pem(name, List.of(certificate));
    }

    private int verify(Object... args) {
        List<String> strings = new ArrayList<>();
        for (Object arg : args) {
            strings.add(arg.toString());
        }
        CommandLine cli = new CommandLine(new VerifyCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(strings.toArray(String[]::new));
    }

    private void assertOneLineErrorWithoutStackTrace() {
        String text = err.toString();
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.startsWith("sipshield verify: "), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }

    @Test
    void trustedServerForTheHostIsAcceptedWithExitZero() throws IOException {
        int exit = verify("--trust", pem("root.pem", root.certificate()),
                "--chain", pem("chain.pem", server().issuedBy(root).build().certificate()), "--host", "pbx.sip.test");
        assertEquals(0, exit, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("0x00000000  accepted"), text);
        assertTrue(text.contains("0  CN=pbx.sip.test") && text.contains("1  CN=verify test root  (trusted)"), text);
    }

    @Test
    void unknownCaForTheWrongHostIsTheDigiumExample() throws IOException {
        int exit = verify("--trust", pem("root.pem", root.certificate()),
                "--chain", pem("chain.pem", server().issuedBy(otherRoot).build().certificate()), "--host", "other.sip.test");
        assertEquals(1, exit);
        String text = out.toString();
        assertTrue(text.startsWith("0x40000022"), text);
        assertTrue(text.contains("EUNTRUSTED") && text.contains("EISSUER_MISMATCH") && text.contains("EIDENTITY_NOT_MATCH"), text);
        assertTrue(text.contains("depth 0  X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY  CN=pbx.sip.test"), text);
        assertTrue(text.contains("unable to get local issuer certificate"), text);
        assertTrue(text.contains("PJ_SSL_CERT_EIDENTITY_NOT_MATCH"), text);
    }

    @Test
    void jsonHasTheBitmaskFlagsErrorsAndPath() throws IOException {
        int exit = verify("--trust", pem("root.pem", root.certificate()),
                "--chain", pem("chain.pem", server().expired().issuedBy(root).build().certificate()),
                "--host", "pbx.sip.test", "--json");
        assertEquals(1, exit);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("0x00000004", json.get("bitmask").asText());
        assertEquals("EVALIDITY_PERIOD", json.get("flags").get(0).asText());
        JsonNode error = json.get("errors").get(0);
        assertEquals(0, error.get("depth").asInt());
        assertEquals("X509_V_ERR_CERT_HAS_EXPIRED", error.get("code").asText());
        assertEquals("CN=pbx.sip.test", error.get("subject").asText());
        assertTrue(error.get("message").asText().startsWith("certificate has expired: valid until"), error.toString());
        assertEquals(2, json.get("path").size());
        assertEquals("CN=verify test root", json.get("path").get(1).asText());
    }

    @Test
    void thePhonesClockComesFromAt() throws IOException {
        Path trust = pem("root.pem", root.certificate());
        Path chain = pem("chain.pem", server().issuedBy(root).build().certificate());
        assertEquals(1, verify("--trust", trust, "--chain", chain, "--host", "pbx.sip.test", "--at", "1970-01-01T00:00:00Z"));
        assertTrue(out.toString().startsWith("0x00000004"), out.toString());
        assertEquals(0, verify("--trust", trust, "--chain", chain, "--host", "127.0.0.1",
                "--at", Instant.now().toString()));
    }

    @Test
    void wildcardNeedsAllowWildcard() throws IOException {
        Path trust = pem("root.pem", root.certificate());
        Path chain = pem("chain.pem", CertificateSpec.leaf("*.sip.test").sanDns("*.sip.test").serverAuth()
                .keyPair(SERVER_KEYS).issuedBy(root).build().certificate());
        assertEquals(1, verify("--trust", trust, "--chain", chain, "--host", "pbx.sip.test"));
        assertTrue(out.toString().startsWith("0x40000000"), out.toString());
        assertEquals(0, verify("--trust", trust, "--chain", chain, "--host", "pbx.sip.test", "--allow-wildcard"));
    }

    @Test
    void intermediatesComeFromTheChainOrUntrustedAndDepthIsLimited() throws Exception {
        Path trust = pem("root.pem", root.certificate());
        Path leafOnly = pem("leaf.pem", server().issuedBy(intermediate).build().certificate());
        Path inter = Files.write(dir.resolve("intermediate.der"), intermediate.certificate().getEncoded());
        assertEquals(1, verify("--trust", trust, "--chain", leafOnly, "--host", "pbx.sip.test"));
        assertEquals(0, verify("--trust", trust, "--chain", leafOnly, "--untrusted", inter, "--host", "pbx.sip.test"),
                out.toString() + err);
        assertEquals(1, verify("--trust", trust, "--chain", leafOnly, "--untrusted", inter, "--host", "pbx.sip.test",
                "--max-depth", "0"));
        assertTrue(out.toString().contains("X509_V_ERR_CERT_CHAIN_TOO_LONG"), out.toString());
    }

    @Test
    void aCrlTurnsRevocationCheckingOn() throws IOException {
        IssuedCertificate server = server().issuedBy(root).build();
        Path trust = pem("root.pem", root.certificate());
        Path chain = pem("chain.pem", server.certificate());
        Path crl = Files.writeString(dir.resolve("root.crl"), CrlSpec.issuedBy(root).revoke(server).build().pem());
        assertEquals(1, verify("--trust", trust, "--chain", chain, "--host", "pbx.sip.test", "--crl", crl));
        assertTrue(out.toString().startsWith("0x00000080"), out.toString());
        assertEquals(0, verify("--trust", trust, "--chain", chain, "--host", "pbx.sip.test", "--crl", crl,
                "--crl-check", "OFF"));
    }

    @Test
    void garbageIsUnusableInput() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "this is not a certificate\n");
        assertEquals(2, verify("--trust", garbage, "--chain", pem("c.pem", root.certificate()), "--host", "x"));
        assertOneLineErrorWithoutStackTrace();
        assertTrue(err.toString().contains("garbage.pem"), err.toString());
    }

    @Test
    void truncatedPemIsUnusableInput() throws IOException {
        String text = Pem.certificates(List.of(root.certificate()));
        Path truncated = Files.writeString(dir.resolve("truncated.pem"), text.substring(0, text.length() / 2));
        assertEquals(2, verify("--trust", pem("root.pem", root.certificate()), "--chain", truncated, "--host", "x"));
        assertOneLineErrorWithoutStackTrace();
        assertTrue(err.toString().contains("truncated.pem"), err.toString());
    }

    @Test
    void aFileWithoutCertificatesIsAnEmptyTrustStore() throws IOException {
        Path keyOnly = Files.writeString(dir.resolve("key.pem"), Pem.privateKey(SERVER_KEYS.getPrivate()));
        assertEquals(2, verify("--trust", keyOnly, "--chain", pem("c.pem", root.certificate()), "--host", "x"));
        assertOneLineErrorWithoutStackTrace();
        assertTrue(err.toString().contains("holds no certificate"), err.toString());
    }

    @Test
    void missingFilesAndBadOptionsAreUnusableInput() throws IOException {
        Path trust = pem("root.pem", root.certificate());
        assertEquals(2, verify("--trust", dir.resolve("absent.pem"), "--chain", trust, "--host", "x"));
        assertOneLineErrorWithoutStackTrace();
        assertTrue(err.toString().contains("no such file"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, verify("--trust", trust, "--chain", trust, "--host", "x", "--at", "yesterday"));
        assertOneLineErrorWithoutStackTrace();
        assertTrue(err.toString().contains("not an ISO-8601 time"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, verify("--trust", trust, "--chain", trust, "--host", "x", "--max-depth", "-1"));
        assertOneLineErrorWithoutStackTrace();
        err.getBuffer().setLength(0);
        assertEquals(2, verify("--trust", trust, "--chain", trust, "--host", "x", "--crl", trust));
        assertTrue(err.toString().contains("holds no CRL"), err.toString());
        assertEquals(2, verify("--chain", trust, "--host", "x"), "--trust is required");
    }

    @Test
    void aProfileWithTheWildcardSettingAcceptsAOneLabelWildcardWhenAllowed() throws Exception {
        IssuedCertificate wildcard = CertificateSpec.leaf("*.sip.test").sanDns("*.sip.test").serverAuth()
                .keyPair(SERVER_KEYS).issuedBy(root).build();
        Path trust = pem("root.pem", root.certificate());
        Path chain = pem("wildcard.pem", wildcard.certificate());
        assertEquals(1, verify("--profile", "digium-d6x-2_9_2", "--trust", trust, "--chain", chain, "--host", "pbx.sip.test"));
        assertTrue(out.toString().contains("0x40000000"), out.toString());
        assertEquals(0, verify("--profile", "digium-d6x-2_9_2", "--allow-wildcard", "--trust", trust, "--chain", chain,
                "--host", "pbx.sip.test"));
    }

    @Test
    void firmwareWithoutTheWildcardSettingRefusesTheOption() throws Exception {
        Path trust = pem("root.pem", root.certificate());
        Path chain = pem("server.pem", server().issuedBy(root).build().certificate());
        assertEquals(2, verify("--profile", "digium-d6x-2_9_0", "--allow-wildcard", "--trust", trust, "--chain", chain,
                "--host", "pbx.sip.test"));
        assertTrue(err.toString().contains("has no tls_allow_wildcard_certs setting"), err.toString());
        assertOneLineErrorWithoutStackTrace();
    }

    @Test
    void anUnknownProfileIsUnusableInput() throws Exception {
        Path trust = pem("root.pem", root.certificate());
        Path chain = pem("server.pem", server().issuedBy(root).build().certificate());
        assertEquals(2, verify("--profile", "digium-d99", "--trust", trust, "--chain", chain, "--host", "pbx.sip.test"));
        assertTrue(err.toString().contains("unknown device profile 'digium-d99'"), err.toString());
        assertOneLineErrorWithoutStackTrace();
    }

    @Test
    void aCiscoProfilePinsTheTrustedCertificatesInsteadOfChainingToThem() throws Exception {
        IssuedCertificate pinned = server().issuedBy(root).build();
        Path chain = pem("server.pem", pinned.certificate());
        assertEquals(0, verify("--profile", "cisco-8845@14.2", "--trust", chain, "--chain", chain, "--host", "pbx.sip.test"));
        Path rootOnly = pem("root.pem", root.certificate());
        assertEquals(1, verify("--profile", "cisco-8845@14.2", "--trust", rootOnly, "--chain", chain, "--host", "pbx.sip.test"));
        assertTrue(out.toString().contains("EUNTRUSTED"), out.toString());
    }
}

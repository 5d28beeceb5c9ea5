package io.sipshield.harness.cli.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.certs.CrlName;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsGenerateCommandTest {

    private static final FixtureCatalog CATALOG = FixtureCatalog.create();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int generate(String... args) {
        CommandLine cli = new CommandLine(new CertsGenerateCommand(() -> CATALOG));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesEveryFixtureWithItsKeyAndChains() throws Exception {
        Path target = dir.resolve("nested/pki");
        assertEquals(0, generate("--out", target.toString()), err.toString());
        assertTrue(out.toString().startsWith("wrote " + FixtureName.values().length + " certificates and "
                + CrlName.values().length + " CRLs to " + target), out.toString());
        assertEquals("", err.toString());
        for (FixtureName name : FixtureName.values()) {
            IssuedCertificate issued = CATALOG.get(name);
            Path folder = target.resolve(name.id());
            assertEquals(List.of(issued.certificate()), certificates(folder.resolve("certificate.pem")), name.id());
            assertEquals(issued.chain(), certificates(folder.resolve("chain.pem")), name.id() + " chain, leaf to root");
            assertEquals(issued.chainWithoutRoot(), certificates(folder.resolve("presented-chain.pem")), name.id());
            assertArrayEquals(issued.privateKey().getEncoded(), pkcs8(folder.resolve("private-key.pem")), name.id() + " key");
        }
    }

    @Test
    void privateKeysAreReadableByTheOwnerOnly() throws Exception {
        assertEquals(0, generate("--out", dir.toString()));
        Path key = dir.resolve("pbx-server/private-key.pem");
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
        assertFalse(out.toString().contains("PRIVATE KEY"), "key material is never printed");
    }

    @Test
    void writesTheCrlsInDerAndPem() throws Exception {
        assertEquals(0, generate("--out", dir.toString()));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (CrlName name : CrlName.values()) {
            X509CRL expected = CATALOG.crl(name).crl();
            try (InputStream der = Files.newInputStream(dir.resolve("crl").resolve(name.fileName()));
                 InputStream pem = Files.newInputStream(dir.resolve("crl").resolve(name.fileName() + ".pem"))) {
                assertEquals(expected, factory.generateCRL(der), name.id());
                assertEquals(expected, factory.generateCRL(pem), name.id());
            }
            assertTrue(Files.readString(dir.resolve("crl").resolve(name.fileName() + ".pem")).startsWith("-----BEGIN X509 CRL-----"));
        }
    }

    @Test
    void indexJsonSaysWhatEachFileIsForAndItsDefect() throws Exception {
        assertEquals(0, generate("--out", dir.toString()));
        JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        assertEquals(CATALOG.now().toString(), index.get("generatedAt").asText());
        assertEquals("[\"test\",\"invalid\"]", index.get("nameConstraints").get("permittedDns").toString());
        List<String> ids = new ArrayList<>();
        for (JsonNode fixture : index.get("fixtures")) {
            ids.add(fixture.get("id").asText());
            for (String file : List.of("certificate", "privateKey", "chain", "presentedChain")) {
                assertTrue(Files.isRegularFile(dir.resolve(fixture.get("files").get(file).asText())), fixture + " " + file);
            }
        }
        assertEquals(Stream.of(FixtureName.values()).map(FixtureName::id).toList(), ids);
        JsonNode pbx = fixture(index, "pbx-server");
        assertTrue(pbx.get("defect").isNull(), pbx.toString());
        assertEquals("server", pbx.get("kind").asText());
        assertEquals("RSA 2048", pbx.get("publicKey").asText());
        assertEquals("CN=pbx.sip.test", pbx.get("subject").asText());
        JsonNode negative = fixture(index, "pbx-server-negative-serial");
        assertEquals("-12d687", negative.get("serial").asText());
        assertEquals("expired yesterday", fixture(index, "pbx-server-expired").get("defect").asText());
        assertEquals("RSA 1024", fixture(index, "pbx-server-rsa-1024").get("publicKey").asText());

        JsonNode rootCrl = index.get("crls").get(0);
        assertEquals("test-root-crl", rootCrl.get("id").asText());
        assertEquals("test-root", rootCrl.get("issuer").asText());
        assertEquals("http://crl.sip.test/test-root-crl.crl", rootCrl.get("distributionPoint").asText());
        assertEquals(CATALOG.get(FixtureName.PBX_SERVER_REVOKED).certificate().getSerialNumber().toString(16),
                rootCrl.get("revokedSerials").get(0).asText());
        assertTrue(Files.isRegularFile(dir.resolve(rootCrl.get("files").get("der").asText())));
    }

    @Test
    void readmeListsEveryFixtureWithItsDefect() throws Exception {
        assertEquals(0, generate("--out", dir.toString()));
        String readme = Files.readString(dir.resolve("README.md"));
        for (FixtureName name : FixtureName.values()) {
            assertTrue(readme.contains("| `" + name.id() + "` |"), name.id());
        }
        for (CrlName name : CrlName.values()) {
            assertTrue(readme.contains("| `" + name.id() + "` |"), name.id());
        }
        assertTrue(readme.contains("| `pbx-server-sha1` | server certificate for pbx.sip.test from test-root | signed with SHA1withRSA |"), readme);
        assertTrue(readme.contains("| `pbx-server` | ") && readme.contains("none: meant to be accepted"), readme);
        assertTrue(readme.contains("CN and SAN DNS \\*.\\*.sip.test"), "wildcards are escaped for Markdown");
        assertTrue(readme.contains("## Name constraints"));
        assertFalse(readme.contains("-----BEGIN"), "no key or certificate material in the README");
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsUnusableInput() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "not a directory");
        assertEquals(2, generate("--out", file.toString()));
        assertEquals("sipshield certs generate: cannot write " + file + ": it exists and is not a directory",
                err.toString().strip());
        assertEquals("not a directory", Files.readString(file));
        assertEquals("", out.toString());
    }

    @Test
    void aDirectoryBelowAFileIsUnusableInput() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path below = file.resolve("pki");
        assertEquals(2, generate("--out", below.toString()));
        assertEquals("sipshield certs generate: cannot write " + below + ": not a directory", err.toString().strip(),
                "one line naming the directory, no stack trace");
    }

    @Test
    void theOutputDirectoryIsRequired() {
        assertEquals(2, generate());
        assertTrue(err.toString().contains("Missing required option: '--out=DIR'"), err.toString());
    }

    private static JsonNode fixture(JsonNode index, String id) {
        for (JsonNode fixture : index.get("fixtures")) {
            if (fixture.get("id").asText().equals(id)) {
                return fixture;
            }
        }
        throw new AssertionError("no fixture " + id + " in index.json");
    }

    private static List<X509Certificate> certificates(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static byte[] pkcs8(Path file) throws Exception {
        String pem = Files.readString(file);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), file + " is PKCS#8");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}

package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.CertificateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorConfigFilesTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final FixtureFiles FILES = new FixtureFiles(PKI);

    @TempDir
    Path dir;

    @AfterAll
    static void cleanUp() {
        FILES.close();
    }

    @Test
    void fixtureFilesBecomePemAndTheFixturesPlaceholderTheRunsDirectory() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("8301/certs"));
        Files.writeString(tree.resolve("sipclient.pem.fixture"), "algo-device\n");
        Files.writeString(tree.resolve("siptrusted.pem.fixture"), "test-root");
        Files.writeString(dir.resolve("8301/config.txt"), "sip.ca = ${fixtures}/test-root-root.crt\n");
        try (VendorConfigFiles files = new VendorConfigFiles(PKI, FILES)) {
            Path copy = files.materialise(dir.resolve("8301"));
            assertFalse(copy.startsWith(dir), "a copy, not the committed tree");
            String client = Files.readString(copy.resolve("certs/sipclient.pem"));
            assertTrue(client.contains("BEGIN CERTIFICATE") && client.contains("PRIVATE KEY"),
                    "sipclient.pem holds the certificate and its key");
            assertEquals(PKI.get(FixtureName.TEST_ROOT).certificate(),
                    CertificateFiles.read(copy.resolve("certs/siptrusted.pem")).certificates().get(0),
                    "a root fixture is the root itself");
            assertFalse(Files.readString(copy.resolve("certs/siptrusted.pem")).contains("PRIVATE KEY"));
            assertFalse(Files.exists(copy.resolve("certs/siptrusted.pem.fixture")));
            assertTrue(Files.readString(copy.resolve("config.txt")).startsWith("sip.ca = " + FILES.directory()));
        }
    }

    @Test
    void aFileIsCopiedWithItsDirectoryAndAnUnknownFixtureIsNamed() throws Exception {
        Files.writeString(dir.resolve("d65.xml"), "<config/>");
        Files.writeString(dir.resolve("ca.pem.fixture"), "no-such-fixture");
        try (VendorConfigFiles files = new VendorConfigFiles(PKI, FILES)) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> files.materialise(dir.resolve("d65.xml")));
            assertTrue(unknown.getMessage().contains("unknown certificate fixture 'no-such-fixture'"), unknown.getMessage());
        }
    }

    @Test
    void anUnusableConfigurationIsAnErrorNamingTheFileAsTheScenarioWroteIt() throws Exception {
        Path xml = Files.writeString(dir.resolve("d65.xml"), "<config>\n  <accounts>\n</config>\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PhoneConfigFile.read(xml, "files/d65.xml"));
        assertTrue(bad.getMessage().startsWith("files/d65.xml:"), bad.getMessage());
        Path digium = Files.writeString(dir.resolve("ok.xml"), """
                <config>
                  <accounts>
                    <account index="0" status="1" register="1" username="101" password="pass101">
                      <host_primary server="pbx.sip.test" port="5061" transport="tls" />
                    </account>
                  </accounts>
                </config>
                """);
        IllegalArgumentException noFirmware = assertThrows(IllegalArgumentException.class,
                () -> PhoneConfigFile.read(digium, "files/ok.xml").profile(Optional.empty()));
        assertTrue(noFirmware.getMessage().contains("name a profile"), noFirmware.getMessage());
    }
}

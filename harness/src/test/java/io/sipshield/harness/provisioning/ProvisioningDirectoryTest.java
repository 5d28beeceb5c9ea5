package io.sipshield.harness.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.provisioning.ProvisioningDirectory.Kind;
import io.sipshield.harness.provisioning.ProvisioningDirectory.Lookup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvisioningDirectoryTest {

    @TempDir
    Path temp;

    private ProvisioningDirectory directory;

    @BeforeEach
    void setUp() throws Exception {
        Path root = Files.createDirectories(temp.resolve("tftpboot"));
        Files.createDirectories(root.resolve("locales/en"));
        Files.writeString(root.resolve("SEP001122334455.cnf.xml"), "plain");
        Files.writeString(root.resolve("SEP001122334455.cnf.xml.sgn"), "signed");
        Files.writeString(root.resolve("SEPAABBCCDDEEFF.cnf.xml"), "other phone, plain only");
        Files.writeString(root.resolve("locales/en/g3-tones.xml"), "tones");
        Files.writeString(root.resolve("SoftKeys.xml"), "keys");
        Files.writeString(temp.resolve("secret.txt"), "outside");
        directory = new ProvisioningDirectory(root);
    }

    @ParameterizedTest
    @CsvSource({"SEP001122334455.cnf.xml, SEP001122334455.cnf.xml", "/SEP001122334455.cnf.xml, SEP001122334455.cnf.xml",
            "//locales//en/./g3-tones.xml, locales/en/g3-tones.xml", "./SoftKeys.xml, SoftKeys.xml"})
    void namesAreFoundInsideTheDirectory(String requested, String relative) throws Exception {
        Lookup lookup = directory.find(requested);

        assertEquals(Kind.FOUND, lookup.kind(), lookup.reason());
        assertEquals(relative, lookup.relative());
        assertEquals(directory.root().toRealPath().resolve(relative), lookup.file());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../secret.txt", "locales/../../secret.txt", "a\\..\\secret.txt", "bad\u0000name",
            "line\nbreak", "", "/", "locales", "locales/en/"})
    void escapesControlCharactersAndDirectoriesAreForbidden(String requested) {
        Lookup lookup = directory.find(requested);

        assertEquals(Kind.FORBIDDEN, lookup.kind(), requested);
        assertTrue(!lookup.reason().isEmpty());
    }

    @Test
    void aMissingFileIsNotFound() {
        Lookup lookup = directory.find("ITLFile.tlv");

        assertEquals(Kind.NOT_FOUND, lookup.kind());
        assertEquals("ITLFile.tlv", lookup.relative());
    }

    @Test
    void theHttpsRuleMapsTheSignedConfigNameToThePlainFile() {
        assertEquals("SEP001122334455.cnf.xml", directory.findUnsignedConfig("/SEP001122334455.cnf.xml.sgn").relative());
        assertEquals("SEPAABBCCDDEEFF.cnf.xml", directory.findUnsignedConfig("SEPAABBCCDDEEFF.cnf.xml.sgn").relative());
        assertEquals(Kind.FORBIDDEN, directory.findUnsignedConfig("../SEP001122334455.cnf.xml.sgn").kind());
    }

    @Test
    void theHttpsRuleLeavesOtherSgnFilesAlone() throws Exception {
        Files.writeString(directory.root().resolve("SoftKeys.xml.sgn"), "signed keys");

        assertEquals("SoftKeys.xml.sgn", directory.findUnsignedConfig("SoftKeys.xml.sgn").relative());
        assertEquals(Kind.NOT_FOUND, directory.findUnsignedConfig("SEP0011.cnf.xml.sgn").kind());
    }

    @Test
    void aFileIsNotADirectoryToServe() throws Exception {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ProvisioningDirectory(temp.resolve("secret.txt")));

        assertTrue(error.getMessage().contains("secret.txt: not a directory"), error.getMessage());
    }
}

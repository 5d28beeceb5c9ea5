package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A test PKI kept in a directory: written once, read back the same, a broken or partial one refused by file. */
@Timeout(120)
class FixtureDirectoryTest {

    @TempDir
    static Path shared;
    private static Path made;
    private static FixtureCatalog original;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeOnce() throws Exception {
        made = shared.resolve("pki");
        original = new FixtureDirectory(made).loadOrCreate();
    }

    private Path copy() throws Exception {
        Path target = dir.resolve("pki");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(made)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    @Test
    void aNewDirectoryGetsTheWholePkiWithOwnerOnlyKeys() throws Exception {
        assertTrue(Files.isRegularFile(made.resolve(FixtureDirectory.MADE)));
        assertEquals(original.now(), Instant.parse(Files.readString(made.resolve(FixtureDirectory.MADE)).strip()));
        for (FixtureName name : FixtureName.values()) {
            assertTrue(Files.isRegularFile(made.resolve(name.id() + ".crt")), name.id());
        }
        if (made.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(made.resolve("test-root.key"))));
        }
    }

    @Test
    void readingItBackGivesTheSameCertificatesKeysAndInstant() throws Exception {
        FixtureCatalog again = new FixtureDirectory(copy()).loadOrCreate();
        assertTrue(again.restored());
        assertEquals(original.now(), again.now());
        for (FixtureName name : FixtureName.values()) {
            IssuedCertificate before = original.get(name);
            IssuedCertificate after = again.get(name);
            assertEquals(before.certificate(), after.certificate(), name.id());
            assertEquals(before.chain(), after.chain(), name.id() + ": the whole chain, root included");
            assertEquals(before.privateKey(), after.privateKey(), name.id());
        }
        assertEquals(0, again.keyPairsGenerated(), "nothing generated");
        // CRLs are made anew, by the stored keys
        again.crl(io.sipshield.certs.CrlName.TEST_ROOT_CRL).crl()
                .verify(original.get(FixtureName.TEST_ROOT).certificate().getPublicKey());
    }

    @Test
    void aMissingKeyIsRefusedNamingTheFile() throws Exception {
        Path pki = copy();
        Files.delete(pki.resolve("pbx-server.key"));
        FixtureDirectoryException e = assertThrows(FixtureDirectoryException.class,
                () -> new FixtureDirectory(pki).loadOrCreate());
        assertTrue(e.getMessage().contains(pki.resolve("pbx-server.key") + ": missing"), e.getMessage());
        assertFalse(Files.exists(pki.resolve("pbx-server.key")), "a partial directory is never completed silently");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path pki = copy();
        Files.copy(pki.resolve("other-root.key"), pki.resolve("pbx-server.key"), StandardCopyOption.REPLACE_EXISTING);
        FixtureDirectoryException e = assertThrows(FixtureDirectoryException.class,
                () -> new FixtureDirectory(pki).loadOrCreate());
        assertTrue(e.getMessage().contains("pbx-server.key: the key does not belong to the certificate of pbx-server.crt"),
                e.getMessage());
    }

    @Test
    void aBrokenCertificateIsRefusedNamingTheFile() throws Exception {
        Path pki = copy();
        Files.writeString(pki.resolve("test-root-root.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        FixtureDirectoryException e = assertThrows(FixtureDirectoryException.class,
                () -> new FixtureDirectory(pki).loadOrCreate());
        assertTrue(e.getMessage().startsWith(pki.resolve("test-root-root.crt") + ": "), e.getMessage());
    }

    @Test
    void aKeyFileWithoutAKeyIsRefusedNamingIt() throws Exception {
        Path pki = copy();
        Files.copy(pki.resolve("pbx-server.crt"), pki.resolve("pbx-server.key"), StandardCopyOption.REPLACE_EXISTING);
        FixtureDirectoryException e = assertThrows(FixtureDirectoryException.class,
                () -> new FixtureDirectory(pki).loadOrCreate());
        assertTrue(e.getMessage().startsWith(pki.resolve("pbx-server.key") + ": expected an unencrypted PRIVATE KEY"),
                e.getMessage());
    }

    @Test
    void aBadInstantIsRefused() throws Exception {
        Path pki = copy();
        Files.writeString(pki.resolve(FixtureDirectory.MADE), "yesterday\n");
        FixtureDirectoryException e = assertThrows(FixtureDirectoryException.class,
                () -> new FixtureDirectory(pki).loadOrCreate());
        assertTrue(e.getMessage().contains("'yesterday' is no instant"), e.getMessage());
    }

    @Test
    void aFixtureWhoseDatesWoreOffIsRefusedWhenUsedTheOthersStillServe() {
        // restored two days after it was made: the not-yet-valid certificate has become valid
        FixtureCatalog later = FixtureCatalog.restore(original.now(), original.now().plus(Duration.ofDays(2)),
                original.all(), "DIR");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> later.get(FixtureName.PBX_SERVER_NOT_YET_VALID));
        assertTrue(e.getMessage().contains("pbx-server-not-yet-valid of DIR") && e.getMessage().contains("was not valid then"
                + " and is valid now"), e.getMessage());
        assertEquals(original.get(FixtureName.PBX_SERVER).certificate(), later.get(FixtureName.PBX_SERVER).certificate());
    }
}

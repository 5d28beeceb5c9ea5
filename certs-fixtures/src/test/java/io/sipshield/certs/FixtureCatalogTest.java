package io.sipshield.certs;

import static io.sipshield.certs.SharedCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog as a whole: names, caching, dates relative to its instant, and the promised key reuse. */
class FixtureCatalogTest {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Test
    void pbxServerIsIssuedByTheTestRootForPbxSipTestAndLoopback() throws Exception {
        IssuedCertificate root = CATALOG.get(FixtureName.TEST_ROOT);
        IssuedCertificate pbx = CATALOG.get(FixtureName.PBX_SERVER);
        X509Certificate leaf = pbx.certificate();

        leaf.verify(root.certificate().getPublicKey());
        leaf.checkValidity();
        assertEquals(root.certificate().getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals(Set.of("2:pbx.sip.test", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), CertificateTraits.subjectAltNames(leaf));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(-1, leaf.getBasicConstraints(), "a leaf is not a CA");
        assertEquals(List.of(leaf, root.certificate()), pbx.chain());
    }

    @Test
    void rootIsSelfSignedCa() throws Exception {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        root.verify(root.getPublicKey());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints(), "CA without a path length limit");
        assertTrue(root.getKeyUsage()[KeyUsageBit.KEY_CERT_SIGN.index()], "keyCertSign");
    }

    @Test
    void unknownCaServerDoesNotVerifyAgainstTheTestRoot() {
        X509Certificate leaf = CATALOG.get(FixtureName.PBX_SERVER_UNKNOWN_CA).certificate();
        assertThrows(SignatureException.class,
                () -> leaf.verify(CATALOG.get(FixtureName.TEST_ROOT).certificate().getPublicKey()));
    }

    @Test
    void expiredServerIsExpiredNow() {
        X509Certificate leaf = CATALOG.get(FixtureName.PBX_SERVER_EXPIRED).certificate();
        assertThrows(CertificateExpiredException.class, leaf::checkValidity);
    }

    @Test
    void fixturesAreCachedPerCatalog() {
        assertSame(CATALOG.get(FixtureName.PBX_SERVER), CATALOG.get(FixtureName.PBX_SERVER));
        Map<FixtureName, IssuedCertificate> all = CATALOG.all();
        assertEquals(List.of(FixtureName.values()), List.copyOf(all.keySet()));
        assertSame(CATALOG.get(FixtureName.MX_ONE_SERVER), all.get(FixtureName.MX_ONE_SERVER));
        assertSame(CATALOG.get(FixtureName.TEST_INTERMEDIATE).certificate(), CATALOG.get(FixtureName.MX_ONE_SERVER).issuers().get(0),
                "an issuer is made once and shared by everything it issues");
    }

    @Test
    void eachCatalogMakesItsOwnKeys() {
        FixtureCatalog other = FixtureCatalog.create();
        assertNotEquals(CATALOG.get(FixtureName.CISCO_CAPF).certificate().getPublicKey(),
                other.get(FixtureName.CISCO_CAPF).certificate().getPublicKey());
        assertEquals(1, other.keyPairsGenerated(), "a self-signed fixture needs one key pair, and nothing else is made");
    }

    @Test
    void datesAreRelativeToTheCatalogsInstant() throws Exception {
        Instant past = Instant.parse("2001-02-03T04:05:06Z");
        FixtureCatalog then = FixtureCatalog.createAt(past);
        assertEquals(past, then.now());
        X509Certificate expired = then.get(FixtureName.CLIENT_EXPIRED).certificate();
        assertEquals(past.minus(Duration.ofDays(1)), expired.getNotAfter().toInstant());
        assertThrows(CertificateExpiredException.class, () -> expired.checkValidity(Date.from(past)));
        X509Certificate device = then.get(FixtureName.ALGO_DEVICE).certificate();
        device.checkValidity(Date.from(past));
        assertThrows(CertificateExpiredException.class, device::checkValidity, "valid in 2001, long expired today");
        assertEquals(past.minus(Duration.ofDays(1)), device.getNotBefore().toInstant());
    }

    @Test
    void keysAreReusedWherePromised() {
        PublicKey server = key(FixtureName.PBX_SERVER);
        for (FixtureName name : FixtureName.values()) {
            boolean rsaServerLeaf = name.kind() == FixtureKind.SERVER
                    && name != FixtureName.PBX_SERVER_EC && name != FixtureName.PBX_SERVER_RSA_1024;
            if (rsaServerLeaf) {
                assertEquals(server, key(name), name.id() + " shares the server key");
            } else {
                assertNotEquals(server, key(name), name.id() + " has a key of its own");
            }
        }
        PublicKey client = key(FixtureName.ALGO_DEVICE);
        for (FixtureName name : FixtureName.values()) {
            assertEquals(name.kind() == FixtureKind.CLIENT, client.equals(key(name)), name.id());
        }
        PublicKey intermediate = key(FixtureName.TEST_INTERMEDIATE);
        for (FixtureName name : List.of(FixtureName.EXPIRED_INTERMEDIATE, FixtureName.NON_CA_INTERMEDIATE,
                FixtureName.INTERMEDIATE_WITHOUT_KEY_CERT_SIGN)) {
            assertEquals(intermediate, key(name), name.id() + " shares the intermediate key");
        }
    }

    @Test
    void everyCaKeyIsDistinctFromTheKeyOfTheCaThatIssuedIt() {
        for (FixtureName name : FixtureName.values()) {
            List<X509Certificate> chain = CATALOG.get(name).chain();
            for (int i = 1; i + 1 < chain.size(); i++) {
                assertNotEquals(chain.get(i).getPublicKey(), chain.get(i + 1).getPublicKey(), name.id() + " depth " + i);
            }
        }
    }

    @Test
    void rootsHaveDistinctKeys() {
        Set<PublicKey> keys = new HashSet<>();
        List<FixtureName> roots = Arrays.stream(FixtureName.values()).filter(name -> name.kind() == FixtureKind.ROOT).toList();
        roots.forEach(root -> keys.add(key(root)));
        assertEquals(roots.size(), keys.size(), "no two roots share a key: " + roots);
    }

    @Test
    void pemCarriesCertificateAndKeyBlocks() {
        IssuedCertificate pbx = CATALOG.get(FixtureName.PBX_SERVER);
        assertTrue(pbx.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(pbx.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        assertFalse(pbx.toString().contains("PRIVATE"), "toString never shows key material");
    }

    @Test
    void everyFixtureIdResolvesAndIsKebabCase() {
        for (FixtureName name : FixtureName.values()) {
            assertEquals(name, FixtureName.byId(name.id()).orElseThrow());
            assertTrue(KEBAB_CASE.matcher(name.id()).matches(), name.id());
            assertFalse(name.description().isBlank(), name.id());
        }
        assertEquals(FixtureName.values().length,
                Arrays.stream(FixtureName.values()).map(FixtureName::id).collect(Collectors.toSet()).size(), "ids are unique");
        assertTrue(FixtureName.byId("no-such-fixture").isEmpty());
    }

    @Test
    void existingIdsKeepTheirMeaning() {
        Map<String, FixtureName> existing = Map.of("test-root", FixtureName.TEST_ROOT, "other-root", FixtureName.OTHER_ROOT,
                "pbx-server", FixtureName.PBX_SERVER, "other-host-server", FixtureName.OTHER_HOST_SERVER,
                "pbx-server-unknown-ca", FixtureName.PBX_SERVER_UNKNOWN_CA,
                "pbx-server-self-signed", FixtureName.PBX_SERVER_SELF_SIGNED, "pbx-server-expired", FixtureName.PBX_SERVER_EXPIRED);
        existing.forEach((id, name) -> assertEquals(name, FixtureName.byId(id).orElseThrow(), id));
        assertEquals(List.of(CATALOG.get(FixtureName.PBX_SERVER_SELF_SIGNED).certificate()),
                CATALOG.get(FixtureName.PBX_SERVER_SELF_SIGNED).chain());
    }

    private static PublicKey key(FixtureName name) {
        return CATALOG.get(name).certificate().getPublicKey();
    }
}

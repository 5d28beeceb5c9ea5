package io.sipshield.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SignatureException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FixtureCatalogTest {

    private final FixtureCatalog catalog = FixtureCatalog.create();

    @Test
    void pbxServerIsIssuedByTheTestRootForPbxSipTestAndLoopback() throws Exception {
        IssuedCertificate root = catalog.get(FixtureName.TEST_ROOT);
        IssuedCertificate pbx = catalog.get(FixtureName.PBX_SERVER);
        X509Certificate leaf = pbx.certificate();

        leaf.verify(root.certificate().getPublicKey());
        leaf.checkValidity();
        assertEquals(root.certificate().getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals(Set.of("2:pbx.sip.test", "7:127.0.0.1"), subjectAltNames(leaf));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(-1, leaf.getBasicConstraints(), "a leaf is not a CA");
        assertEquals(List.of(leaf, root.certificate()), pbx.chain());
    }

    @Test
    void rootIsSelfSignedCa() throws Exception {
        X509Certificate root = catalog.get(FixtureName.TEST_ROOT).certificate();
        root.verify(root.getPublicKey());
        assertTrue(root.getBasicConstraints() >= 0 || root.getBasicConstraints() == Integer.MAX_VALUE);
        assertTrue(root.getKeyUsage()[5], "keyCertSign");
    }

    @Test
    void unknownCaServerDoesNotVerifyAgainstTheTestRoot() {
        X509Certificate leaf = catalog.get(FixtureName.PBX_SERVER_UNKNOWN_CA).certificate();
        assertThrows(SignatureException.class,
                () -> leaf.verify(catalog.get(FixtureName.TEST_ROOT).certificate().getPublicKey()));
    }

    @Test
    void expiredServerIsExpiredNow() {
        X509Certificate leaf = catalog.get(FixtureName.PBX_SERVER_EXPIRED).certificate();
        assertThrows(CertificateExpiredException.class, leaf::checkValidity);
    }

    @Test
    void fixturesAreCachedPerCatalog() {
        assertSame(catalog.get(FixtureName.PBX_SERVER), catalog.get(FixtureName.PBX_SERVER));
    }

    @Test
    void pemCarriesCertificateAndKeyBlocks() {
        IssuedCertificate pbx = catalog.get(FixtureName.PBX_SERVER);
        assertTrue(pbx.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(pbx.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(!pbx.toString().contains("PRIVATE"), "toString never shows key material");
    }

    @Test
    void everyFixtureIdResolves() {
        for (FixtureName name : FixtureName.values()) {
            assertEquals(name, FixtureName.byId(name.id()).orElseThrow());
        }
    }

    private static Set<String> subjectAltNames(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().map(entry -> entry.get(0) + ":" + entry.get(1)).collect(Collectors.toSet());
    }
}

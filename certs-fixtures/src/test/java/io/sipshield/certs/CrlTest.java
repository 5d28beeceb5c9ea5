package io.sipshield.certs;

import static io.sipshield.certs.SharedCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

/** The catalogue's CRLs, checked with the JDK's X509CRL API and PKIX revocation checking, and {@link CrlSpec}. */
class CrlTest {

    @Test
    void rootCrlListsTheRevokedLeafAndVerifiesWithTheRootKey() throws Exception {
        IssuedCrl issued = CATALOG.crl(CrlName.TEST_ROOT_CRL);
        X509CRL crl = issued.crl();
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        crl.verify(root.getPublicKey());
        assertEquals(root, issued.issuer());
        assertEquals(root.getSubjectX500Principal(), crl.getIssuerX500Principal());
        X509Certificate revoked = CATALOG.get(FixtureName.PBX_SERVER_REVOKED).certificate();
        assertTrue(crl.isRevoked(revoked));
        assertFalse(crl.isRevoked(CATALOG.get(FixtureName.PBX_SERVER).certificate()));
        assertEquals(1, crl.getRevokedCertificates().size());
        X509CRLEntry entry = crl.getRevokedCertificate(revoked.getSerialNumber());
        assertEquals(CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
        assertTrue(crl.getNextUpdate().toInstant().isAfter(CATALOG.now()), "current");
        assertEquals(BigInteger.TWO, crlNumber(crl));
    }

    @Test
    void rootCrlDoesNotVerifyWithAnotherKey() {
        X509CRL crl = CATALOG.crl(CrlName.TEST_ROOT_CRL).crl();
        assertThrows(SignatureException.class,
                () -> crl.verify(CATALOG.get(FixtureName.IMPOSTOR_ROOT).certificate().getPublicKey()));
    }

    @Test
    void intermediateCrlIsCurrentAndEmpty() throws Exception {
        X509CRL crl = CATALOG.crl(CrlName.TEST_INTERMEDIATE_CRL).crl();
        crl.verify(CATALOG.get(FixtureName.TEST_INTERMEDIATE).certificate().getPublicKey());
        assertThrows(SignatureException.class, () -> crl.verify(CATALOG.get(FixtureName.TEST_ROOT).certificate().getPublicKey()));
        assertNull(crl.getRevokedCertificates());
        assertTrue(crl.getNextUpdate().toInstant().isAfter(CATALOG.now()));
    }

    @Test
    void expiredCrlsNextUpdateIsPast() throws Exception {
        X509CRL crl = CATALOG.crl(CrlName.TEST_ROOT_CRL_EXPIRED).crl();
        crl.verify(CATALOG.get(FixtureName.TEST_ROOT).certificate().getPublicKey());
        assertTrue(crl.getNextUpdate().toInstant().isBefore(CATALOG.now()), "nextUpdate " + crl.getNextUpdate());
        assertTrue(crl.isRevoked(CATALOG.get(FixtureName.PBX_SERVER_REVOKED).certificate()));
        assertEquals(BigInteger.ONE, crlNumber(crl), "older than the current CRL");
    }

    @Test
    void crlsAreCachedPerCatalogAndNamedByIssuer() {
        assertSame(CATALOG.crl(CrlName.TEST_ROOT_CRL), CATALOG.crl(CrlName.TEST_ROOT_CRL));
        for (CrlName name : CrlName.values()) {
            assertEquals(CATALOG.get(name.issuer()).certificate(), CATALOG.crl(name).issuer(), name.id());
            assertEquals(name, CrlName.byId(name.id()).orElseThrow());
        }
        assertTrue(CrlName.byId("no-such-crl").isEmpty());
    }

    @Test
    void pkixRevocationCheckRejectsTheRevokedLeafWithTheRootCrl() throws Exception {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        X509CRL crl = CATALOG.crl(CrlName.TEST_ROOT_CRL).crl();
        validateWithCrl(root, CATALOG.get(FixtureName.PBX_SERVER).certificate(), crl);
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> validateWithCrl(root, CATALOG.get(FixtureName.PBX_SERVER_REVOKED).certificate(), crl));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, e.getReason());
    }

    @Test
    void pkixRevocationCheckFailsOnTheExpiredCrlAlone() {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        X509CRL stale = CATALOG.crl(CrlName.TEST_ROOT_CRL_EXPIRED).crl();
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> validateWithCrl(root, CATALOG.get(FixtureName.PBX_SERVER).certificate(), stale));
        assertEquals(CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS, e.getReason(), e.toString());
    }

    @Test
    void pemAndDerEncodeTheSameCrl() throws Exception {
        IssuedCrl issued = CATALOG.crl(CrlName.TEST_ROOT_CRL);
        assertTrue(issued.pem().startsWith("-----BEGIN X509 CRL-----"), issued.pem());
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        assertEquals(issued.crl(), factory.generateCRL(new ByteArrayInputStream(issued.der())));
        assertEquals(issued.crl(), factory.generateCRL(new ByteArrayInputStream(issued.pem().getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void crlSpecSignsWithAnEcIssuerAndDatesRelativeToNow() throws Exception {
        IssuedCertificate ecRoot = CATALOG.get(FixtureName.TEST_ROOT_EC);
        IssuedCrl crl = CrlSpec.issuedBy(ecRoot).revoke(BigInteger.valueOf(42)).now(CATALOG.now())
                .validity(Duration.ofDays(-2), Duration.ofDays(3)).number(7).build();
        crl.crl().verify(ecRoot.certificate().getPublicKey());
        assertEquals("SHA384withECDSA", crl.crl().getSigAlgName());
        assertEquals(CATALOG.now().plus(Duration.ofDays(3)).getEpochSecond(), crl.crl().getNextUpdate().toInstant().getEpochSecond());
        assertEquals(CATALOG.now().minus(Duration.ofDays(2)).getEpochSecond(), crl.crl().getThisUpdate().toInstant().getEpochSecond());
        assertTrue(crl.crl().getRevokedCertificate(BigInteger.valueOf(42)) != null);
        assertEquals(BigInteger.valueOf(7), crlNumber(crl.crl()));
    }

    private static void validateWithCrl(X509Certificate root, X509Certificate leaf, X509CRL crl) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(true);
        parameters.setDate(Date.from(CATALOG.now()));
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    private static BigInteger crlNumber(X509CRL crl) {
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.20")).getOctets()).getValue();
    }
}

package io.sipshield.certs;

import static io.sipshield.certs.SharedCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;

/** The builder's named calls, one by one, including what it refuses to build. */
class CertificateSpecTest {

    private static final KeyPair EC_KEYS = KeyAlgorithm.EC_P256.generate(new SecureRandom());

    @Test
    void defaultLeafIsCaFalseWithTlsKeyUsage() {
        X509Certificate leaf = CertificateSpec.leaf("a.test").keyPair(EC_KEYS).build().certificate();
        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getKeyUsage()[KeyUsageBit.DIGITAL_SIGNATURE.index()]);
        assertEquals("SHA256withECDSA", leaf.getSigAlgName(), "a self-signed EC certificate signs with ECDSA");
    }

    @Test
    void keyUsageBitIndexesMatchTheJdkArray() {
        X509Certificate certificate = CertificateSpec.leaf("a.test").keyPair(EC_KEYS)
                .keyUsage(KeyUsageBit.KEY_AGREEMENT, KeyUsageBit.DATA_ENCIPHERMENT).build().certificate();
        boolean[] expected = new boolean[9];
        expected[4] = true;
        expected[3] = true;
        assertArrayEquals(expected, certificate.getKeyUsage());
        assertEquals(4, KeyUsageBit.KEY_AGREEMENT.index());
        assertEquals(6, KeyUsageBit.CRL_SIGN.index());
    }

    @Test
    void withoutKeyUsageLeavesTheExtensionOut() {
        X509Certificate certificate = CertificateSpec.leaf("a.test").keyPair(EC_KEYS).withoutKeyUsage().build().certificate();
        assertNull(certificate.getKeyUsage());
        assertFalse(certificate.getCriticalExtensionOIDs().contains("2.5.29.15"));
    }

    @Test
    void subjectTakesAFullDistinguishedNameMostSpecificFirst() {
        X509Certificate certificate = CertificateSpec.leaf("ignored").subject("CN=SEP001122334455, OU=MIC, O=sipshield, C=NZ")
                .keyPair(EC_KEYS).build().certificate();
        assertEquals(new X500Principal("CN=SEP001122334455, OU=MIC, O=sipshield, C=NZ"), certificate.getSubjectX500Principal());
        assertEquals("CN=SEP001122334455,OU=MIC,O=sipshield,C=NZ", certificate.getSubjectX500Principal().getName());
    }

    @Test
    void subjectThatIsNotADistinguishedNameIsRefusedWithTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CertificateSpec.leaf("x").subject("no equals sign here"));
        assertTrue(e.getMessage().contains("\"no equals sign here\""), e.getMessage());
    }

    @Test
    void subjectFromAPrincipalIsCopiedByteForByte() {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        X509Certificate copy = CertificateSpec.root("other").subject(root.getSubjectX500Principal()).keyPair(EC_KEYS)
                .build().certificate();
        assertArrayEquals(root.getSubjectX500Principal().getEncoded(), copy.getSubjectX500Principal().getEncoded());
    }

    @Test
    void pathLengthNeedsACa() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CertificateSpec.leaf("a.test").keyPair(EC_KEYS).pathLength(1).build());
        assertTrue(e.getMessage().contains("CN=a.test") && e.getMessage().contains("CA:TRUE"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> CertificateSpec.intermediate("ca").notCa().pathLength(0).keyPair(EC_KEYS).build());
        assertThrows(IllegalArgumentException.class, () -> CertificateSpec.root("r").pathLength(-1));
        assertEquals(3, CertificateSpec.root("r").pathLength(3).keyPair(EC_KEYS).build().certificate().getBasicConstraints());
    }

    @Test
    void ipNameConstraintNeedsAPrefixLength() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CertificateSpec.root("r").permittedIp("127.0.0.1"));
        assertTrue(missing.getMessage().contains("\"127.0.0.1\"") && missing.getMessage().contains("prefix"), missing.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> CertificateSpec.root("r").excludedIp("not.an.ip/8"));
        assertTrue(bad.getMessage().contains("\"not.an.ip/8\""), bad.getMessage());
    }

    @Test
    void excludedSubtreesAreWrittenCritical() {
        X509Certificate root = CertificateSpec.root("r").excludedDns("example.com").excludedIp("10.0.0.0/8").keyPair(EC_KEYS)
                .build().certificate();
        assertTrue(root.getCriticalExtensionOIDs().contains("2.5.29.30"));
        NameConstraints constraints = NameConstraints.getInstance(
                ASN1OctetString.getInstance(root.getExtensionValue("2.5.29.30")).getOctets());
        assertNull(constraints.getPermittedSubtrees());
        assertEquals(2, constraints.getExcludedSubtrees().length);
    }

    @Test
    void signatureAlgorithmThatDoesNotFitTheIssuerKeyIsRefusedByName() {
        IssuedCertificate ecIssuer = CertificateSpec.root("ec").keyPair(EC_KEYS).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CertificateSpec.leaf("a.test").keyPair(EC_KEYS).signatureAlgorithm("SHA1withRSA").issuedBy(ecIssuer).build());
        assertTrue(e.getMessage().contains("SHA1withRSA") && e.getMessage().contains("CN=a.test"), e.getMessage());
    }

    @Test
    void arbitraryExtensionsKeepTheirCriticality() throws Exception {
        X509Certificate certificate = CertificateSpec.leaf("a.test").keyPair(EC_KEYS)
                .extension("1.3.6.1.4.1.32473.9", false, DERNull.INSTANCE.getEncoded())
                .criticalExtension("1.3.6.1.4.1.32473.10", DERNull.INSTANCE.getEncoded())
                .build().certificate();
        assertTrue(certificate.getNonCriticalExtensionOIDs().contains("1.3.6.1.4.1.32473.9"));
        assertTrue(certificate.getCriticalExtensionOIDs().contains("1.3.6.1.4.1.32473.10"));
        assertArrayEquals(DERNull.INSTANCE.getEncoded(),
                ASN1OctetString.getInstance(certificate.getExtensionValue("1.3.6.1.4.1.32473.9")).getOctets());
    }

    @Test
    void serialMayBeZeroOrNegative() {
        assertEquals(BigInteger.ZERO, CertificateSpec.leaf("a.test").keyPair(EC_KEYS).serial(BigInteger.ZERO).build()
                .certificate().getSerialNumber());
        assertEquals(BigInteger.valueOf(-5), CertificateSpec.leaf("a.test").keyPair(EC_KEYS).serial(BigInteger.valueOf(-5)).build()
                .certificate().getSerialNumber());
    }

    @Test
    void selfSignedUndoesIssuedBy() {
        IssuedCertificate issuer = CertificateSpec.root("issuer").keyPair(EC_KEYS).build();
        IssuedCertificate leaf = CertificateSpec.leaf("a.test").keyPair(EC_KEYS).issuedBy(issuer).selfSigned().build();
        assertEquals(List.of(leaf.certificate()), leaf.chain());
        assertEquals(leaf.certificate().getSubjectX500Principal(), leaf.certificate().getIssuerX500Principal());
    }

    @Test
    void noSubjectAltNameDropsEarlierNames() {
        X509Certificate certificate = CertificateSpec.leaf("a.test").sanDns("a.test").noSubjectAltName().keyPair(EC_KEYS)
                .build().certificate();
        assertNull(certificate.getExtensionValue("2.5.29.17"));
    }

    @Test
    void rsa1024KeysAreGenerated() {
        KeyPair keys = KeyAlgorithm.RSA_1024.generate(new SecureRandom());
        assertEquals(1024, ((RSAPublicKey) keys.getPublic()).getModulus().bitLength());
    }
}

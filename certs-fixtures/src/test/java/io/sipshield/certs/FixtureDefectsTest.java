package io.sipshield.certs;

import static io.sipshield.certs.CertificateTraits.subjectAltNames;
import static io.sipshield.certs.SharedCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture carries exactly its defect: compared with its reference certificate, trait by
 * trait (JDK X509Certificate API), it differs in exactly the traits the defect names. Then each
 * defect's value is checked on its own.
 */
class FixtureDefectsTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static final Set<String> ANOTHER_ROOT = Set.of("subject", "issuerName", "publicKey", "issuerKey");
    private static final Set<String> ANOTHER_ISSUER = Set.of("issuerName", "issuerKey");
    private static final Set<String> LONGER_CHAIN = Set.of("issuerName", "issuerKey", "chainLength");

    /** Each fixture: its reference, and the traits in which it must differ from it. */
    private static final Map<FixtureName, Case> CASES = cases();

    private record Case(FixtureName reference, Set<String> differences) {
    }

    private static Map<FixtureName, Case> cases() {
        Map<FixtureName, Case> cases = new EnumMap<>(FixtureName.class);
        FixtureName root = FixtureName.TEST_ROOT;
        cases.put(FixtureName.TEST_ROOT, new Case(root, Set.of()));
        cases.put(FixtureName.TEST_ROOT_EC, new Case(root, union(ANOTHER_ROOT, "signatureAlgorithm")));
        cases.put(FixtureName.OTHER_ROOT, new Case(root, ANOTHER_ROOT));
        cases.put(FixtureName.IMPOSTOR_ROOT, new Case(root, Set.of("publicKey", "issuerKey")));
        cases.put(FixtureName.EXPIRED_ROOT, new Case(root, union(ANOTHER_ROOT, "validity")));
        cases.put(FixtureName.PATH_LENGTH_0_ROOT, new Case(root, union(ANOTHER_ROOT, "basicConstraints")));
        cases.put(FixtureName.ALGO_ROOT, new Case(root, ANOTHER_ROOT));
        cases.put(FixtureName.CISCO_MANUFACTURING_ROOT, new Case(root, ANOTHER_ROOT));
        cases.put(FixtureName.CISCO_CAPF, new Case(root, ANOTHER_ROOT));

        FixtureName intermediate = FixtureName.TEST_INTERMEDIATE;
        cases.put(FixtureName.TEST_INTERMEDIATE, new Case(intermediate, Set.of()));
        cases.put(FixtureName.EXPIRED_INTERMEDIATE, new Case(intermediate, Set.of("subject", "validity")));
        cases.put(FixtureName.NON_CA_INTERMEDIATE, new Case(intermediate, Set.of("subject", "basicConstraints")));
        cases.put(FixtureName.INTERMEDIATE_WITHOUT_KEY_CERT_SIGN, new Case(intermediate, Set.of("subject", "keyUsage")));
        cases.put(FixtureName.ALGO_INTERMEDIATE, new Case(intermediate, ANOTHER_ROOT));
        cases.put(FixtureName.ALGO_ISSUING_CA, new Case(intermediate, union(ANOTHER_ROOT, "chainLength")));
        cases.put(FixtureName.CISCO_MANUFACTURING_CA, new Case(intermediate, ANOTHER_ROOT));

        FixtureName pbx = FixtureName.PBX_SERVER;
        cases.put(FixtureName.PBX_SERVER, new Case(pbx, Set.of()));
        cases.put(FixtureName.OTHER_HOST_SERVER, new Case(pbx, Set.of("subject", "subjectAltNames")));
        cases.put(FixtureName.PBX_SERVER_UNKNOWN_CA, new Case(pbx, ANOTHER_ISSUER));
        cases.put(FixtureName.PBX_SERVER_SELF_SIGNED, new Case(pbx, LONGER_CHAIN));
        cases.put(FixtureName.PBX_SERVER_EXPIRED, new Case(pbx, Set.of("validity")));
        cases.put(FixtureName.PBX_SERVER_EC, new Case(pbx,
                union(ANOTHER_ISSUER, "publicKey", "signatureAlgorithm", "keyUsage")));
        cases.put(FixtureName.PBX_SERVER_VIA_INTERMEDIATE, new Case(pbx, LONGER_CHAIN));
        cases.put(FixtureName.PBX_SERVER_VIA_EXPIRED_INTERMEDIATE, new Case(pbx, LONGER_CHAIN));
        cases.put(FixtureName.PBX_SERVER_VIA_NON_CA_INTERMEDIATE, new Case(pbx, LONGER_CHAIN));
        cases.put(FixtureName.PBX_SERVER_VIA_INTERMEDIATE_WITHOUT_KEY_CERT_SIGN, new Case(pbx, LONGER_CHAIN));
        cases.put(FixtureName.PBX_SERVER_VIA_EXPIRED_ROOT, new Case(pbx, ANOTHER_ISSUER));
        cases.put(FixtureName.PBX_SERVER_VIA_PATH_LENGTH_0_ROOT, new Case(pbx, LONGER_CHAIN));
        for (FixtureName name : chainDepthFixtures()) {
            cases.put(name, new Case(pbx, LONGER_CHAIN));
        }
        cases.put(FixtureName.PBX_SERVER_IP_ONLY, new Case(pbx, Set.of("subject", "subjectAltNames")));
        cases.put(FixtureName.PBX_SERVER_URI_ONLY, new Case(pbx, Set.of("subject", "subjectAltNames")));
        cases.put(FixtureName.PBX_SERVER_CN_ONLY, new Case(pbx, Set.of("subjectAltNames", "nonCriticalExtensions")));
        cases.put(FixtureName.PBX_SERVER_SAN_MISMATCH, new Case(pbx, Set.of("subjectAltNames")));
        cases.put(FixtureName.PBX_SERVER_WILDCARD, new Case(pbx, Set.of("subject", "subjectAltNames")));
        cases.put(FixtureName.PBX_SERVER_WILDCARD_CN_ONLY, new Case(pbx,
                Set.of("subject", "subjectAltNames", "nonCriticalExtensions")));
        cases.put(FixtureName.PBX_SERVER_DOUBLE_WILDCARD, new Case(pbx, Set.of("subject", "subjectAltNames")));
        cases.put(FixtureName.PBX_SERVER_PARTIAL_WILDCARD, new Case(pbx, Set.of("subject", "subjectAltNames")));
        cases.put(FixtureName.MX_ONE_SERVER, new Case(pbx, union(LONGER_CHAIN, "subject", "subjectAltNames")));
        cases.put(FixtureName.PBX_SERVER_NOT_YET_VALID, new Case(pbx, Set.of("validity")));
        cases.put(FixtureName.PBX_SERVER_CLIENT_AUTH_ONLY, new Case(pbx, Set.of("extendedKeyUsage")));
        cases.put(FixtureName.PBX_SERVER_SERVER_AND_CLIENT_AUTH, new Case(pbx, Set.of("extendedKeyUsage")));
        cases.put(FixtureName.PBX_SERVER_WRONG_KEY_USAGE, new Case(pbx, Set.of("keyUsage")));
        cases.put(FixtureName.PBX_SERVER_IMPOSTOR_ROOT, new Case(pbx, Set.of("issuerKey")));
        cases.put(FixtureName.PBX_SERVER_REVOKED, new Case(pbx, Set.of("nonCriticalExtensions")));
        cases.put(FixtureName.PBX_SERVER_SHA1, new Case(pbx, Set.of("signatureAlgorithm")));
        cases.put(FixtureName.PBX_SERVER_MD5, new Case(pbx, Set.of("signatureAlgorithm")));
        cases.put(FixtureName.PBX_SERVER_RSA_1024, new Case(pbx, Set.of("publicKey")));
        cases.put(FixtureName.PBX_SERVER_UNKNOWN_CRITICAL_EXTENSION, new Case(pbx, Set.of("criticalExtensions")));
        cases.put(FixtureName.PBX_SERVER_NEGATIVE_SERIAL, new Case(pbx, Set.of("serialSign")));

        FixtureName device = FixtureName.ALGO_DEVICE;
        cases.put(FixtureName.ALGO_DEVICE, new Case(device, Set.of()));
        cases.put(FixtureName.CLIENT_EXPIRED, new Case(device, Set.of("validity")));
        cases.put(FixtureName.CLIENT_UNTRUSTED_CA, new Case(device, LONGER_CHAIN));
        cases.put(FixtureName.CISCO_MIC, new Case(device, union(LONGER_CHAIN, "subject")));
        cases.put(FixtureName.CISCO_LSC, new Case(device, union(LONGER_CHAIN, "subject")));
        return cases;
    }

    static Stream<Arguments> everyFixture() {
        return Arrays.stream(FixtureName.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFixture")
    void differsFromItsReferenceInExactlyItsDefect(FixtureName name) throws Exception {
        Case expected = CASES.get(name);
        assertTrue(expected != null, name + " has no entry in this test's table: add its reference and defect traits");
        CertificateTraits reference = CertificateTraits.of(CATALOG.get(expected.reference()), CATALOG.now());
        CertificateTraits fixture = CertificateTraits.of(CATALOG.get(name), CATALOG.now());
        assertEquals(new TreeSet<>(expected.differences()), fixture.differencesFrom(reference),
                name.id() + " compared with " + expected.reference().id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFixture")
    void everySignatureInTheChainVerifiesWithTheNextKey(FixtureName name) throws Exception {
        List<X509Certificate> chain = CATALOG.get(name).chain();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate signer = i + 1 < chain.size() ? chain.get(i + 1) : chain.get(i);
            chain.get(i).verify(signer.getPublicKey());
            assertEquals(signer.getSubjectX500Principal(), chain.get(i).getIssuerX500Principal(),
                    name.id() + " depth " + i + ": issuer name is the next certificate's subject");
        }
        X509Certificate top = chain.get(chain.size() - 1);
        assertEquals(top.getSubjectX500Principal(), top.getIssuerX500Principal(), name.id() + ": the chain ends at a self-signed certificate");
    }

    @Test
    void goodFixturesHaveNoDefectAndBadOnesNameIt() {
        for (FixtureName name : List.of(FixtureName.PBX_SERVER, FixtureName.TEST_ROOT, FixtureName.TEST_INTERMEDIATE,
                FixtureName.ALGO_DEVICE, FixtureName.PBX_SERVER_VIA_INTERMEDIATE, FixtureName.PBX_SERVER_CHAIN_DEPTH_12)) {
            assertTrue(name.defect().isEmpty(), name.id() + " is meant to be accepted");
        }
        for (FixtureName name : List.of(FixtureName.PBX_SERVER_EXPIRED, FixtureName.IMPOSTOR_ROOT, FixtureName.NON_CA_INTERMEDIATE,
                FixtureName.PBX_SERVER_MD5, FixtureName.CLIENT_UNTRUSTED_CA, FixtureName.PBX_SERVER_NEGATIVE_SERIAL)) {
            assertFalse(name.defect().orElse("").isBlank(), name.id() + " names its defect");
        }
    }

    // ---- roots

    @Test
    void impostorRootHasTheTestRootsSubjectAndAnotherKey() throws Exception {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT).certificate();
        X509Certificate impostor = CATALOG.get(FixtureName.IMPOSTOR_ROOT).certificate();
        assertArrayEquals(root.getSubjectX500Principal().getEncoded(), impostor.getSubjectX500Principal().getEncoded());
        assertNotEquals(root.getPublicKey(), impostor.getPublicKey());
        X509Certificate leaf = CATALOG.get(FixtureName.PBX_SERVER_IMPOSTOR_ROOT).certificate();
        assertEquals(root.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertThrows(SignatureException.class, () -> leaf.verify(root.getPublicKey()));
        leaf.verify(impostor.getPublicKey());
    }

    @Test
    void ecRootIsP384AndSignsWithSha384() {
        X509Certificate root = CATALOG.get(FixtureName.TEST_ROOT_EC).certificate();
        assertEquals(384, ((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA384withECDSA", root.getSigAlgName());
        X509Certificate leaf = CATALOG.get(FixtureName.PBX_SERVER_EC).certificate();
        assertEquals(256, ((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA384withECDSA", leaf.getSigAlgName());
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, leaf.getKeyUsage(),
                "an EC leaf signs; it cannot encipher keys");
    }

    @Test
    void expiredRootExpiredYesterdayAndItsLeafIsItselfValid() throws Exception {
        X509Certificate root = CATALOG.get(FixtureName.EXPIRED_ROOT).certificate();
        assertThrows(CertificateExpiredException.class, () -> root.checkValidity(Date.from(CATALOG.now())));
        assertEquals(CATALOG.now().minus(Duration.ofDays(1)).getEpochSecond(), root.getNotAfter().toInstant().getEpochSecond());
        CATALOG.get(FixtureName.PBX_SERVER_VIA_EXPIRED_ROOT).certificate().checkValidity(Date.from(CATALOG.now()));
    }

    @Test
    void pathLengthZeroRootHasAnIntermediateBelowIt() {
        assertEquals(0, CATALOG.get(FixtureName.PATH_LENGTH_0_ROOT).certificate().getBasicConstraints());
        List<X509Certificate> chain = CATALOG.get(FixtureName.PBX_SERVER_VIA_PATH_LENGTH_0_ROOT).chain();
        assertEquals(3, chain.size());
        assertTrue(chain.get(1).getBasicConstraints() >= 0, "the middle certificate is a CA");
        assertEquals(CATALOG.get(FixtureName.PATH_LENGTH_0_ROOT).certificate(), chain.get(2));
    }

    // ---- intermediates

    @Test
    void nonCaIntermediateSaysCaFalseButKeepsKeyCertSign() {
        X509Certificate nonCa = CATALOG.get(FixtureName.NON_CA_INTERMEDIATE).certificate();
        assertEquals(-1, nonCa.getBasicConstraints());
        assertTrue(nonCa.getCriticalExtensionOIDs().contains("2.5.29.19"), "basic constraints present and critical");
        assertTrue(nonCa.getKeyUsage()[KeyUsageBit.KEY_CERT_SIGN.index()]);
        assertEquals(nonCa, CATALOG.get(FixtureName.PBX_SERVER_VIA_NON_CA_INTERMEDIATE).chain().get(1));
    }

    @Test
    void intermediateWithoutKeyCertSignIsStillACa() {
        X509Certificate ca = CATALOG.get(FixtureName.INTERMEDIATE_WITHOUT_KEY_CERT_SIGN).certificate();
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        assertFalse(ca.getKeyUsage()[KeyUsageBit.KEY_CERT_SIGN.index()]);
        assertTrue(ca.getKeyUsage()[KeyUsageBit.CRL_SIGN.index()]);
    }

    @Test
    void expiredIntermediateIsExpired() {
        X509Certificate ca = CATALOG.get(FixtureName.EXPIRED_INTERMEDIATE).certificate();
        assertThrows(CertificateExpiredException.class, () -> ca.checkValidity(Date.from(CATALOG.now())));
    }

    @Test
    void chainOfDepthNHasTheRootAtDepthNAndDistinctCaKeys() {
        List<FixtureName> depths = chainDepthFixtures();
        assertEquals(11, depths.size(), "depths 2 to 12");
        for (int i = 0; i < depths.size(); i++) {
            int depth = i + 2;
            List<X509Certificate> chain = CATALOG.get(depths.get(i)).chain();
            assertEquals(depth + 1, chain.size(), depths.get(i).id());
            assertEquals(CATALOG.get(FixtureName.TEST_ROOT).certificate(), chain.get(depth));
            Set<PublicKey> caKeys = new HashSet<>();
            chain.subList(1, chain.size()).forEach(ca -> caKeys.add(ca.getPublicKey()));
            assertEquals(depth, caKeys.size(), depths.get(i).id() + ": each CA in the chain has its own key");
        }
    }

    // ---- server identity

    @Test
    void identityVariantsNameExactlyWhatTheySay() throws Exception {
        assertEquals(Set.of("2:pbx.sip.test", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), sans(FixtureName.PBX_SERVER));
        assertEquals(Set.of("7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), sans(FixtureName.PBX_SERVER_IP_ONLY));
        assertEquals(Set.of("6:sip:pbx.sip.test"), sans(FixtureName.PBX_SERVER_URI_ONLY));
        assertNull(CATALOG.get(FixtureName.PBX_SERVER_CN_ONLY).certificate().getSubjectAlternativeNames());
        assertEquals(Set.of("2:wrong.sip.test"), sans(FixtureName.PBX_SERVER_SAN_MISMATCH));
        assertEquals(Set.of("2:*.sip.test"), sans(FixtureName.PBX_SERVER_WILDCARD));
        assertNull(CATALOG.get(FixtureName.PBX_SERVER_WILDCARD_CN_ONLY).certificate().getSubjectAlternativeNames());
        assertEquals(Set.of("2:*.*.sip.test"), sans(FixtureName.PBX_SERVER_DOUBLE_WILDCARD));
        assertEquals(Set.of("2:pbx*.sip.test"), sans(FixtureName.PBX_SERVER_PARTIAL_WILDCARD));
        assertEquals(Set.of("2:*.mx.sip.test", "2:lim1.mx.sip.test", "2:lim2.mx.sip.test", "2:lim3.mx.sip.test",
                "7:127.0.1.1", "7:127.0.1.2", "7:127.0.1.3"), sans(FixtureName.MX_ONE_SERVER));

        assertEquals("CN=pbx.sip.test", subject(FixtureName.PBX_SERVER_CN_ONLY));
        assertEquals("CN=pbx.sip.test", subject(FixtureName.PBX_SERVER_SAN_MISMATCH));
        assertEquals("CN=pbx", subject(FixtureName.PBX_SERVER_IP_ONLY));
        assertEquals("CN=pbx", subject(FixtureName.PBX_SERVER_URI_ONLY));
        assertEquals("CN=*.sip.test", subject(FixtureName.PBX_SERVER_WILDCARD_CN_ONLY));
        assertEquals("CN=*.mx.sip.test", subject(FixtureName.MX_ONE_SERVER));
    }

    // ---- server validity, purpose, signature, key, extensions

    @Test
    void notYetValidStartsTomorrow() {
        X509Certificate leaf = CATALOG.get(FixtureName.PBX_SERVER_NOT_YET_VALID).certificate();
        assertThrows(CertificateNotYetValidException.class, () -> leaf.checkValidity(Date.from(CATALOG.now())));
        assertThrows(CertificateExpiredException.class, () -> CATALOG.get(FixtureName.PBX_SERVER_EXPIRED).certificate()
                .checkValidity(Date.from(CATALOG.now())));
    }

    @Test
    void extendedKeyUsageVariants() throws Exception {
        assertEquals(List.of(SERVER_AUTH), eku(FixtureName.PBX_SERVER));
        assertEquals(List.of(CLIENT_AUTH), eku(FixtureName.PBX_SERVER_CLIENT_AUTH_ONLY));
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), eku(FixtureName.PBX_SERVER_SERVER_AND_CLIENT_AUTH));
    }

    @Test
    void wrongKeyUsageHasNoTlsBit() {
        boolean[] usage = CATALOG.get(FixtureName.PBX_SERVER_WRONG_KEY_USAGE).certificate().getKeyUsage();
        assertTrue(usage[KeyUsageBit.NON_REPUDIATION.index()]);
        for (KeyUsageBit tls : List.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT, KeyUsageBit.KEY_AGREEMENT)) {
            assertFalse(usage[tls.index()], tls.name());
        }
    }

    @Test
    void weakSignaturesAndWeakKey() {
        assertEquals("SHA256withRSA", CATALOG.get(FixtureName.PBX_SERVER).certificate().getSigAlgName());
        assertEquals("SHA1withRSA", CATALOG.get(FixtureName.PBX_SERVER_SHA1).certificate().getSigAlgName());
        assertEquals("MD5withRSA", CATALOG.get(FixtureName.PBX_SERVER_MD5).certificate().getSigAlgName());
        assertEquals(1024, ((RSAPublicKey) CATALOG.get(FixtureName.PBX_SERVER_RSA_1024).certificate().getPublicKey())
                .getModulus().bitLength());
        assertEquals(2048, ((RSAPublicKey) CATALOG.get(FixtureName.PBX_SERVER).certificate().getPublicKey())
                .getModulus().bitLength());
    }

    @Test
    void unknownCriticalExtensionIsUnsupportedForTheJdk() {
        X509Certificate leaf = CATALOG.get(FixtureName.PBX_SERVER_UNKNOWN_CRITICAL_EXTENSION).certificate();
        assertTrue(leaf.getCriticalExtensionOIDs().contains(CertificateSpec.UNKNOWN_EXTENSION_OID));
        assertTrue(leaf.hasUnsupportedCriticalExtension());
        assertFalse(CATALOG.get(FixtureName.PBX_SERVER).certificate().hasUnsupportedCriticalExtension());
    }

    @Test
    void negativeSerial() {
        assertEquals(BigInteger.valueOf(-FixtureCatalog.NEGATIVE_SERIAL_MAGNITUDE),
                CATALOG.get(FixtureName.PBX_SERVER_NEGATIVE_SERIAL).certificate().getSerialNumber());
        assertEquals(1, CATALOG.get(FixtureName.PBX_SERVER).certificate().getSerialNumber().signum());
    }

    @Test
    void revokedLeafNamesTheRootCrlDistributionPoint() throws Exception {
        X509Certificate leaf = CATALOG.get(FixtureName.PBX_SERVER_REVOKED).certificate();
        byte[] extension = leaf.getExtensionValue("2.5.29.31");
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        List<String> uris = new ArrayList<>();
        for (var point : points.getDistributionPoints()) {
            for (GeneralName name : GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()) {
                uris.add(name.getTagNo() + ":" + name.getName());
            }
        }
        assertEquals(List.of(GeneralName.uniformResourceIdentifier + ":" + CrlName.TEST_ROOT_CRL.distributionPoint()), uris);
        assertEquals("http://crl.sip.test/test-root-crl.crl", CrlName.TEST_ROOT_CRL.distributionPoint());
        assertNull(CATALOG.get(FixtureName.PBX_SERVER).certificate().getExtensionValue("2.5.29.31"));
    }

    // ---- client certificates

    @Test
    void algoDeviceCertificateHasTheMacAsCnAndAThreeLevelVendorChain() {
        IssuedCertificate device = CATALOG.get(FixtureName.ALGO_DEVICE);
        assertTrue(subject(FixtureName.ALGO_DEVICE).startsWith("CN=00:22:EE:01:02:03,"), subject(FixtureName.ALGO_DEVICE));
        assertEquals(List.of(device.certificate(), CATALOG.get(FixtureName.ALGO_ISSUING_CA).certificate(),
                CATALOG.get(FixtureName.ALGO_INTERMEDIATE).certificate(), CATALOG.get(FixtureName.ALGO_ROOT).certificate()),
                device.chain());
        assertEquals(-1, device.certificate().getBasicConstraints());
    }

    @Test
    void ciscoMicAndLscShareTheDeviceNameAndDifferInIssuer() {
        assertTrue(subject(FixtureName.CISCO_MIC).startsWith("CN=SEP001122334455,OU=Cisco-style MIC"), subject(FixtureName.CISCO_MIC));
        assertTrue(subject(FixtureName.CISCO_LSC).startsWith("CN=SEP001122334455,OU=Cisco-style LSC"), subject(FixtureName.CISCO_LSC));
        assertEquals(List.of(CATALOG.get(FixtureName.CISCO_MIC).certificate(), CATALOG.get(FixtureName.CISCO_MANUFACTURING_CA).certificate(),
                CATALOG.get(FixtureName.CISCO_MANUFACTURING_ROOT).certificate()), CATALOG.get(FixtureName.CISCO_MIC).chain());
        assertEquals(List.of(CATALOG.get(FixtureName.CISCO_LSC).certificate(), CATALOG.get(FixtureName.CISCO_CAPF).certificate()),
                CATALOG.get(FixtureName.CISCO_LSC).chain());
    }

    @Test
    void everyClientCertificateIsForClientAuthOnly() throws Exception {
        for (FixtureName name : FixtureName.values()) {
            if (name.kind() == FixtureKind.CLIENT) {
                assertEquals(List.of(CLIENT_AUTH), eku(name), name.id());
            }
        }
    }

    @Test
    void untrustedClientDoesNotVerifyWithTheAlgoChain() {
        X509Certificate client = CATALOG.get(FixtureName.CLIENT_UNTRUSTED_CA).certificate();
        assertEquals(CATALOG.get(FixtureName.OTHER_ROOT).certificate().getSubjectX500Principal(), client.getIssuerX500Principal());
        assertThrows(SignatureException.class,
                () -> client.verify(CATALOG.get(FixtureName.ALGO_ISSUING_CA).certificate().getPublicKey()));
        assertThrows(CertificateExpiredException.class, () -> CATALOG.get(FixtureName.CLIENT_EXPIRED).certificate()
                .checkValidity(Date.from(CATALOG.now())));
    }

    private static List<FixtureName> chainDepthFixtures() {
        return Arrays.stream(FixtureName.values()).filter(name -> name.id().startsWith("pbx-server-chain-depth-")).toList();
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static Set<String> sans(FixtureName name) throws Exception {
        return subjectAltNames(CATALOG.get(name).certificate());
    }

    private static String subject(FixtureName name) {
        return CATALOG.get(name).certificate().getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static List<String> eku(FixtureName name) throws Exception {
        return CATALOG.get(name).certificate().getExtendedKeyUsage();
    }
}

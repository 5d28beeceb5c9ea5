package io.sipshield.certs;

import static io.sipshield.certs.SharedCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue's roots are name-constrained to test names, critically, in the form verifiers
 * read; the JDK's PKIX validator enforces the constraint (a leaked root key cannot mint a
 * certificate for a real name), and every fixture issued below a root keeps to it.
 */
class NameConstraintsTest {

    private static final String NAME_CONSTRAINTS = "2.5.29.30";

    static Stream<FixtureName> roots() {
        return Arrays.stream(FixtureName.values()).filter(name -> name.kind() == FixtureKind.ROOT);
    }

    static Stream<FixtureName> everyFixture() {
        return Arrays.stream(FixtureName.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void everyRootPermitsOnlyTestNamesCritically(FixtureName root) {
        X509Certificate certificate = CATALOG.get(root).certificate();
        assertTrue(certificate.getCriticalExtensionOIDs().contains(NAME_CONSTRAINTS), root.id() + ": name constraints critical");
        NameConstraints constraints = nameConstraints(certificate);
        assertNull(constraints.getExcludedSubtrees(), "nothing excluded");
        List<String> permitted = new ArrayList<>();
        for (GeneralSubtree subtree : constraints.getPermittedSubtrees()) {
            GeneralName base = subtree.getBase();
            permitted.add(base.getTagNo() == GeneralName.iPAddress
                    ? "ip:" + Hex.toHexString(ASN1OctetString.getInstance(base.getName()).getOctets())
                    : "dns:" + DERIA5String.getInstance(base.getName()).getString());
        }
        assertEquals(List.of("dns:test", "dns:invalid", "ip:7f000000ff000000",
                "ip:00000000000000000000000000000001ffffffffffffffffffffffffffffffff"), permitted,
                "RFC 5280 dNSName form without a leading dot; IPs as address and mask");
    }

    @Test
    void intermediatesAndLeavesCarryNoNameConstraints() {
        assertNull(CATALOG.get(FixtureName.TEST_INTERMEDIATE).certificate().getExtensionValue(NAME_CONSTRAINTS));
        assertNull(CATALOG.get(FixtureName.PBX_SERVER).certificate().getExtensionValue(NAME_CONSTRAINTS));
    }

    @Test
    void jdkPkixAcceptsTestNamesFromTheRoot() throws Exception {
        IssuedCertificate root = CATALOG.get(FixtureName.TEST_ROOT);
        validate(root, CATALOG.get(FixtureName.PBX_SERVER).certificate());
        validate(root, CertificateSpec.leaf("a.b.invalid").sanDns("a.b.invalid").sanDns("test").sanIp("127.200.0.9")
                .sanIp("::1").serverAuth().issuedBy(root).build().certificate());
    }

    @Test
    void jdkPkixRejectsARealDnsNameFromALeakedRootKey() {
        IssuedCertificate root = CATALOG.get(FixtureName.TEST_ROOT);
        X509Certificate rogue = CertificateSpec.leaf("www.example.com").sanDns("www.example.com").serverAuth()
                .issuedBy(root).build().certificate();
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class, () -> validate(root, rogue));
        assertTrue(e.getMessage().contains("name constraints"), e.getMessage());
    }

    @Test
    void jdkPkixRejectsANameThatOnlyEndsInTheLettersTest() {
        IssuedCertificate root = CATALOG.get(FixtureName.TEST_ROOT);
        X509Certificate rogue = CertificateSpec.leaf("x").sanDns("attest").serverAuth().issuedBy(root).build().certificate();
        assertThrows(CertPathValidatorException.class, () -> validate(root, rogue));
    }

    @Test
    void jdkPkixRejectsRoutableAddresses() {
        IssuedCertificate root = CATALOG.get(FixtureName.TEST_ROOT);
        for (String address : List.of("8.8.8.8", "2001:db8::1", "::2")) {
            X509Certificate rogue = CertificateSpec.leaf("x").sanIp(address).serverAuth().issuedBy(root).build().certificate();
            assertThrows(CertPathValidatorException.class, () -> validate(root, rogue), address);
        }
    }

    @Test
    void constraintsAreInheritedThroughAnIntermediate() {
        IssuedCertificate root = CATALOG.get(FixtureName.TEST_ROOT);
        IssuedCertificate intermediate = CATALOG.get(FixtureName.TEST_INTERMEDIATE);
        X509Certificate rogue = CertificateSpec.leaf("sip.example.net").sanDns("sip.example.net").serverAuth()
                .issuedBy(intermediate).build().certificate();
        assertThrows(CertPathValidatorException.class,
                () -> validate(root, rogue, intermediate.certificate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFixture")
    void everyFixtureKeepsToItsRootsConstraints(FixtureName name) throws Exception {
        List<X509Certificate> chain = CATALOG.get(name).chain();
        X509Certificate top = chain.get(chain.size() - 1);
        if (top.getExtensionValue(NAME_CONSTRAINTS) == null) {
            assertEquals(FixtureKind.SERVER, name.kind(), name.id() + ": only a self-signed leaf has an unconstrained top");
            return;
        }
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        validator.intersectPermittedSubtree(nameConstraints(top).getPermittedSubtrees());
        for (X509Certificate certificate : chain.subList(0, chain.size() - 1)) {
            byte[] san = certificate.getExtensionValue("2.5.29.17");
            if (san == null) {
                continue;
            }
            for (GeneralName general : GeneralNames.getInstance(ASN1OctetString.getInstance(san).getOctets()).getNames()) {
                if (general.getTagNo() == GeneralName.dNSName || general.getTagNo() == GeneralName.iPAddress) {
                    validator.checkPermitted(general);
                }
            }
        }
    }

    @Test
    void bouncyCastleRejectsANameOutsideTheConstraints() {
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        validator.intersectPermittedSubtree(nameConstraints(CATALOG.get(FixtureName.TEST_ROOT).certificate()).getPermittedSubtrees());
        assertThrows(NameConstraintValidatorException.class,
                () -> validator.checkPermitted(new GeneralName(GeneralName.dNSName, "pbx.example.com")));
        assertThrows(NameConstraintValidatorException.class,
                () -> validator.checkPermitted(new GeneralName(GeneralName.iPAddress, "10.0.0.1")));
        assertThrows(NameConstraintValidatorException.class,
                () -> validator.checkPermitted(new GeneralName(GeneralName.dNSName, "attest")));
    }

    /**
     * The JDK does not apply a trust anchor certificate's own name constraints, so the root is also
     * put in the path, below itself as anchor: then its constraints apply to what follows.
     */
    private static void validate(IssuedCertificate root, X509Certificate leaf, X509Certificate... intermediates) throws Exception {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(List.of(intermediates));
        path.add(root.certificate());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(CATALOG.now()));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    private static NameConstraints nameConstraints(X509Certificate certificate) {
        return NameConstraints.getInstance(ASN1OctetString.getInstance(certificate.getExtensionValue(NAME_CONSTRAINTS)).getOctets());
    }
}

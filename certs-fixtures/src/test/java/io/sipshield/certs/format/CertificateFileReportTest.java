package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.IssuedCertificate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class CertificateFileReportTest {

    private final Instant now = Instant.now();

    private static CertificateFileContents contents(List<X509Certificate> certificates, Optional<DecodedPrivateKey> key,
                                                    List<X509CRL> crls) {
        return new CertificateFileContents("test.pem", CertificateFileFormat.PEM, certificates, key, crls, List.of("CERTIFICATE"));
    }

    @Test
    void aServerCertificateShowsEveryField() {
        IssuedCertificate pbx = TestPki.pbx();
        String text = CertificateFileReport.render(contents(List.of(pbx.certificate()),
                Optional.of(new DecodedPrivateKey(pbx.privateKey(), PrivateKeyEncoding.PKCS8)), List.of()), now);

        assertTrue(text.contains("format:                  PEM text (blocks: CERTIFICATE)"), text);
        assertTrue(text.contains("holds:                   1 certificate, 1 private key, 0 CRLs"), text);
        assertTrue(text.contains("subject:                 CN=pbx.sip.test"), text);
        assertTrue(text.contains("issuer:                  CN=sipshield test root RSA\n"), text);
        assertTrue(text.contains("(valid now)"), text);
        assertTrue(text.contains("public key:              RSA 2048"), text);
        assertTrue(text.contains("signature:               SHA256withRSA"), text);
        assertTrue(text.contains("subject alt names:       DNS:pbx.sip.test, IP:127.0.0.1"), text);
        assertTrue(text.contains("extended key usage:      serverAuth"), text);
        assertTrue(text.contains("basic constraints:       CA:FALSE  (critical)"), text);
        assertTrue(text.contains("key usage:               digitalSignature, keyEncipherment  (critical)"), text);
        assertTrue(text.contains("name constraints:        none"), text);
        assertTrue(text.contains("CRL distribution points: none"), text);
        assertTrue(text.contains("SHA-256:                 " + CertificateText.fingerprint(pbx.certificate())), text);
        assertTrue(text.contains("type:                    RSA 2048, PKCS#8"), text);
        assertTrue(text.contains("matches:                 certificate 1 (CN=pbx.sip.test)"), text);
        String exponent = ((RSAPrivateCrtKey) pbx.privateKey()).getPrivateExponent().toString(16);
        assertFalse(text.toLowerCase().contains(exponent.substring(0, 16)), "the private key must never be shown");
    }

    @Test
    void anExpiredSelfSignedCertificateAndAKeyOfAnother() {
        String text = CertificateFileReport.render(contents(List.of(TestPki.CATALOG.get(io.sipshield.certs.FixtureName.PBX_SERVER_EXPIRED)
                        .certificate(), TestPki.root().certificate()),
                Optional.of(new DecodedPrivateKey(TestPki.deep().server().privateKey(), PrivateKeyEncoding.TRADITIONAL)), List.of()), now);
        assertTrue(text.contains("(EXPIRED)"), text);
        assertTrue(text.contains("CN=sipshield test root RSA  (self-signed)"), text);
        assertTrue(text.contains("basic constraints:       CA:TRUE  (critical)"), text);
        assertTrue(text.contains("key usage:               digitalSignature, keyCertSign, cRLSign  (critical)"), text);
        assertTrue(text.contains("type:                    EC P-256, traditional (PKCS#1 / SEC1)"), text);
        assertTrue(text.contains("matches:                 no certificate in this file"), text);
    }

    @Test
    void nameConstraintsCrlDistributionPointsPathLengthAndUnknownExtensions() throws Exception {
        KeyPair keys = TestPki.deep().server().keyPair();
        X500Name name = new X500Name("CN=constrained CA");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(-5),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "ca.sip.test"), new GeneralName(GeneralName.iPAddress, "::1"),
            new GeneralName(GeneralName.iPAddress, "2001:db8:0:0:1:0:0:1")}));
        builder.addExtension(Extension.nameConstraints, true, new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, ".test")),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {127, 0, 0, 0, (byte) 255, 0, 0, 0})))},
            new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, "evil.test"))}));
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.sip.test/root.crl"))), null, null)}));
        builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, new DEROctetString(new byte[] {1}));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));

        String text = CertificateFileReport.render(contents(List.of(certificate), Optional.empty(), List.of()), now);

        assertTrue(text.contains("serial:                  -0x05 (-5)  NEGATIVE"), text);
        assertTrue(text.contains("basic constraints:       CA:TRUE, pathlen:0  (critical)"), text);
        assertTrue(text.contains("name constraints:        permitted DNS:.test, IP:127.0.0.0/8; excluded DNS:evil.test  (critical)"), text);
        assertTrue(text.contains("CRL distribution points: URI:http://crl.sip.test/root.crl"), text);
        assertTrue(text.contains("other extensions:        1.3.6.1.4.1.55555.1 (critical)"), text);
        assertTrue(text.contains("extended key usage:      none (any purpose)"), text);
        assertTrue(text.contains("subject alt names:       DNS:ca.sip.test, IP:::1, IP:2001:db8::1:0:0:1"), text);
        assertTrue(text.contains("public key:              EC P-256"), text);
    }

    @Test
    void aCrlShowsItsDatesAndRevokedSerials() {
        BigInteger serial = TestPki.pbx().certificate().getSerialNumber();
        String text = CertificateFileReport.render(contents(List.of(), Optional.empty(), List.of(TestPki.crl(TestPki.root(), serial))), now);
        assertTrue(text.contains("CRL 1 of 1"), text);
        assertTrue(text.contains("issuer:                  CN=sipshield test root RSA"), text);
        assertTrue(text.contains("next update:"), text);
        assertTrue(text.contains("revoked:                 1 serial"), text);
        assertTrue(text.contains(CertificateText.serial(serial) + "  revoked "), text);
        assertTrue(text.contains("reason KEY_COMPROMISE"), text);
    }
}

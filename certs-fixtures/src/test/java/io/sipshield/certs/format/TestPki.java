package io.sipshield.certs.format;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates the format tests write and read: the catalogue's fixtures, plus a deeper chain
 * (test root, primary intermediate, secondary intermediate, server) built with {@link CertificateSpec}
 * for MX-ONE's intermediate order. Built once per test JVM; never changed.
 */
final class TestPki {

    static final FixtureCatalog CATALOG = FixtureCatalog.create();

    private TestPki() {
    }

    static IssuedCertificate root() {
        return CATALOG.get(FixtureName.TEST_ROOT);
    }

    static IssuedCertificate pbx() {
        return CATALOG.get(FixtureName.PBX_SERVER);
    }

    static IssuedCertificate otherHost() {
        return CATALOG.get(FixtureName.OTHER_HOST_SERVER);
    }

    static IssuedCertificate selfSigned() {
        return CATALOG.get(FixtureName.PBX_SERVER_SELF_SIGNED);
    }

    /** root → primary → secondary → server, EC keys below the RSA root. */
    static Deep deep() {
        return Deep.INSTANCE;
    }

    record Deep(IssuedCertificate primary, IssuedCertificate secondary, IssuedCertificate server) {
        private static final Deep INSTANCE = build();

        private static Deep build() {
            IssuedCertificate primary = CertificateSpec.intermediate("sipshield primary CA").keyAlgorithm(KeyAlgorithm.EC_P256)
                    .issuedBy(root()).build();
            IssuedCertificate secondary = CertificateSpec.intermediate("sipshield secondary CA").keyAlgorithm(KeyAlgorithm.EC_P256)
                    .issuedBy(primary).build();
            IssuedCertificate server = CertificateSpec.leaf("*.mx.sip.test").sanDns("lim1.mx.sip.test").sanDns("lim2.mx.sip.test")
                    .sanIp("127.0.0.1").serverAuth().keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(secondary).build();
            return new Deep(primary, secondary, server);
        }
    }

    /** A CRL from {@code issuer} revoking the given serials (key compromise), valid for a week. */
    static X509CRL crl(IssuedCertificate issuer, BigInteger... revoked) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(Duration.ofHours(1))));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(30))), CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(issuer.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the test CRL", e);
        }
    }
}

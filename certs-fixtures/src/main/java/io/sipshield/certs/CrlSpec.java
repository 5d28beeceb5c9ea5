package io.sipshield.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One fluent chain per CRL, like {@link CertificateSpec}: who issues it, what it revokes, when it
 * is valid (relative to now).
 *
 * <pre>{@code
 * IssuedCrl crl = CrlSpec.issuedBy(root).revoke(revokedLeaf).build();
 * IssuedCrl stale = CrlSpec.issuedBy(root).revoke(revokedLeaf).expired().build();
 * }</pre>
 *
 * By default thisUpdate is an hour ago and nextUpdate a week ahead; revocations are dated
 * thisUpdate with reason keyCompromise. The CRL carries an authority key identifier and a CRL number.
 */
public final class CrlSpec {

    private final IssuedCertificate issuer;
    private final List<BigInteger> revoked = new ArrayList<>();
    private Instant now;
    private Duration thisUpdateOffset = Duration.ofHours(-1);
    private Duration nextUpdateOffset = Duration.ofDays(7);
    private BigInteger number = BigInteger.ONE;

    private CrlSpec(IssuedCertificate issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** A CRL signed by this CA's key. */
    public static CrlSpec issuedBy(IssuedCertificate issuer) {
        return new CrlSpec(issuer);
    }

    /** Lists this certificate's serial number as revoked. */
    public CrlSpec revoke(IssuedCertificate certificate) {
        return revoke(certificate.certificate().getSerialNumber());
    }

    public CrlSpec revoke(BigInteger serial) {
        revoked.add(Objects.requireNonNull(serial, "serial"));
        return this;
    }

    /** The instant dates are computed from (the wall clock by default). */
    public CrlSpec now(Instant now) {
        this.now = now;
        return this;
    }

    /** thisUpdate and nextUpdate, relative to now. */
    public CrlSpec validity(Duration thisUpdate, Duration nextUpdate) {
        this.thisUpdateOffset = thisUpdate;
        this.nextUpdateOffset = nextUpdate;
        return this;
    }

    /** Defect: issued eight days ago, next update due yesterday, so a verifier must treat it as stale. */
    public CrlSpec expired() {
        return validity(Duration.ofDays(-8), Duration.ofDays(-1));
    }

    /** The CRL number extension (default 1). */
    public CrlSpec number(long crlNumber) {
        this.number = BigInteger.valueOf(crlNumber);
        return this;
    }

    public IssuedCrl build() {
        Instant base = now != null ? now : Instant.now();
        Date thisUpdate = Date.from(base.plus(thisUpdateOffset));
        KeyPair keys = issuer.keyPair();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), thisUpdate);
        builder.setNextUpdate(Date.from(base.plus(nextUpdateOffset)));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, thisUpdate, CRLReason.keyCompromise);
        }
        String algorithm = SignatureAlgorithms.defaultFor(keys.getPublic());
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            X509CRL crl = new JcaX509CRLConverter().getCRL(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
            return new IssuedCrl(crl, issuer.certificate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the CRL of "
                    + issuer.certificate().getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }
}

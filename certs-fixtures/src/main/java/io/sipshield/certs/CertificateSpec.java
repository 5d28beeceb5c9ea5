package io.sipshield.certs;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One fluent chain per test certificate: what it is for, then who issues it.
 *
 * <pre>{@code
 * IssuedCertificate root = CertificateSpec.root("sipshield test root").build();
 * IssuedCertificate pbx = CertificateSpec.leaf("pbx.sip.test")
 *         .sanDns("pbx.sip.test").sanIp("127.0.0.1").serverAuth()
 *         .issuedBy(root).build();
 * }</pre>
 *
 * Dates are relative to {@link #now(Instant)} (the wall clock by default), so a valid
 * certificate stays valid and an expired one stays expired whenever it is generated.
 */
public final class CertificateSpec {

    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
    private static final Duration BACKDATE = Duration.ofDays(1);

    private final String commonName;
    private final boolean certificateAuthority;
    private Integer pathLength;
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
    private Instant now;
    private Duration notBeforeOffset = BACKDATE.negated();
    private Duration notAfterOffset = DEFAULT_VALIDITY;
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.RSA_2048;
    private KeyPair keyPair;
    private IssuedCertificate issuer;
    private SecureRandom random;

    private CertificateSpec(String commonName, boolean certificateAuthority) {
        this.commonName = Objects.requireNonNull(commonName, "commonName");
        this.certificateAuthority = certificateAuthority;
    }

    /** A self-signed certificate authority (unless {@link #issuedBy} is called, which makes it an intermediate). */
    public static CertificateSpec root(String commonName) {
        return new CertificateSpec(commonName, true);
    }

    /** A certificate authority meant to be issued by another one. */
    public static CertificateSpec intermediate(String commonName) {
        return new CertificateSpec(commonName, true);
    }

    /** An end-entity certificate (CA:FALSE). */
    public static CertificateSpec leaf(String commonName) {
        return new CertificateSpec(commonName, false);
    }

    public CertificateSpec pathLength(int maxIntermediates) {
        this.pathLength = maxIntermediates;
        return this;
    }

    public CertificateSpec sanDns(String name) {
        subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
        return this;
    }

    public CertificateSpec sanIp(String address) {
        subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address));
        return this;
    }

    public CertificateSpec sanUri(String uri) {
        subjectAltNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        return this;
    }

    /** Adds the TLS server authentication purpose (EKU id-kp-serverAuth). */
    public CertificateSpec serverAuth() {
        extendedKeyUsages.add(KeyPurposeId.id_kp_serverAuth);
        return this;
    }

    /** Adds the TLS client authentication purpose (EKU id-kp-clientAuth). */
    public CertificateSpec clientAuth() {
        extendedKeyUsages.add(KeyPurposeId.id_kp_clientAuth);
        return this;
    }

    /** The instant dates are computed from (the wall clock by default). */
    public CertificateSpec now(Instant now) {
        this.now = now;
        return this;
    }

    /** Valid from {@code notBefore} to {@code notAfter}, both relative to now. */
    public CertificateSpec validity(Duration notBefore, Duration notAfter) {
        this.notBeforeOffset = notBefore;
        this.notAfterOffset = notAfter;
        return this;
    }

    /** Expired yesterday: valid from a year and a day ago until a day ago. */
    public CertificateSpec expired() {
        return validity(Duration.ofDays(-366), Duration.ofDays(-1));
    }

    /** Valid from tomorrow for a year. */
    public CertificateSpec notYetValid() {
        return validity(Duration.ofDays(1), Duration.ofDays(366));
    }

    public CertificateSpec keyAlgorithm(KeyAlgorithm algorithm) {
        this.keyAlgorithm = algorithm;
        return this;
    }

    /** Uses this key pair instead of generating one (key generation dominates the cost of a certificate). */
    public CertificateSpec keyPair(KeyPair keyPair) {
        this.keyPair = keyPair;
        return this;
    }

    public CertificateSpec issuedBy(IssuedCertificate issuer) {
        this.issuer = issuer;
        return this;
    }

    public CertificateSpec random(SecureRandom random) {
        this.random = random;
        return this;
    }

    public IssuedCertificate build() {
        SecureRandom rng = random != null ? random : new SecureRandom();
        KeyPair subjectKeys = keyPair != null ? keyPair : keyAlgorithm.generate(rng);
        Instant base = now != null ? now : Instant.now();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        KeyPair signingKeys = issuer == null ? subjectKeys : issuer.keyPair();
        BigInteger serial = new BigInteger(63, rng).add(BigInteger.ONE);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName, serial,
                    Date.from(base.plus(notBeforeOffset)), Date.from(base.plus(notAfterOffset)),
                    subject, subjectKeys.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(signingKeys.getPublic()));
            if (certificateAuthority) {
                builder.addExtension(Extension.basicConstraints, true,
                        pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            }
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
            }
            if (!extendedKeyUsages.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new)));
            }
            String signatureAlgorithm = issuer == null ? keyAlgorithm.signatureAlgorithm()
                    : signatureAlgorithmFor(issuer.keyPair());
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(signingKeys.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            List<X509Certificate> issuers = issuer == null ? List.of() : issuer.chain();
            return new IssuedCertificate(certificate, subjectKeys, issuers);
        } catch (CertIOException | OperatorCreationException | CertificateException
                 | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the certificate for CN=" + commonName, e);
        }
    }

    private static String signatureAlgorithmFor(KeyPair keys) {
        String algorithm = keys.getPublic().getAlgorithm();
        if ("EC".equals(algorithm)) {
            int bits = ((java.security.interfaces.ECPublicKey) keys.getPublic()).getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? KeyAlgorithm.EC_P384.signatureAlgorithm() : KeyAlgorithm.EC_P256.signatureAlgorithm();
        }
        return KeyAlgorithm.RSA_2048.signatureAlgorithm();
    }
}

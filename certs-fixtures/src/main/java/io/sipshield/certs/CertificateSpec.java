package io.sipshield.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One fluent chain per test certificate: what it is for, then who issues it. Every defect is a
 * named call, never a hand-edited file.
 *
 * <pre>{@code
 * IssuedCertificate root = CertificateSpec.root("sipshield test root").testNameConstraints().build();
 * IssuedCertificate pbx = CertificateSpec.leaf("pbx.sip.test")
 *         .sanDns("pbx.sip.test").sanIp("127.0.0.1").serverAuth()
 *         .issuedBy(root).build();
 * IssuedCertificate weak = CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").serverAuth()
 *         .signatureAlgorithm("SHA1withRSA").issuedBy(root).build();
 * }</pre>
 *
 * Dates are relative to {@link #now(Instant)} (the wall clock by default), so a valid
 * certificate stays valid and an expired one stays expired whenever it is generated.
 *
 * <p>Defaults: a root or intermediate is {@code CA:TRUE} (critical basic constraints) with key usage
 * keyCertSign, cRLSign and digitalSignature; a leaf is {@code CA:FALSE} with digitalSignature and,
 * for RSA keys, keyEncipherment. Subject and authority key identifiers are always present. The
 * signature algorithm follows the signing key (SHA-256 with RSA, SHA-256 or SHA-384 with ECDSA).
 */
public final class CertificateSpec {

    /**
     * The DNS subtrees {@link #testNameConstraints()} permits: the reserved top-level domains
     * {@code .test} and {@code .invalid} (RFC 2606). Written without a leading dot, the RFC 5280
     * form that OpenSSL, Bouncy Castle and the JDK all read as "this domain and every name below it".
     */
    public static final List<String> TEST_PERMITTED_DNS = List.of("test", "invalid");

    /** The IP subtrees {@link #testNameConstraints()} permits: IPv4 loopback and IPv6 loopback. */
    public static final List<String> TEST_PERMITTED_IP = List.of("127.0.0.0/8", "::1/128");

    /**
     * The extension {@link #unknownCriticalExtension()} adds: an OID under IANA's documentation
     * enterprise number 32473 (RFC 5612), which no software implements.
     */
    public static final String UNKNOWN_EXTENSION_OID = "1.3.6.1.4.1.32473.1.1";

    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
    private static final Duration BACKDATE = Duration.ofDays(1);

    private final boolean certificateAuthority;
    private X500Name subject;
    private String label;
    private boolean basicConstraintsCa;
    private Integer pathLength;
    private Set<KeyUsageBit> keyUsage;
    private boolean keyUsagePresent = true;
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
    private final List<GeneralSubtree> permittedSubtrees = new ArrayList<>();
    private final List<GeneralSubtree> excludedSubtrees = new ArrayList<>();
    private final List<String> crlDistributionPoints = new ArrayList<>();
    private final List<RawExtension> extraExtensions = new ArrayList<>();
    private BigInteger serial;
    private String signatureAlgorithm;
    private Instant now;
    private Duration notBeforeOffset = BACKDATE.negated();
    private Duration notAfterOffset = DEFAULT_VALIDITY;
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.RSA_2048;
    private KeyPair keyPair;
    private IssuedCertificate issuer;
    private SecureRandom random;

    private CertificateSpec(String commonName, boolean certificateAuthority) {
        Objects.requireNonNull(commonName, "commonName");
        this.subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        this.label = "CN=" + commonName;
        this.certificateAuthority = certificateAuthority;
        this.basicConstraintsCa = certificateAuthority;
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

    /**
     * Replaces the subject with a full distinguished name in RFC 4514 / RFC 2253 form, most specific
     * first, as {@link X500Principal} reads it: {@code "CN=SEP001122334455, OU=MIC, O=sipshield, C=NZ"}.
     *
     * @throws IllegalArgumentException when the name cannot be parsed
     */
    public CertificateSpec subject(String distinguishedName) {
        Objects.requireNonNull(distinguishedName, "distinguishedName");
        X500Principal principal;
        try {
            principal = new X500Principal(distinguishedName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subject \"" + distinguishedName
                    + "\" is not a distinguished name: " + e.getMessage(), e);
        }
        return subject(principal);
    }

    /** Uses exactly this subject, byte for byte (an impostor CA copies its victim's subject this way). */
    public CertificateSpec subject(X500Principal principal) {
        this.subject = X500Name.getInstance(principal.getEncoded());
        this.label = principal.getName();
        return this;
    }

    /** Limits how many intermediates may follow this CA (basicConstraints pathLenConstraint). */
    public CertificateSpec pathLength(int maxIntermediates) {
        if (maxIntermediates < 0) {
            throw new IllegalArgumentException("pathLength must be 0 or more; was " + maxIntermediates);
        }
        this.pathLength = maxIntermediates;
        return this;
    }

    /** Defect: a CA-shaped certificate (keyCertSign kept) whose basic constraints say {@code CA:FALSE}. */
    public CertificateSpec notCa() {
        this.basicConstraintsCa = false;
        return this;
    }

    /** Defect: a CA ({@code CA:TRUE}) whose key usage lacks keyCertSign (cRLSign and digitalSignature only). */
    public CertificateSpec caWithoutKeyCertSign() {
        return keyUsage(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.CRL_SIGN);
    }

    /** Replaces the default key usage (critical) with exactly these bits. */
    public CertificateSpec keyUsage(KeyUsageBit first, KeyUsageBit... more) {
        this.keyUsage = EnumSet.of(first, more);
        this.keyUsagePresent = true;
        return this;
    }

    /** Leaves the key usage extension out entirely. */
    public CertificateSpec withoutKeyUsage() {
        this.keyUsage = null;
        this.keyUsagePresent = false;
        return this;
    }

    public CertificateSpec sanDns(String name) {
        subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
        return this;
    }

    /** An IPv4 or IPv6 address in text form ({@code 127.0.0.1}, {@code ::1}). */
    public CertificateSpec sanIp(String address) {
        subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address));
        return this;
    }

    public CertificateSpec sanUri(String uri) {
        subjectAltNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        return this;
    }

    /** No subjectAltName extension at all (the identity is only in the CN): drops any SAN added before. */
    public CertificateSpec noSubjectAltName() {
        subjectAltNames.clear();
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

    /**
     * Permits a DNS subtree in a critical name constraints extension. RFC 5280 form: {@code test}
     * permits {@code test} and every name ending in {@code .test}.
     */
    public CertificateSpec permittedDns(String domain) {
        permittedSubtrees.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
        return this;
    }

    /** Permits an IP range in CIDR form ({@code 127.0.0.0/8}, {@code ::1/128}). */
    public CertificateSpec permittedIp(String cidr) {
        permittedSubtrees.add(new GeneralSubtree(ipRange(cidr)));
        return this;
    }

    /** Excludes a DNS subtree (name constraints, critical). */
    public CertificateSpec excludedDns(String domain) {
        excludedSubtrees.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
        return this;
    }

    /** Excludes an IP range in CIDR form (name constraints, critical). */
    public CertificateSpec excludedIp(String cidr) {
        excludedSubtrees.add(new GeneralSubtree(ipRange(cidr)));
        return this;
    }

    /**
     * Name-constrains this CA to test names only: DNS {@link #TEST_PERMITTED_DNS} and IP
     * {@link #TEST_PERMITTED_IP}, critical. A leaked test key then cannot mint a certificate a
     * standard verifier accepts for a real host name or a routable address.
     */
    public CertificateSpec testNameConstraints() {
        TEST_PERMITTED_DNS.forEach(this::permittedDns);
        TEST_PERMITTED_IP.forEach(this::permittedIp);
        return this;
    }

    /** Adds a CRL distribution point (a full-name URI, such as {@code http://crl.sip.test/test-root-crl.crl}). */
    public CertificateSpec crlDistributionPoint(String uri) {
        crlDistributionPoints.add(Objects.requireNonNull(uri, "uri"));
        return this;
    }

    /**
     * Adds an arbitrary extension.
     *
     * @param oid      the extension's object identifier, dotted
     * @param critical its criticality flag
     * @param derValue the DER encoding of its value (the content of extnValue)
     */
    public CertificateSpec extension(String oid, boolean critical, byte[] derValue) {
        extraExtensions.add(new RawExtension(oid, critical, derValue));
        return this;
    }

    /** Adds a critical extension a verifier does not know and so must reject. */
    public CertificateSpec criticalExtension(String oid, byte[] derValue) {
        return extension(oid, true, derValue);
    }

    /** Defect: a critical extension ({@link #UNKNOWN_EXTENSION_OID}, a UTF8String) nobody implements. */
    public CertificateSpec unknownCriticalExtension() {
        try {
            return criticalExtension(UNKNOWN_EXTENSION_OID, new DERUTF8String("sipshield: unknown critical extension").getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a UTF8String", e);
        }
    }

    /** Uses this serial number instead of a random positive one; zero and negative values are allowed, as defects. */
    public CertificateSpec serial(BigInteger serial) {
        this.serial = Objects.requireNonNull(serial, "serial");
        return this;
    }

    /**
     * Signs with this JCA signature algorithm instead of the issuer key's default, e.g.
     * {@code "SHA1withRSA"} or {@code "MD5withRSA"} for weak-digest fixtures.
     */
    public CertificateSpec signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = Objects.requireNonNull(jcaName, "jcaName");
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

    /** Signed with its own key (the default when {@link #issuedBy} is not called): undoes {@code issuedBy}. */
    public CertificateSpec selfSigned() {
        this.issuer = null;
        return this;
    }

    public CertificateSpec random(SecureRandom random) {
        this.random = random;
        return this;
    }

    public IssuedCertificate build() {
        if (pathLength != null && !basicConstraintsCa) {
            throw new IllegalStateException("certificate " + label + ": a path length needs CA:TRUE");
        }
        SecureRandom rng = random != null ? random : new SecureRandom();
        KeyPair subjectKeys = keyPair != null ? keyPair : keyAlgorithm.generate(rng);
        Instant base = now != null ? now : Instant.now();
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        KeyPair signingKeys = issuer == null ? subjectKeys : issuer.keyPair();
        BigInteger serialNumber = serial != null ? serial : new BigInteger(63, rng).add(BigInteger.ONE);
        String algorithm = signatureAlgorithm != null ? signatureAlgorithm : SignatureAlgorithms.defaultFor(signingKeys.getPublic());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName, serialNumber,
                    Date.from(base.plus(notBeforeOffset)), Date.from(base.plus(notAfterOffset)),
                    subject, subjectKeys.getPublic());
            addExtensions(builder, subjectKeys, signingKeys);
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(signingKeys.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            List<X509Certificate> issuers = issuer == null ? List.of() : issuer.chain();
            return new IssuedCertificate(certificate, subjectKeys, issuers);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("certificate " + label + ": cannot sign with " + algorithm
                    + " using a " + signingKeys.getPrivate().getAlgorithm() + " key: " + e.getMessage(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the certificate " + label + ": " + e.getMessage(), e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder builder, KeyPair subjectKeys, KeyPair signingKeys)
            throws IOException, GeneralSecurityException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(signingKeys.getPublic()));
        builder.addExtension(Extension.basicConstraints, true, basicConstraints());
        if (keyUsagePresent) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(mask(effectiveKeyUsage(subjectKeys))));
        }
        if (!subjectAltNames.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
        }
        if (!extendedKeyUsages.isEmpty()) {
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new)));
        }
        if (!permittedSubtrees.isEmpty() || !excludedSubtrees.isEmpty()) {
            builder.addExtension(Extension.nameConstraints, true, new NameConstraints(
                    permittedSubtrees.isEmpty() ? null : permittedSubtrees.toArray(GeneralSubtree[]::new),
                    excludedSubtrees.isEmpty() ? null : excludedSubtrees.toArray(GeneralSubtree[]::new)));
        }
        if (!crlDistributionPoints.isEmpty()) {
            DistributionPoint[] points = crlDistributionPoints.stream()
                    .map(uri -> new DistributionPoint(new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, uri))), null, null))
                    .toArray(DistributionPoint[]::new);
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
        }
        for (RawExtension extension : extraExtensions) {
            builder.addExtension(new Extension(new ASN1ObjectIdentifier(extension.oid()), extension.critical(),
                    extension.derValue()));
        }
    }

    private BasicConstraints basicConstraints() {
        if (!basicConstraintsCa) {
            return new BasicConstraints(false);
        }
        return pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength);
    }

    private Set<KeyUsageBit> effectiveKeyUsage(KeyPair subjectKeys) {
        if (keyUsage != null) {
            return keyUsage;
        }
        if (certificateAuthority) {
            return EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN, KeyUsageBit.DIGITAL_SIGNATURE);
        }
        return subjectKeys.getPublic() instanceof RSAPublicKey
                ? EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT)
                : EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE);
    }

    private static int mask(Set<KeyUsageBit> bits) {
        int mask = 0;
        for (KeyUsageBit bit : bits) {
            mask |= bit.mask();
        }
        return mask;
    }

    private static GeneralName ipRange(String cidr) {
        if (cidr.indexOf('/') < 0) {
            throw new IllegalArgumentException("IP name constraint \"" + cidr + "\" needs a prefix length (127.0.0.0/8, ::1/128)");
        }
        try {
            return new GeneralName(GeneralName.iPAddress, cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IP name constraint \"" + cidr + "\" is not an address/prefix: " + e.getMessage(), e);
        }
    }

    /** An extension given as raw DER. */
    private record RawExtension(String oid, boolean critical, byte[] derValue) {
        RawExtension {
            Objects.requireNonNull(oid, "oid");
            derValue = derValue.clone();
        }
    }
}

package io.sipshield.emulator.tls;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * What OpenSSL derives from a certificate before judging it ({@code ossl_x509v3_cache_extensions}
 * in crypto/x509/v3_purp.c): basic constraints, key usages in OpenSSL's bit layout, key
 * identifiers, self-issued and self-signed (names equal, AKID matching its own SKID, signature
 * algorithm matching its own key: the signature itself is not checked), critical extensions the
 * verifier does not handle, and the key and digest strength.
 */
final class CertificateFacts {

    static final int KU_DIGITAL_SIGNATURE = 0x0080;
    static final int KU_KEY_ENCIPHERMENT = 0x0020;
    static final int KU_KEY_AGREEMENT = 0x0008;
    static final int KU_KEY_CERT_SIGN = 0x0004;
    static final int KU_CRL_SIGN = 0x0002;

    static final int XKU_SSL_SERVER = 0x1;
    static final int XKU_SSL_CLIENT = 0x2;
    static final int XKU_SGC = 0x10;
    static final int XKU_ANYEKU = 0x100;

    static final int NS_SSL_CLIENT = 0x80;
    static final int NS_SSL_SERVER = 0x40;
    static final int NS_SSL_CA = 0x04;
    static final int NS_ANY_CA = 0x07;

    /** Critical extensions OpenSSL's verifier handles ({@code X509_supported_extension}). */
    private static final Set<String> SUPPORTED_CRITICAL = Set.of(
            "2.16.840.1.113730.1.1",          // netscape-cert-type
            Extension.keyUsage.getId(),
            Extension.subjectAlternativeName.getId(),
            Extension.basicConstraints.getId(),
            Extension.certificatePolicies.getId(),
            Extension.cRLDistributionPoints.getId(),
            Extension.extendedKeyUsage.getId(),
            "1.3.6.1.5.5.7.1.7",              // sbgp-ipAddrBlock
            "1.3.6.1.5.5.7.1.8",              // sbgp-autonomousSysNum
            "1.3.6.1.5.5.7.48.1.5",           // OCSP no check
            Extension.policyConstraints.getId(),
            "1.3.6.1.5.5.7.1.14",             // proxyCertInfo
            Extension.nameConstraints.getId(),
            Extension.policyMappings.getId(),
            Extension.inhibitAnyPolicy.getId());

    private static final ASN1ObjectIdentifier NETSCAPE_CERT_TYPE = new ASN1ObjectIdentifier("2.16.840.1.113730.1.1");
    private static final ASN1ObjectIdentifier PROXY_CERT_INFO = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.14");

    final X509Certificate certificate;
    final X500Principal subject;
    final X500Principal issuer;
    final boolean version1;
    final boolean basicConstraints;
    final boolean ca;
    final int pathLength;
    final Integer keyUsage;
    final Integer extendedKeyUsage;
    final Integer netscapeCertType;
    final boolean proxy;
    final byte[] subjectKeyId;
    final AuthorityKeyIdentifier authorityKeyId;
    final GeneralNames subjectAltNames;
    final NameConstraints nameConstraints;
    final CRLDistPoint crlDistributionPoints;
    final boolean unhandledCriticalExtension;
    final boolean invalidExtension;
    final boolean selfIssued;
    final boolean selfSigned;
    final SignatureAlgorithms.KeyFamily keyFamily;
    final int keySecurityBits;
    final boolean explicitEcParameters;
    final AlgorithmIdentifier signatureAlgorithm;
    final int signatureSecurityBits;
    private final byte[] encoded;

    private CertificateFacts(X509Certificate certificate, Certificate parsed) throws CertificateEncodingException {
        this.certificate = certificate;
        this.encoded = certificate.getEncoded();
        this.subject = certificate.getSubjectX500Principal();
        this.issuer = certificate.getIssuerX500Principal();
        this.version1 = parsed.getVersionNumber() == 1;
        Extensions extensions = parsed.getTBSCertificate().getExtensions();
        ExtensionReader reader = new ExtensionReader(extensions);

        BasicConstraints constraints = reader.read(Extension.basicConstraints, BasicConstraints::getInstance);
        this.basicConstraints = constraints != null;
        this.ca = constraints != null && constraints.isCA();
        this.pathLength = constraints != null && constraints.getPathLenConstraint() != null
                ? constraints.getPathLenConstraint().intValue() : -1;
        ASN1BitString usage = reader.read(Extension.keyUsage, ASN1BitString::getInstance);
        this.keyUsage = usage == null ? null : bitsOf(usage.getBytes());
        this.extendedKeyUsage = reader.read(Extension.extendedKeyUsage, CertificateFacts::extendedKeyUsageBits);
        ASN1BitString netscape = reader.read(NETSCAPE_CERT_TYPE, ASN1BitString::getInstance);
        this.netscapeCertType = netscape == null ? null : (netscape.getBytes().length > 0 ? netscape.getBytes()[0] & 0xff : 0);
        this.proxy = extensions != null && extensions.getExtension(PROXY_CERT_INFO) != null;
        SubjectKeyIdentifier skid = reader.read(Extension.subjectKeyIdentifier, SubjectKeyIdentifier::getInstance);
        this.subjectKeyId = skid == null ? null : skid.getKeyIdentifier();
        this.authorityKeyId = reader.read(Extension.authorityKeyIdentifier, AuthorityKeyIdentifier::getInstance);
        this.subjectAltNames = reader.read(Extension.subjectAlternativeName, GeneralNames::getInstance);
        this.nameConstraints = reader.read(Extension.nameConstraints, NameConstraints::getInstance);
        this.crlDistributionPoints = reader.read(Extension.cRLDistributionPoints, CRLDistPoint::getInstance);
        this.invalidExtension = reader.failed();
        this.unhandledCriticalExtension = hasUnhandledCritical(extensions);

        SubjectPublicKeyInfo key = parsed.getSubjectPublicKeyInfo();
        this.keyFamily = SignatureAlgorithms.keyFamily(key.getAlgorithm().getAlgorithm());
        this.keySecurityBits = KeyStrength.securityBits(key);
        this.explicitEcParameters = KeyStrength.hasExplicitEcParameters(key);
        this.signatureAlgorithm = parsed.getSignatureAlgorithm();
        this.signatureSecurityBits = SignatureAlgorithms.securityBits(signatureAlgorithm);

        this.selfIssued = subject.equals(issuer);
        this.selfSigned = selfIssued && checkAuthorityKeyId(this, authorityKeyId) == null
                && SignatureAlgorithms.signerMatches(keyFamily, signatureAlgorithm);
    }

    /** Reads what OpenSSL derives from the certificate. */
    static CertificateFacts of(X509Certificate certificate) {
        try {
            return new CertificateFacts(certificate, Certificate.getInstance(certificate.getEncoded()));
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the certificate "
                    + certificate.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    /** The subject as shown to people (RFC 2253). */
    String subjectText() {
        return subject.getName();
    }

    /** OpenSSL's {@code X509_cmp}: the same certificate, byte for byte. */
    boolean sameCertificate(CertificateFacts other) {
        return Arrays.equals(encoded, other.encoded);
    }

    boolean keyUsageRejects(int wanted) {
        return keyUsage != null && (keyUsage & wanted) == 0;
    }

    boolean extendedKeyUsageRejects(int wanted) {
        return extendedKeyUsage != null && (extendedKeyUsage & wanted) == 0;
    }

    boolean netscapeTypeRejects(int wanted) {
        return netscapeCertType != null && (netscapeCertType & wanted) == 0;
    }

    /** Whether the signature verifies with {@code key}. */
    boolean signatureVerifiesWith(PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * OpenSSL's {@code check_ca}: 0 not a CA, 1 a CA by basicConstraints, 3 a self-signed v1
     * certificate, 4 keyCertSign without basicConstraints, 5 a Netscape CA type.
     */
    int caKind() {
        if (keyUsageRejects(KU_KEY_CERT_SIGN)) {
            return 0;
        }
        if (basicConstraints) {
            return ca ? 1 : 0;
        }
        if (version1 && selfSigned) {
            return 3;
        }
        if (keyUsage != null) {
            return 4;
        }
        if (netscapeCertType != null && (netscapeCertType & NS_ANY_CA) != 0) {
            return 5;
        }
        return 0;
    }

    /** OpenSSL's {@code ossl_x509_likely_issued}: null when {@code issuer} may have issued {@code subject}, else why not. */
    static VerifyError likelyIssued(CertificateFacts issuer, CertificateFacts subject) {
        if (!issuer.subject.equals(subject.issuer)) {
            return VerifyError.SUBJECT_ISSUER_MISMATCH;
        }
        VerifyError akid = checkAuthorityKeyId(issuer, subject.authorityKeyId);
        if (akid != null) {
            return akid;
        }
        return SignatureAlgorithms.signerMatches(issuer.keyFamily, subject.signatureAlgorithm)
                ? null : VerifyError.SIGNATURE_ALGORITHM_MISMATCH;
    }

    /** OpenSSL's {@code ossl_x509_signing_allowed}: null, or why the issuer's key usage forbids signing. */
    static VerifyError signingAllowed(CertificateFacts issuer, CertificateFacts subject) {
        if (subject.proxy) {
            return issuer.keyUsageRejects(KU_DIGITAL_SIGNATURE) ? VerifyError.KEYUSAGE_NO_DIGITAL_SIGNATURE : null;
        }
        return issuer.keyUsageRejects(KU_KEY_CERT_SIGN) ? VerifyError.KEYUSAGE_NO_CERTSIGN : null;
    }

    /** OpenSSL's {@code X509_check_akid}: null when the identifier fits {@code issuer}, else the mismatch. */
    static VerifyError checkAuthorityKeyId(CertificateFacts issuer, AuthorityKeyIdentifier akid) {
        if (akid == null) {
            return null;
        }
        if (akid.getKeyIdentifierObject() != null && issuer.subjectKeyId != null
                && !Arrays.equals(akid.getKeyIdentifierObject().getOctets(), issuer.subjectKeyId)) {
            return VerifyError.AKID_SKID_MISMATCH;
        }
        if (akid.getAuthorityCertSerialNumber() != null
                && !akid.getAuthorityCertSerialNumber().equals(issuer.certificate.getSerialNumber())) {
            return VerifyError.AKID_ISSUER_SERIAL_MISMATCH;
        }
        if (akid.getAuthorityCertIssuer() != null) {
            for (GeneralName name : akid.getAuthorityCertIssuer().getNames()) {
                if (name.getTagNo() == GeneralName.directoryName) {
                    X500Principal named = principal(X500Name.getInstance(name.getName()));
                    return named.equals(issuer.issuer) ? null : VerifyError.AKID_ISSUER_SERIAL_MISMATCH;
                }
            }
        }
        return null;
    }

    static X500Principal principal(X500Name name) {
        try {
            return new X500Principal(name.getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot encode the name " + name, e);
        }
    }

    /** The subjectAltNames, empty when there are none. */
    List<GeneralName> altNames() {
        return subjectAltNames == null ? List.of() : List.of(subjectAltNames.getNames());
    }

    private static int bitsOf(byte[] bytes) {
        int bits = bytes.length > 0 ? bytes[0] & 0xff : 0;
        if (bytes.length > 1) {
            bits |= (bytes[1] & 0xff) << 8;
        }
        return bits;
    }

    private static Integer extendedKeyUsageBits(Object value) {
        int bits = 0;
        for (ASN1Encodable element : ASN1Sequence.getInstance(value)) {
            KeyPurposeId purpose = KeyPurposeId.getInstance(element);
            if (purpose.equals(KeyPurposeId.id_kp_serverAuth)) {
                bits |= XKU_SSL_SERVER;
            } else if (purpose.equals(KeyPurposeId.id_kp_clientAuth)) {
                bits |= XKU_SSL_CLIENT;
            } else if (purpose.equals(KeyPurposeId.id_kp_emailProtection)) {
                bits |= 0x4;
            } else if (purpose.equals(KeyPurposeId.id_kp_codeSigning)) {
                bits |= 0x8;
            } else if (purpose.getId().equals("1.3.6.1.4.1.311.10.3.3") || purpose.getId().equals("2.16.840.1.113730.4.1")) {
                bits |= XKU_SGC;
            } else if (purpose.equals(KeyPurposeId.id_kp_OCSPSigning)) {
                bits |= 0x20;
            } else if (purpose.equals(KeyPurposeId.id_kp_timeStamping)) {
                bits |= 0x40;
            } else if (purpose.equals(KeyPurposeId.id_kp_dvcs)) {
                bits |= 0x80;
            } else if (purpose.equals(KeyPurposeId.anyExtendedKeyUsage)) {
                bits |= XKU_ANYEKU;
            }
        }
        return bits;
    }

    private static boolean hasUnhandledCritical(Extensions extensions) {
        if (extensions == null) {
            return false;
        }
        for (ASN1ObjectIdentifier oid : extensions.getCriticalExtensionOIDs()) {
            if (!SUPPORTED_CRITICAL.contains(oid.getId())) {
                return true;
            }
        }
        return false;
    }

    /** Reads extension values, remembering whether one could not be decoded (OpenSSL's EXFLAG_INVALID). */
    private static final class ExtensionReader {
        private final Extensions extensions;
        private boolean failed;

        ExtensionReader(Extensions extensions) {
            this.extensions = extensions;
        }

        <T> T read(ASN1ObjectIdentifier oid, java.util.function.Function<Object, T> parser) {
            if (extensions == null) {
                return null;
            }
            Extension extension = extensions.getExtension(oid);
            if (extension == null) {
                return null;
            }
            try {
                return parser.apply(extension.getParsedValue());
            } catch (IllegalArgumentException | IllegalStateException e) {
                failed = true;
                return null;
            }
        }

        boolean failed() {
            return failed;
        }
    }
}

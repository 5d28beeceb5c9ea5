package io.sipshield.certs;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The named certificates scenarios refer to ({@code certificate: pbx-server}, {@code trust: [test-root]}).
 * Each name says what the certificate is for ({@link #description()}) and the one thing wrong with it
 * ({@link #defect()}, empty for a good certificate). Server leaves are for {@code pbx.sip.test} with
 * SAN DNS pbx.sip.test, IP 127.0.0.1 and IP ::1, EKU serverAuth, issued by test-root, unless the name
 * says otherwise. Every root is name-constrained to .test, .invalid, 127.0.0.0/8 and ::1.
 */
public enum FixtureName {

    // ---- roots

    /** The sipshield test root CA (RSA 2048). */
    TEST_ROOT("test-root", FixtureKind.ROOT, "the sipshield test root CA (RSA 2048)", null),
    /** The sipshield EC test root (P-384). */
    TEST_ROOT_EC("test-root-ec", FixtureKind.ROOT, "the sipshield EC test root CA (P-384, SHA384withECDSA)", null),
    /** A root CA unrelated to the test root: a server it issued is from an unknown CA. */
    OTHER_ROOT("other-root", FixtureKind.ROOT, "an unrelated second root CA, trusted by nobody", null),
    /** The test root's subject with another key. */
    IMPOSTOR_ROOT("impostor-root", FixtureKind.ROOT, "a root CA posing as test-root",
            "same subject DN as test-root but a different key: what it signs does not verify with test-root's key"),
    /** A root CA that expired yesterday. */
    EXPIRED_ROOT("expired-root", FixtureKind.ROOT, "a root CA, for pbx-server-via-expired-root",
            "expired yesterday (valid from 10 years ago until a day ago)"),
    /** A root CA with pathLenConstraint 0. */
    PATH_LENGTH_0_ROOT("path-length-0-root", FixtureKind.ROOT, "a root CA that may issue leaves only",
            "basicConstraints pathLenConstraint 0: any intermediate below it violates the path length"),

    // ---- intermediates

    /** A valid intermediate CA issued by the test root. */
    TEST_INTERMEDIATE("test-intermediate", FixtureKind.INTERMEDIATE, "a valid intermediate CA issued by test-root", null),
    /** An intermediate CA that expired yesterday. */
    EXPIRED_INTERMEDIATE("expired-intermediate", FixtureKind.INTERMEDIATE, "an intermediate CA issued by test-root",
            "expired yesterday"),
    /** An intermediate whose basic constraints say CA:FALSE. */
    NON_CA_INTERMEDIATE("non-ca-intermediate", FixtureKind.INTERMEDIATE, "an issuing certificate from test-root",
            "basicConstraints CA:FALSE (key usage still has keyCertSign): it is not a CA"),
    /** A CA:TRUE intermediate whose key usage lacks keyCertSign. */
    INTERMEDIATE_WITHOUT_KEY_CERT_SIGN("intermediate-without-keycertsign", FixtureKind.INTERMEDIATE,
            "an intermediate CA issued by test-root", "CA:TRUE but key usage without keyCertSign (digitalSignature, cRLSign only)"),

    // ---- server leaves: the reference ones

    /** pbx.sip.test from the test root: SAN DNS and loopback IPs, serverAuth. */
    PBX_SERVER("pbx-server", FixtureKind.SERVER,
            "server certificate for pbx.sip.test (SAN DNS pbx.sip.test, IP 127.0.0.1, IP ::1), serverAuth, issued by test-root", null),
    /** A valid certificate from the test root for another host (other.sip.test): identity does not match. */
    OTHER_HOST_SERVER("other-host-server", FixtureKind.SERVER, "server certificate for other.sip.test only, issued by test-root",
            "identity: names other.sip.test, not pbx.sip.test (CN and SAN)"),
    /** pbx.sip.test, but issued by the unrelated root. */
    PBX_SERVER_UNKNOWN_CA("pbx-server-unknown-ca", FixtureKind.SERVER, "server certificate for pbx.sip.test issued by other-root",
            "unknown CA: issued by other-root, which phones do not trust"),
    /** pbx.sip.test, self-signed. */
    PBX_SERVER_SELF_SIGNED("pbx-server-self-signed", FixtureKind.SERVER, "server certificate for pbx.sip.test",
            "self-signed (CA:FALSE), no issuer to trust"),
    /** pbx.sip.test from the test root, expired yesterday. */
    PBX_SERVER_EXPIRED("pbx-server-expired", FixtureKind.SERVER, "server certificate for pbx.sip.test from test-root",
            "expired yesterday"),
    /** pbx.sip.test with an EC P-256 key from the EC test root. */
    PBX_SERVER_EC("pbx-server-ec", FixtureKind.SERVER,
            "server certificate for pbx.sip.test with an EC P-256 key, issued by test-root-ec (ECDSA chain)", null),

    // ---- server leaves: intermediates and chains

    /** pbx.sip.test issued by the test intermediate. */
    PBX_SERVER_VIA_INTERMEDIATE("pbx-server-via-intermediate", FixtureKind.SERVER,
            "server certificate for pbx.sip.test issued by test-intermediate (chain leaf, intermediate, root)", null),
    /** pbx.sip.test issued by the expired intermediate. */
    PBX_SERVER_VIA_EXPIRED_INTERMEDIATE("pbx-server-via-expired-intermediate", FixtureKind.SERVER,
            "server certificate for pbx.sip.test issued by expired-intermediate", "its intermediate CA expired yesterday"),
    /** pbx.sip.test issued by a CA:FALSE certificate. */
    PBX_SERVER_VIA_NON_CA_INTERMEDIATE("pbx-server-via-non-ca-intermediate", FixtureKind.SERVER,
            "server certificate for pbx.sip.test issued by non-ca-intermediate", "its issuer is CA:FALSE"),
    /** pbx.sip.test issued by a CA without keyCertSign. */
    PBX_SERVER_VIA_INTERMEDIATE_WITHOUT_KEY_CERT_SIGN("pbx-server-via-intermediate-without-keycertsign", FixtureKind.SERVER,
            "server certificate for pbx.sip.test issued by intermediate-without-keycertsign",
            "its issuer's key usage lacks keyCertSign"),
    /** pbx.sip.test issued by the expired root. */
    PBX_SERVER_VIA_EXPIRED_ROOT("pbx-server-via-expired-root", FixtureKind.SERVER,
            "server certificate for pbx.sip.test issued by expired-root (itself valid)", "its root expired yesterday"),
    /** pbx.sip.test under an intermediate under the pathLen 0 root. */
    PBX_SERVER_VIA_PATH_LENGTH_0_ROOT("pbx-server-via-path-length-0-root", FixtureKind.SERVER,
            "server certificate for pbx.sip.test issued by an intermediate of path-length-0-root",
            "path length exceeded: one intermediate below a root with pathLenConstraint 0"),
    /** Chain with the root at depth 2 (one intermediate). */
    PBX_SERVER_CHAIN_DEPTH_2("pbx-server-chain-depth-2", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 2: 1 intermediate, 3 certificates leaf to root", null),
    /** Chain with the root at depth 3. */
    PBX_SERVER_CHAIN_DEPTH_3("pbx-server-chain-depth-3", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 3: 2 intermediates, 4 certificates leaf to root", null),
    /** Chain with the root at depth 4. */
    PBX_SERVER_CHAIN_DEPTH_4("pbx-server-chain-depth-4", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 4: 3 intermediates, 5 certificates leaf to root", null),
    /** Chain with the root at depth 5. */
    PBX_SERVER_CHAIN_DEPTH_5("pbx-server-chain-depth-5", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 5: 4 intermediates, 6 certificates leaf to root", null),
    /** Chain with the root at depth 6. */
    PBX_SERVER_CHAIN_DEPTH_6("pbx-server-chain-depth-6", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 6: 5 intermediates, 7 certificates leaf to root", null),
    /** Chain with the root at depth 7. */
    PBX_SERVER_CHAIN_DEPTH_7("pbx-server-chain-depth-7", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 7: 6 intermediates, 8 certificates leaf to root", null),
    /** Chain with the root at depth 8. */
    PBX_SERVER_CHAIN_DEPTH_8("pbx-server-chain-depth-8", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 8: 7 intermediates, 9 certificates leaf to root", null),
    /** Chain with the root at depth 9. */
    PBX_SERVER_CHAIN_DEPTH_9("pbx-server-chain-depth-9", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 9: 8 intermediates, 10 certificates leaf to root", null),
    /** Chain with the root at depth 10. */
    PBX_SERVER_CHAIN_DEPTH_10("pbx-server-chain-depth-10", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 10: 9 intermediates, 11 certificates leaf to root", null),
    /** Chain with the root at depth 11. */
    PBX_SERVER_CHAIN_DEPTH_11("pbx-server-chain-depth-11", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 11: 10 intermediates, 12 certificates leaf to root", null),
    /** Chain with the root at depth 12. */
    PBX_SERVER_CHAIN_DEPTH_12("pbx-server-chain-depth-12", FixtureKind.SERVER,
            "server certificate for pbx.sip.test; root at depth 12: 11 intermediates, 13 certificates leaf to root", null),

    // ---- server leaves: identity

    /** The loopback addresses only in the SAN; CN "pbx", not a host name. */
    PBX_SERVER_IP_ONLY("pbx-server-ip-only", FixtureKind.SERVER, "server certificate for 127.0.0.1 and ::1",
            "SAN IP only (127.0.0.1, ::1), no DNS name; CN=pbx is not a host name"),
    /** Only a SIP URI in the SAN; CN "pbx". */
    PBX_SERVER_URI_ONLY("pbx-server-uri-only", FixtureKind.SERVER, "server certificate for sip:pbx.sip.test",
            "SAN URI sip:pbx.sip.test only (RFC 5922 style), no DNS or IP; CN=pbx is not a host name"),
    /** CN pbx.sip.test and no subjectAltName at all. */
    PBX_SERVER_CN_ONLY("pbx-server-cn-only", FixtureKind.SERVER, "server certificate for pbx.sip.test",
            "no subjectAltName: the host name is only in the CN"),
    /** CN pbx.sip.test, SAN DNS wrong.sip.test. */
    PBX_SERVER_SAN_MISMATCH("pbx-server-san-mismatch", FixtureKind.SERVER, "server certificate for pbx.sip.test",
            "CN=pbx.sip.test is right but the SAN names wrong.sip.test (RFC 6125 clients ignore the CN)"),
    /** CN and SAN *.sip.test. */
    PBX_SERVER_WILDCARD("pbx-server-wildcard", FixtureKind.SERVER, "wildcard server certificate for *.sip.test",
            "wildcard: CN and SAN DNS *.sip.test, no exact name"),
    /** CN *.sip.test and no SAN. */
    PBX_SERVER_WILDCARD_CN_ONLY("pbx-server-wildcard-cn-only", FixtureKind.SERVER, "wildcard server certificate",
            "wildcard in the CN only (CN=*.sip.test), no subjectAltName"),
    /** CN and SAN *.*.sip.test. */
    PBX_SERVER_DOUBLE_WILDCARD("pbx-server-double-wildcard", FixtureKind.SERVER, "wildcard server certificate",
            "two wildcard labels: CN and SAN DNS *.*.sip.test, which no RFC 6125 client accepts"),
    /** CN and SAN pbx*.sip.test. */
    PBX_SERVER_PARTIAL_WILDCARD("pbx-server-partial-wildcard", FixtureKind.SERVER, "wildcard server certificate",
            "partial-label wildcard: CN and SAN DNS pbx*.sip.test"),
    /** MX-ONE style wildcard certificate with every node in the SAN. */
    MX_ONE_SERVER("mx-one-server", FixtureKind.SERVER,
            "MX-ONE style server certificate: CN *.mx.sip.test, SAN DNS *.mx.sip.test, lim1/lim2/lim3.mx.sip.test and "
                    + "IP 127.0.1.1-127.0.1.3, issued by test-intermediate (for eri_sn_cert.pem)", null),

    // ---- server leaves: validity, purpose, issuer

    /** Valid from tomorrow. */
    PBX_SERVER_NOT_YET_VALID("pbx-server-not-yet-valid", FixtureKind.SERVER, "server certificate for pbx.sip.test from test-root",
            "not yet valid: valid from tomorrow for a year"),
    /** EKU clientAuth only. */
    PBX_SERVER_CLIENT_AUTH_ONLY("pbx-server-client-auth-only", FixtureKind.SERVER, "server certificate for pbx.sip.test",
            "extended key usage clientAuth only, no serverAuth"),
    /** EKU serverAuth and clientAuth. */
    PBX_SERVER_SERVER_AND_CLIENT_AUTH("pbx-server-server-and-client-auth", FixtureKind.SERVER,
            "server certificate for pbx.sip.test with EKU serverAuth and clientAuth (usable on both sides of mutual TLS)", null),
    /** Key usage nonRepudiation only. */
    PBX_SERVER_WRONG_KEY_USAGE("pbx-server-wrong-key-usage", FixtureKind.SERVER, "server certificate for pbx.sip.test",
            "key usage nonRepudiation only: no digitalSignature, keyEncipherment or keyAgreement for TLS"),
    /** Issued by the impostor root. */
    PBX_SERVER_IMPOSTOR_ROOT("pbx-server-impostor-root", FixtureKind.SERVER, "server certificate for pbx.sip.test",
            "issued by impostor-root: the issuer name matches test-root, the signature does not"),
    /** Revoked by test-root's CRL. */
    PBX_SERVER_REVOKED("pbx-server-revoked", FixtureKind.SERVER,
            "server certificate for pbx.sip.test from test-root with a CRL distribution point (http://crl.sip.test/test-root-crl.crl)",
            "revoked: listed in test-root-crl (keyCompromise)"),
    /** Signed with SHA-1. */
    PBX_SERVER_SHA1("pbx-server-sha1", FixtureKind.SERVER, "server certificate for pbx.sip.test from test-root",
            "signed with SHA1withRSA"),
    /** Signed with MD5. */
    PBX_SERVER_MD5("pbx-server-md5", FixtureKind.SERVER, "server certificate for pbx.sip.test from test-root",
            "signed with MD5withRSA"),
    /** A 1024-bit RSA key. */
    PBX_SERVER_RSA_1024("pbx-server-rsa-1024", FixtureKind.SERVER, "server certificate for pbx.sip.test from test-root",
            "RSA 1024-bit key, too small for OpenSSL security level 2"),
    /** An unknown critical extension. */
    PBX_SERVER_UNKNOWN_CRITICAL_EXTENSION("pbx-server-unknown-critical-extension", FixtureKind.SERVER,
            "server certificate for pbx.sip.test from test-root",
            "unknown critical extension " + CertificateSpec.UNKNOWN_EXTENSION_OID + " that a verifier must reject"),
    /** A negative serial number. */
    PBX_SERVER_NEGATIVE_SERIAL("pbx-server-negative-serial", FixtureKind.SERVER, "server certificate for pbx.sip.test from test-root",
            "negative serial number (-" + FixtureCatalog.NEGATIVE_SERIAL_MAGNITUDE + "), forbidden by RFC 5280 §4.1.2.2"),

    // ---- client certificates and their vendor CAs

    /** Algo-style vendor root. */
    ALGO_ROOT("algo-root", FixtureKind.ROOT, "Algo-style vendor root CA (trusted by a PBX that checks Algo devices)", null),
    /** Algo-style intermediate. */
    ALGO_INTERMEDIATE("algo-intermediate", FixtureKind.INTERMEDIATE, "Algo-style intermediate CA, issued by algo-root", null),
    /** Algo-style issuing CA. */
    ALGO_ISSUING_CA("algo-issuing-ca", FixtureKind.INTERMEDIATE, "Algo-style issuing CA, issued by algo-intermediate", null),
    /** Algo-style factory device certificate, CN = the MAC address. */
    ALGO_DEVICE("algo-device", FixtureKind.CLIENT,
            "Algo-style factory device certificate, CN=" + FixtureCatalog.ALGO_DEVICE_MAC
                    + " (the MAC address), EKU clientAuth, chain algo-issuing-ca, algo-intermediate, algo-root (for sipclient.pem)", null),
    /** Cisco-style manufacturing root ("Cisco Root CA 2048"-like). */
    CISCO_MANUFACTURING_ROOT("cisco-manufacturing-root", FixtureKind.ROOT,
            "Cisco-style manufacturing root CA (in the role of Cisco Root CA 2048)", null),
    /** Cisco-style manufacturing CA ("Cisco Manufacturing CA"-like). */
    CISCO_MANUFACTURING_CA("cisco-manufacturing-ca", FixtureKind.INTERMEDIATE,
            "Cisco-style manufacturing CA (in the role of Cisco Manufacturing CA), issued by cisco-manufacturing-root", null),
    /** Cisco-style MIC. */
    CISCO_MIC("cisco-mic", FixtureKind.CLIENT, "Cisco-style Manufacturer Installed Certificate, CN="
            + FixtureCatalog.CISCO_DEVICE_NAME + ", EKU clientAuth, issued by cisco-manufacturing-ca", null),
    /** Cisco-style CAPF CA. */
    CISCO_CAPF("cisco-capf", FixtureKind.ROOT, "CAPF-like CA that issues locally significant certificates (self-signed)", null),
    /** Cisco-style LSC. */
    CISCO_LSC("cisco-lsc", FixtureKind.CLIENT, "Cisco-style Locally Significant Certificate, CN="
            + FixtureCatalog.CISCO_DEVICE_NAME + ", EKU clientAuth, issued by cisco-capf", null),
    /** An expired Algo-style device certificate. */
    CLIENT_EXPIRED("client-expired", FixtureKind.CLIENT, "Algo-style device certificate (CN=" + FixtureCatalog.ALGO_DEVICE_MAC
            + ") issued by algo-issuing-ca", "expired yesterday"),
    /** A device certificate from a CA nobody trusts. */
    CLIENT_UNTRUSTED_CA("client-untrusted-ca", FixtureKind.CLIENT, "Algo-style device certificate (CN="
            + FixtureCatalog.ALGO_DEVICE_MAC + ") issued by other-root", "unknown CA: issued by other-root, which no PBX trusts");

    private final String id;
    private final FixtureKind kind;
    private final String description;
    private final String defect;

    FixtureName(String id, FixtureKind kind, String description, String defect) {
        this.id = id;
        this.kind = kind;
        this.description = description;
        this.defect = defect;
    }

    /** The name scenario files use. */
    public String id() {
        return id;
    }

    /** Root, intermediate, server or client certificate. */
    public FixtureKind kind() {
        return kind;
    }

    /** What the certificate is and what it is for. */
    public String description() {
        return description;
    }

    /** The one thing wrong with it, or empty for a certificate meant to be accepted. */
    public Optional<String> defect() {
        return Optional.ofNullable(defect);
    }

    public static Optional<FixtureName> byId(String id) {
        return Arrays.stream(values()).filter(name -> name.id.equals(id)).findFirst();
    }

    /** Every id, comma-separated, for error messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(FixtureName::id).collect(Collectors.joining(", "));
    }
}

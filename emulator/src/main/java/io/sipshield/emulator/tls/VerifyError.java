package io.sipshield.emulator.tls;

import java.util.Arrays;
import java.util.Optional;

/**
 * The certificate verification errors a phone can report: every OpenSSL 3.0 code
 * ({@code X509_V_ERR_*}, openssl/x509_vfy.h, with OpenSSL's number and
 * {@code X509_verify_cert_error_string} text), each with the D-Series flag PJSIP maps it to
 * ({@code verify_cb} in pjlib/src/pj/ssl_sock_ossl.c: codes it does not name set EUNKNOWN),
 * plus PJSIP's own server identity check.
 */
public enum VerifyError {
    UNSPECIFIED(1, "unspecified certificate verification error", VerifyFlag.EUNKNOWN),
    UNABLE_TO_GET_ISSUER_CERT(2, "unable to get issuer certificate", VerifyFlag.EISSUER_NOT_FOUND),
    UNABLE_TO_GET_CRL(3, "unable to get certificate CRL", VerifyFlag.ECRL_FAILURE),
    UNABLE_TO_DECRYPT_CERT_SIGNATURE(4, "unable to decrypt certificate's signature", VerifyFlag.EINVALID_FORMAT),
    UNABLE_TO_DECRYPT_CRL_SIGNATURE(5, "unable to decrypt CRL's signature", VerifyFlag.ECRL_FAILURE),
    UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY(6, "unable to decode issuer public key", VerifyFlag.EINVALID_FORMAT),
    CERT_SIGNATURE_FAILURE(7, "certificate signature failure", VerifyFlag.EISSUER_MISMATCH),
    CRL_SIGNATURE_FAILURE(8, "CRL signature failure", VerifyFlag.ECRL_FAILURE),
    CERT_NOT_YET_VALID(9, "certificate is not yet valid", VerifyFlag.EVALIDITY_PERIOD),
    CERT_HAS_EXPIRED(10, "certificate has expired", VerifyFlag.EVALIDITY_PERIOD),
    CRL_NOT_YET_VALID(11, "CRL is not yet valid", VerifyFlag.ECRL_FAILURE),
    CRL_HAS_EXPIRED(12, "CRL has expired", VerifyFlag.ECRL_FAILURE),
    ERROR_IN_CERT_NOT_BEFORE_FIELD(13, "format error in certificate's notBefore field", VerifyFlag.EINVALID_FORMAT),
    ERROR_IN_CERT_NOT_AFTER_FIELD(14, "format error in certificate's notAfter field", VerifyFlag.EINVALID_FORMAT),
    ERROR_IN_CRL_LAST_UPDATE_FIELD(15, "format error in CRL's lastUpdate field", VerifyFlag.ECRL_FAILURE),
    ERROR_IN_CRL_NEXT_UPDATE_FIELD(16, "format error in CRL's nextUpdate field", VerifyFlag.ECRL_FAILURE),
    OUT_OF_MEM(17, "out of memory", VerifyFlag.EUNKNOWN),
    DEPTH_ZERO_SELF_SIGNED_CERT(18, "self-signed certificate", VerifyFlag.EUNTRUSTED),
    SELF_SIGNED_CERT_IN_CHAIN(19, "self-signed certificate in certificate chain", VerifyFlag.EUNTRUSTED),
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY(20, "unable to get local issuer certificate", VerifyFlag.EUNTRUSTED),
    UNABLE_TO_VERIFY_LEAF_SIGNATURE(21, "unable to verify the first certificate", VerifyFlag.EISSUER_MISMATCH),
    CERT_CHAIN_TOO_LONG(22, "certificate chain too long", VerifyFlag.ECHAIN_TOO_LONG),
    CERT_REVOKED(23, "certificate revoked", VerifyFlag.EREVOKED),
    NO_ISSUER_PUBLIC_KEY(24, "issuer certificate doesn't have a public key", VerifyFlag.EUNKNOWN),
    PATH_LENGTH_EXCEEDED(25, "path length constraint exceeded", VerifyFlag.ECHAIN_TOO_LONG),
    INVALID_PURPOSE(26, "unsuitable certificate purpose", VerifyFlag.EINVALID_PURPOSE),
    CERT_UNTRUSTED(27, "certificate not trusted", VerifyFlag.EUNTRUSTED),
    CERT_REJECTED(28, "certificate rejected", VerifyFlag.EINVALID_PURPOSE),
    SUBJECT_ISSUER_MISMATCH(29, "subject issuer mismatch", VerifyFlag.EISSUER_MISMATCH),
    AKID_SKID_MISMATCH(30, "authority and subject key identifier mismatch", VerifyFlag.EISSUER_MISMATCH),
    AKID_ISSUER_SERIAL_MISMATCH(31, "authority and issuer serial number mismatch", VerifyFlag.EISSUER_MISMATCH),
    KEYUSAGE_NO_CERTSIGN(32, "key usage does not include certificate signing", VerifyFlag.EISSUER_MISMATCH),
    UNABLE_TO_GET_CRL_ISSUER(33, "unable to get CRL issuer certificate", VerifyFlag.EUNKNOWN),
    UNHANDLED_CRITICAL_EXTENSION(34, "unhandled critical extension", VerifyFlag.EUNKNOWN),
    KEYUSAGE_NO_CRL_SIGN(35, "key usage does not include CRL signing", VerifyFlag.EUNKNOWN),
    UNHANDLED_CRITICAL_CRL_EXTENSION(36, "unhandled critical CRL extension", VerifyFlag.EUNKNOWN),
    INVALID_NON_CA(37, "invalid non-CA certificate (has CA markings)", VerifyFlag.EUNKNOWN),
    PROXY_PATH_LENGTH_EXCEEDED(38, "proxy path length constraint exceeded", VerifyFlag.EUNKNOWN),
    KEYUSAGE_NO_DIGITAL_SIGNATURE(39, "key usage does not include digital signature", VerifyFlag.EUNKNOWN),
    PROXY_CERTIFICATES_NOT_ALLOWED(40, "proxy certificates not allowed, please set the appropriate flag", VerifyFlag.EUNKNOWN),
    INVALID_EXTENSION(41, "invalid or inconsistent certificate extension", VerifyFlag.EUNKNOWN),
    INVALID_POLICY_EXTENSION(42, "invalid or inconsistent certificate policy extension", VerifyFlag.EUNKNOWN),
    NO_EXPLICIT_POLICY(43, "no explicit policy", VerifyFlag.EUNKNOWN),
    DIFFERENT_CRL_SCOPE(44, "different CRL scope", VerifyFlag.EUNKNOWN),
    UNSUPPORTED_EXTENSION_FEATURE(45, "unsupported extension feature", VerifyFlag.EUNKNOWN),
    UNNESTED_RESOURCE(46, "RFC 3779 resource not subset of parent's resources", VerifyFlag.EUNKNOWN),
    PERMITTED_VIOLATION(47, "permitted subtree violation", VerifyFlag.EUNKNOWN),
    EXCLUDED_VIOLATION(48, "excluded subtree violation", VerifyFlag.EUNKNOWN),
    SUBTREE_MINMAX(49, "name constraints minimum and maximum not supported", VerifyFlag.EUNKNOWN),
    APPLICATION_VERIFICATION(50, "application verification failure", VerifyFlag.EUNKNOWN),
    UNSUPPORTED_CONSTRAINT_TYPE(51, "unsupported name constraint type", VerifyFlag.EUNKNOWN),
    UNSUPPORTED_CONSTRAINT_SYNTAX(52, "unsupported or invalid name constraint syntax", VerifyFlag.EUNKNOWN),
    UNSUPPORTED_NAME_SYNTAX(53, "unsupported or invalid name syntax", VerifyFlag.EUNKNOWN),
    CRL_PATH_VALIDATION_ERROR(54, "CRL path validation error", VerifyFlag.EUNKNOWN),
    PATH_LOOP(55, "path loop", VerifyFlag.EUNKNOWN),
    SUITE_B_INVALID_VERSION(56, "Suite B: certificate version invalid", VerifyFlag.EUNKNOWN),
    SUITE_B_INVALID_ALGORITHM(57, "Suite B: invalid public key algorithm", VerifyFlag.EUNKNOWN),
    SUITE_B_INVALID_CURVE(58, "Suite B: invalid ECC curve", VerifyFlag.EUNKNOWN),
    SUITE_B_INVALID_SIGNATURE_ALGORITHM(59, "Suite B: invalid signature algorithm", VerifyFlag.EUNKNOWN),
    SUITE_B_LOS_NOT_ALLOWED(60, "Suite B: curve not allowed for this LOS", VerifyFlag.EUNKNOWN),
    SUITE_B_CANNOT_SIGN_P_384_WITH_P_256(61, "Suite B: cannot sign P-384 with P-256", VerifyFlag.EUNKNOWN),
    HOSTNAME_MISMATCH(62, "hostname mismatch", VerifyFlag.EUNKNOWN),
    EMAIL_MISMATCH(63, "email address mismatch", VerifyFlag.EUNKNOWN),
    IP_ADDRESS_MISMATCH(64, "IP address mismatch", VerifyFlag.EUNKNOWN),
    DANE_NO_MATCH(65, "no matching DANE TLSA records", VerifyFlag.EUNKNOWN),
    EE_KEY_TOO_SMALL(66, "EE certificate key too weak", VerifyFlag.EUNKNOWN),
    CA_KEY_TOO_SMALL(67, "CA certificate key too weak", VerifyFlag.EUNKNOWN),
    CA_MD_TOO_WEAK(68, "CA signature digest algorithm too weak", VerifyFlag.EUNKNOWN),
    INVALID_CALL(69, "invalid certificate verification context", VerifyFlag.EUNKNOWN),
    STORE_LOOKUP(70, "issuer certificate lookup error", VerifyFlag.EUNKNOWN),
    NO_VALID_SCTS(71, "Certificate Transparency required, but no valid SCTs found", VerifyFlag.EUNKNOWN),
    PROXY_SUBJECT_NAME_VIOLATION(72, "proxy subject name violation", VerifyFlag.EUNKNOWN),
    OCSP_VERIFY_NEEDED(73, "OCSP verification needed", VerifyFlag.EUNKNOWN),
    OCSP_VERIFY_FAILED(74, "OCSP verification failed", VerifyFlag.EUNKNOWN),
    OCSP_CERT_UNKNOWN(75, "OCSP unknown cert", VerifyFlag.EUNKNOWN),
    UNSUPPORTED_SIGNATURE_ALGORITHM(76, "Cannot find certificate signature algorithm", VerifyFlag.EUNKNOWN),
    SIGNATURE_ALGORITHM_MISMATCH(77, "subject signature algorithm and issuer public key algorithm mismatch", VerifyFlag.EUNKNOWN),
    SIGNATURE_ALGORITHM_INCONSISTENCY(78, "cert info signature and signature algorithm mismatch", VerifyFlag.EUNKNOWN),
    INVALID_CA(79, "invalid CA certificate", VerifyFlag.EINVALID_PURPOSE),
    PATHLEN_INVALID_FOR_NON_CA(80, "Path length invalid for non-CA cert", VerifyFlag.EUNKNOWN),
    PATHLEN_WITHOUT_KU_KEY_CERT_SIGN(81, "Path length given without key usage keyCertSign", VerifyFlag.EUNKNOWN),
    KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA(82, "Key usage keyCertSign invalid for non-CA cert", VerifyFlag.EUNKNOWN),
    ISSUER_NAME_EMPTY(83, "Issuer name empty", VerifyFlag.EUNKNOWN),
    SUBJECT_NAME_EMPTY(84, "Subject name empty", VerifyFlag.EUNKNOWN),
    MISSING_AUTHORITY_KEY_IDENTIFIER(85, "Missing Authority Key Identifier", VerifyFlag.EUNKNOWN),
    MISSING_SUBJECT_KEY_IDENTIFIER(86, "Missing Subject Key Identifier", VerifyFlag.EUNKNOWN),
    EMPTY_SUBJECT_ALT_NAME(87, "Empty Subject Alternative Name extension", VerifyFlag.EUNKNOWN),
    EMPTY_SUBJECT_SAN_NOT_CRITICAL(88, "Subject empty and Subject Alt Name extension not critical", VerifyFlag.EUNKNOWN),
    CA_BCONS_NOT_CRITICAL(89, "Basic Constraints of CA cert not marked critical", VerifyFlag.EUNKNOWN),
    AUTHORITY_KEY_IDENTIFIER_CRITICAL(90, "Authority Key Identifier marked critical", VerifyFlag.EUNKNOWN),
    SUBJECT_KEY_IDENTIFIER_CRITICAL(91, "Subject Key Identifier marked critical", VerifyFlag.EUNKNOWN),
    CA_CERT_MISSING_KEY_USAGE(92, "CA cert does not include key usage extension", VerifyFlag.EUNKNOWN),
    EXTENSIONS_REQUIRE_VERSION_3(93, "Using cert extension requires at least X509v3", VerifyFlag.EUNKNOWN),
    EC_KEY_EXPLICIT_PARAMS(94, "Certificate public key has explicit ECC parameters", VerifyFlag.EUNKNOWN),
    /** Not an OpenSSL code: PJSIP's own host check after the handshake (sip_transport_tls.c). */
    IDENTITY_NOT_MATCH(-1, "the certificate does not name the host dialled", VerifyFlag.EIDENTITY_NOT_MATCH);

    private static final String OPENSSL_PREFIX = "X509_V_ERR_";
    private static final String IDENTITY_CODE_NAME = "PJ_SSL_CERT_EIDENTITY_NOT_MATCH";

    private final int code;
    private final String text;
    private final VerifyFlag flag;

    VerifyError(int code, String text, VerifyFlag flag) {
        this.code = code;
        this.text = text;
        this.flag = flag;
    }

    /** OpenSSL's number for the error, -1 for the identity check. */
    public int code() {
        return code;
    }

    /** OpenSSL's wording ({@code X509_verify_cert_error_string}). */
    public String text() {
        return text;
    }

    /** The D-Series flag PJSIP sets for this error. */
    public VerifyFlag flag() {
        return flag;
    }

    /** True for OpenSSL's codes, false for PJSIP's identity check. */
    public boolean fromOpenSsl() {
        return code > 0;
    }

    /** The symbol: {@code X509_V_ERR_CERT_HAS_EXPIRED}, or {@code PJ_SSL_CERT_EIDENTITY_NOT_MATCH}. */
    public String codeName() {
        return fromOpenSsl() ? OPENSSL_PREFIX + name() : IDENTITY_CODE_NAME;
    }

    /** The error with OpenSSL's number {@code code}. */
    public static Optional<VerifyError> byCode(int code) {
        return Arrays.stream(values()).filter(error -> error.code == code && error.fromOpenSsl()).findFirst();
    }
}

package io.sipshield.emulator.tls;

/**
 * The OpenSSL certificate verification errors ({@code X509_V_ERR_*}, openssl/x509_vfy.h) the
 * validator reports, each with OpenSSL's number and text and the D-Series flag PJSIP maps it to
 * ({@code verify_cb} in pjlib/src/pj/ssl_sock_ossl.c).
 */
public enum VerifyError {
    UNABLE_TO_GET_ISSUER_CERT(2, "unable to get issuer certificate", VerifyFlag.EISSUER_NOT_FOUND),
    CERT_SIGNATURE_FAILURE(7, "certificate signature failure", VerifyFlag.EISSUER_MISMATCH),
    CERT_NOT_YET_VALID(9, "certificate is not yet valid", VerifyFlag.EVALIDITY_PERIOD),
    CERT_HAS_EXPIRED(10, "certificate has expired", VerifyFlag.EVALIDITY_PERIOD),
    DEPTH_ZERO_SELF_SIGNED_CERT(18, "self-signed certificate", VerifyFlag.EUNTRUSTED),
    SELF_SIGNED_CERT_IN_CHAIN(19, "self-signed certificate in certificate chain", VerifyFlag.EUNTRUSTED),
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY(20, "unable to get local issuer certificate", VerifyFlag.EUNTRUSTED),
    UNABLE_TO_VERIFY_LEAF_SIGNATURE(21, "unable to verify the first certificate", VerifyFlag.EISSUER_MISMATCH),
    INVALID_CA(24, "invalid CA certificate", VerifyFlag.EINVALID_PURPOSE),
    INVALID_PURPOSE(26, "unsupported certificate purpose", VerifyFlag.EINVALID_PURPOSE),
    /** Not an OpenSSL code: PJSIP's own host check after the handshake (sip_transport_tls.c). */
    IDENTITY_NOT_MATCH(-1, "the certificate does not name the host dialled", VerifyFlag.EIDENTITY_NOT_MATCH);

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

    public VerifyFlag flag() {
        return flag;
    }
}

package io.sipshield.harness.peers;

/**
 * What Kamailio's tls module asks of a phone's certificate, as its {@code tls.cfg} says it
 * (kamailio tls module docs, "verify_certificate" / "require_certificate"): {@code verify_certificate}
 * sets OpenSSL's SSL_VERIFY_PEER (ask for a certificate, reject one that does not verify),
 * {@code require_certificate} adds SSL_VERIFY_FAIL_IF_NO_PEER_CERT (reject a phone that sends none).
 */
public enum ClientCertificateMode {
    /** {@code verify_certificate=no, require_certificate=no}: no CertificateRequest is sent. */
    NONE(false, false),
    /** {@code verify_certificate=yes, require_certificate=no}: asked for, verified when sent, may be absent. */
    OPTIONAL(true, false),
    /** {@code verify_certificate=yes, require_certificate=yes}: a phone without one is refused. */
    REQUIRED(true, true);

    private final boolean verify;
    private final boolean require;

    ClientCertificateMode(boolean verify, boolean require) {
        this.verify = verify;
        this.require = require;
    }

    /** The value of {@code verify_certificate} in tls.cfg. */
    public String verifyCertificate() {
        return verify ? "yes" : "no";
    }

    /** The value of {@code require_certificate} in tls.cfg. */
    public String requireCertificate() {
        return require ? "yes" : "no";
    }
}

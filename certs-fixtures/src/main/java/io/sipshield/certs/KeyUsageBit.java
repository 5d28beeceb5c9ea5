package io.sipshield.certs;

import org.bouncycastle.asn1.x509.KeyUsage;

/** The bits of the X.509 key usage extension (RFC 5280 §4.2.1.3), for {@link CertificateSpec#keyUsage}. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    NON_REPUDIATION(KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),
    KEY_AGREEMENT(KeyUsage.keyAgreement),
    KEY_CERT_SIGN(KeyUsage.keyCertSign),
    CRL_SIGN(KeyUsage.cRLSign);

    private final int mask;

    KeyUsageBit(int mask) {
        this.mask = mask;
    }

    /** Bouncy Castle's mask for this bit. */
    int mask() {
        return mask;
    }

    /**
     * The index of this bit in {@link java.security.cert.X509Certificate#getKeyUsage()}'s array
     * (digitalSignature is 0, cRLSign is 6).
     */
    public int index() {
        return ordinal();
    }
}

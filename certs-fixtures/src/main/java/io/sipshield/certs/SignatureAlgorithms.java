package io.sipshield.certs;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

/** The signature algorithm a key signs certificates and CRLs with unless told otherwise. */
final class SignatureAlgorithms {

    private SignatureAlgorithms() {
    }

    /** SHA-256 with RSA for RSA keys; SHA-256 with ECDSA on P-256, SHA-384 with ECDSA on larger curves. */
    static String defaultFor(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? KeyAlgorithm.EC_P384.signatureAlgorithm() : KeyAlgorithm.EC_P256.signatureAlgorithm();
        }
        return KeyAlgorithm.RSA_2048.signatureAlgorithm();
    }
}

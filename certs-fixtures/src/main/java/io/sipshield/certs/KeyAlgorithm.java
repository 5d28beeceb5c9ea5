package io.sipshield.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** The key types test certificates are made with, and the signature algorithm each one signs with. */
public enum KeyAlgorithm {
    RSA_2048("RSA", 2048, null, "SHA256withRSA"),
    /** Too small for any current policy: for the "weak key" fixture only. */
    RSA_1024("RSA", 1024, null, "SHA256withRSA"),
    EC_P256("EC", 256, "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", 384, "secp384r1", "SHA384withECDSA");

    private final String jcaName;
    private final int bits;
    private final String curve;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, int bits, String curve, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.bits = bits;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The signature algorithm a key of this type signs certificates with by default (JCA name). */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve), random);
            } else {
                generator.initialize(bits, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + this + " keys", e);
        }
    }
}

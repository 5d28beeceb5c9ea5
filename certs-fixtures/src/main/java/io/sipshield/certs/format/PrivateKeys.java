package io.sipshield.certs.format;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/** Whether a private key belongs to a public key, and what kind of key a key is. Never shows key material. */
public final class PrivateKeys {

    private static final byte[] PROBE = "sipshield key match probe".getBytes(StandardCharsets.US_ASCII);

    private PrivateKeys() {
    }

    /**
     * True when {@code privateKey} is the private half of {@code publicKey}: RSA keys share their
     * modulus; any other key signs a probe that the public key verifies.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        if (privateKey instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey rsaPublic) {
            return rsa.getModulus().equals(rsaPublic.getModulus())
                    && rsa.getPublicExponent().equals(rsaPublic.getPublicExponent());
        }
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> privateKey.getAlgorithm();
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The key's type and size, e.g. "RSA 2048", "EC P-256", "Ed25519". */
    public static String describe(Key key) {
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return "EC " + curveName(key).orElse(ec.getParams().getCurve().getField().getFieldSize() + "-bit curve");
        }
        if (key instanceof DSAKey dsa) {
            return "DSA " + dsa.getParams().getP().bitLength();
        }
        return key.getAlgorithm();
    }

    private static Optional<String> curveName(Key key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            AlgorithmIdentifier algorithm = key instanceof PublicKey
                    ? SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm()
                    : PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm();
            ASN1Encodable parameters = algorithm.getParameters();
            if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
                return Optional.empty();
            }
            String nist = NISTNamedCurves.getName(curve);
            if (nist != null) {
                return Optional.of(nist);
            }
            return Optional.ofNullable(ECNamedCurveTable.getName(curve));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

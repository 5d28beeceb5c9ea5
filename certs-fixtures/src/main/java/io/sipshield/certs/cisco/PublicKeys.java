package io.sipshield.certs.cisco;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Public keys as a trust-list record stores them, and how they are described. */
final class PublicKeys {

    private PublicKeys() {
    }

    /** RSA: PKCS#1 RSAPublicKey DER (270 bytes for 2048-bit). EC: the X9.62 uncompressed point (0x04, X, Y). */
    static Octets encode(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            try {
                return new Octets(new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()).getEncoded("DER"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (key instanceof ECPublicKey ec) {
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            byte[] point = new byte[1 + 2 * size];
            point[0] = 0x04;
            unsigned(ec.getW().getAffineX(), point, 1, size);
            unsigned(ec.getW().getAffineY(), point, 1 + size, size);
            return new Octets(point);
        }
        throw new IllegalArgumentException("a trust-list record holds an RSA or EC key; this one is " + key.getAlgorithm());
    }

    /** "RSA 2048-bit", "EC 256-bit". */
    static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + "-bit";
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit";
        }
        return key.getAlgorithm();
    }

    /** The RSA modulus length in bytes: the length of a signature this key makes. */
    static int rsaSignatureLength(RSAPublicKey key) {
        return (key.getModulus().bitLength() + 7) / 8;
    }

    private static void unsigned(BigInteger number, byte[] into, int offset, int size) {
        byte[] bytes = number.toByteArray();
        int skip = bytes.length > size ? bytes.length - size : 0;
        System.arraycopy(bytes, skip, into, offset + size - (bytes.length - skip), bytes.length - skip);
    }
}

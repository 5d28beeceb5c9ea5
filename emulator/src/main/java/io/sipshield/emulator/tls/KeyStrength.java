package io.sipshield.emulator.tls;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * The security bits OpenSSL 3.0 gives a public key ({@code EVP_PKEY_get_security_bits}), which its
 * security levels compare with 80, 112, 128, 192 and 256 bits: RSA and DSA by the
 * integer-factorisation estimate of SP 800-56B ({@code ossl_ifc_ffc_compute_security_bits}), EC by
 * the size of the group order, EdDSA fixed.
 */
final class KeyStrength {

    /** The minimum bits of security levels 1 to 5 (x509_vfy.c, {@code minbits_table}). */
    private static final int[] LEVEL_BITS = {80, 112, 128, 192, 256};

    private KeyStrength() {
    }

    /** Whether {@code bits} of security meet {@code level} (0 or less: anything does). */
    static boolean meetsLevel(int bits, int level) {
        if (level <= 0) {
            return true;
        }
        return bits >= LEVEL_BITS[Math.min(level, LEVEL_BITS.length) - 1];
    }

    /** The security bits of the key, 0 when the key cannot be understood. */
    static int securityBits(SubjectPublicKeyInfo key) {
        try {
            switch (SignatureAlgorithms.keyFamily(key.getAlgorithm().getAlgorithm())) {
                case RSA, RSA_PSS:
                    return ifcSecurityBits(RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength());
                case DSA:
                    return dsaSecurityBits(key);
                case EC:
                    return ecSecurityBits(key);
                case ED25519:
                    return 128;
                case ED448:
                    return 224;
                default:
                    return 0;
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** Whether an EC key carries explicit curve parameters instead of a named curve. */
    static boolean hasExplicitEcParameters(SubjectPublicKeyInfo key) {
        return SignatureAlgorithms.keyFamily(key.getAlgorithm().getAlgorithm()) == SignatureAlgorithms.KeyFamily.EC
                && key.getAlgorithm().getParameters() instanceof ASN1Sequence;
    }

    private static int dsaSecurityBits(SubjectPublicKeyInfo key) {
        if (!(key.getAlgorithm().getParameters() instanceof ASN1Sequence)) {
            return 0;
        }
        DSAParameter params = DSAParameter.getInstance(key.getAlgorithm().getParameters());
        int fromP = ifcSecurityBits(params.getP().bitLength());
        return Math.min(fromP, params.getQ().bitLength() / 2);
    }

    private static int ecSecurityBits(SubjectPublicKeyInfo key) {
        X962Parameters params = X962Parameters.getInstance(key.getAlgorithm().getParameters());
        BigInteger order;
        ASN1Primitive inner = params.getParameters().toASN1Primitive();
        if (params.isNamedCurve()) {
            X9ECParameters curve = ECNamedCurveTable.getByOID((ASN1ObjectIdentifier) inner);
            if (curve == null) {
                return 0;
            }
            order = curve.getN();
        } else if (params.isImplicitlyCA() || inner instanceof ASN1Integer) {
            return 0;
        } else {
            order = X9ECParameters.getInstance(inner).getN();
        }
        int bits = order.bitLength();
        if (bits >= 512) {
            return 256;
        }
        if (bits >= 384) {
            return 192;
        }
        if (bits >= 256) {
            return 128;
        }
        if (bits >= 224) {
            return 112;
        }
        if (bits >= 160) {
            return 80;
        }
        return bits / 2;
    }

    /**
     * SP 800-56B rev 2 appendix D's estimate for an n-bit modulus, with OpenSSL's canonical
     * values for common sizes, rounded to a multiple of 8 and capped as OpenSSL does.
     */
    static int ifcSecurityBits(int n) {
        switch (n) {
            case 2048: return 112;
            case 3072: return 128;
            case 4096: return 152;
            case 6144: return 176;
            case 7680: return 192;
            case 8192: return 200;
            case 15360: return 256;
            default: break;
        }
        if (n >= 687737) {
            return 1200;
        }
        if (n < 8) {
            return 0;
        }
        int cap = n <= 7680 ? 192 : n <= 15360 ? 256 : 1200;
        double x = n * Math.log(2);
        double lx = Math.log(x);
        int estimate = (int) ((1.923 * Math.cbrt(x * lx * lx) - 4.69) / Math.log(2));
        int rounded = (estimate + 4) & ~7;
        return Math.min(rounded, cap);
    }
}

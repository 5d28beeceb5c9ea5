package io.sipshield.emulator.tls;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * What OpenSSL knows about a certificate's signature algorithm: which kind of key signs it
 * ({@code OBJ_find_sigid_algs}, used by {@code check_sig_alg_match}) and how many bits of
 * security its digest gives ({@code x509_sig_info_init}: half the digest size, except SHA-1
 * at 63 and MD5 at 39, so that both fail security level 1).
 */
final class SignatureAlgorithms {

    /** The key families OpenSSL matches a signature algorithm to an issuer key with. */
    enum KeyFamily { RSA, RSA_PSS, EC, DSA, ED25519, ED448, UNKNOWN }

    private record Info(KeyFamily family, int securityBits) {
    }

    private static final String RSA = "1.2.840.113549.1.1.";
    private static final String ECDSA = "1.2.840.10045.4.";
    private static final String NIST_SIG = "2.16.840.1.101.3.4.3.";

    private static final Map<String, Info> SIGNATURES = Map.ofEntries(
            Map.entry(RSA + "2", new Info(KeyFamily.RSA, -1)),     // md2WithRSAEncryption: MD2 is not available
            Map.entry(RSA + "3", new Info(KeyFamily.RSA, -1)),     // md4WithRSAEncryption: MD4 is not available
            Map.entry(RSA + "4", new Info(KeyFamily.RSA, 39)),     // md5WithRSAEncryption
            Map.entry(RSA + "5", new Info(KeyFamily.RSA, 63)),     // sha1WithRSAEncryption
            Map.entry(RSA + "14", new Info(KeyFamily.RSA, 112)),   // sha224WithRSAEncryption
            Map.entry(RSA + "11", new Info(KeyFamily.RSA, 128)),   // sha256WithRSAEncryption
            Map.entry(RSA + "12", new Info(KeyFamily.RSA, 192)),   // sha384WithRSAEncryption
            Map.entry(RSA + "13", new Info(KeyFamily.RSA, 256)),   // sha512WithRSAEncryption
            Map.entry(RSA + "15", new Info(KeyFamily.RSA, 112)),   // sha512-224WithRSAEncryption
            Map.entry(RSA + "16", new Info(KeyFamily.RSA, 128)),   // sha512-256WithRSAEncryption
            Map.entry(ECDSA + "1", new Info(KeyFamily.EC, 63)),    // ecdsa-with-SHA1
            Map.entry(ECDSA + "3.1", new Info(KeyFamily.EC, 112)), // ecdsa-with-SHA224
            Map.entry(ECDSA + "3.2", new Info(KeyFamily.EC, 128)), // ecdsa-with-SHA256
            Map.entry(ECDSA + "3.3", new Info(KeyFamily.EC, 192)), // ecdsa-with-SHA384
            Map.entry(ECDSA + "3.4", new Info(KeyFamily.EC, 256)), // ecdsa-with-SHA512
            Map.entry("1.2.840.10040.4.3", new Info(KeyFamily.DSA, 63)), // dsa-with-sha1
            Map.entry(NIST_SIG + "1", new Info(KeyFamily.DSA, 112)),     // dsa-with-sha224
            Map.entry(NIST_SIG + "2", new Info(KeyFamily.DSA, 128)),     // dsa-with-sha256
            Map.entry(NIST_SIG + "9", new Info(KeyFamily.EC, 112)),      // ecdsa-with-SHA3-224
            Map.entry(NIST_SIG + "10", new Info(KeyFamily.EC, 128)),     // ecdsa-with-SHA3-256
            Map.entry(NIST_SIG + "11", new Info(KeyFamily.EC, 192)),     // ecdsa-with-SHA3-384
            Map.entry(NIST_SIG + "12", new Info(KeyFamily.EC, 256)),     // ecdsa-with-SHA3-512
            Map.entry(NIST_SIG + "13", new Info(KeyFamily.RSA, 112)),    // RSA with SHA3-224
            Map.entry(NIST_SIG + "14", new Info(KeyFamily.RSA, 128)),    // RSA with SHA3-256
            Map.entry(NIST_SIG + "15", new Info(KeyFamily.RSA, 192)),    // RSA with SHA3-384
            Map.entry(NIST_SIG + "16", new Info(KeyFamily.RSA, 256)),    // RSA with SHA3-512
            Map.entry("1.3.101.112", new Info(KeyFamily.ED25519, 128)),
            Map.entry("1.3.101.113", new Info(KeyFamily.ED448, 224)));

    private static final Map<String, KeyFamily> KEYS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption.getId(), KeyFamily.RSA,
            PKCSObjectIdentifiers.id_RSASSA_PSS.getId(), KeyFamily.RSA_PSS,
            X9ObjectIdentifiers.id_ecPublicKey.getId(), KeyFamily.EC,
            X9ObjectIdentifiers.id_dsa.getId(), KeyFamily.DSA,
            "1.3.101.112", KeyFamily.ED25519,
            "1.3.101.113", KeyFamily.ED448);

    private static final Map<String, Integer> DIGEST_BITS = Map.of(
            "1.3.14.3.2.26", 63,                   // SHA-1
            "2.16.840.1.101.3.4.2.4", 112,         // SHA-224
            "2.16.840.1.101.3.4.2.1", 128,         // SHA-256
            "2.16.840.1.101.3.4.2.2", 192,         // SHA-384
            "2.16.840.1.101.3.4.2.3", 256,         // SHA-512
            "1.2.840.113549.2.5", 39);             // MD5

    private SignatureAlgorithms() {
    }

    /** The kind of key that makes signatures of this algorithm, UNKNOWN when OpenSSL does not know it. */
    static KeyFamily signerFamily(AlgorithmIdentifier signature) {
        String oid = signature.getAlgorithm().getId();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(oid)) {
            return KeyFamily.RSA_PSS;
        }
        Info info = SIGNATURES.get(oid);
        return info == null ? KeyFamily.UNKNOWN : info.family();
    }

    /** The family of a subject public key algorithm. */
    static KeyFamily keyFamily(ASN1ObjectIdentifier keyAlgorithm) {
        return KEYS.getOrDefault(keyAlgorithm.getId(), KeyFamily.UNKNOWN);
    }

    /** Whether a key of {@code issuerKey}'s family makes {@code signature}s ({@code check_sig_alg_match}). */
    static boolean signerMatches(KeyFamily issuerKey, AlgorithmIdentifier signature) {
        KeyFamily signer = signerFamily(signature);
        if (signer == KeyFamily.UNKNOWN) {
            return false;
        }
        return signer == issuerKey || (signer == KeyFamily.RSA_PSS && issuerKey == KeyFamily.RSA);
    }

    /** Security bits of the signature's digest as OpenSSL counts them, -1 when unknown (fails every level). */
    static int securityBits(AlgorithmIdentifier signature) {
        String oid = signature.getAlgorithm().getId();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(oid)) {
            return pssSecurityBits(signature);
        }
        Info info = SIGNATURES.get(oid);
        return info == null ? -1 : info.securityBits();
    }

    private static int pssSecurityBits(AlgorithmIdentifier signature) {
        if (!(signature.getParameters() instanceof ASN1Sequence)) {
            return -1;
        }
        RSASSAPSSparams params = RSASSAPSSparams.getInstance(signature.getParameters());
        return DIGEST_BITS.getOrDefault(params.getHashAlgorithm().getAlgorithm().getId(), -1);
    }
}

package io.sipshield.emulator.tls;

/**
 * OpenSSL's security level checks ({@code check_key_level}, {@code check_sig_level},
 * {@code check_auth_level}): at level 1, keys under 80 bits of security (RSA under 1024 bits)
 * and digests under 80 bits (MD5, SHA-1) are refused. The leaf's key is checked before the chain
 * is built; issuers' keys, and the signatures of every certificate but the top one, after.
 */
final class SecurityLevelCheck {

    private SecurityLevelCheck() {
    }

    static void leafKey(CertificateFacts leaf, VerifyContext context) {
        int level = context.parameters().securityLevel();
        if (!KeyStrength.meetsLevel(leaf.keySecurityBits, level)) {
            context.report(0, leaf, VerifyError.EE_KEY_TOO_SMALL, keySentence(leaf, level));
        }
    }

    static void chain(BuiltChain chain, VerifyContext context) {
        int level = context.parameters().securityLevel();
        if (level <= 0) {
            return;
        }
        int num = chain.size();
        for (int depth = 0; depth < num; depth++) {
            CertificateFacts certificate = chain.at(depth);
            if (depth > 0 && !KeyStrength.meetsLevel(certificate.keySecurityBits, level)) {
                context.report(depth, certificate, VerifyError.CA_KEY_TOO_SMALL, keySentence(certificate, level));
            }
            if (depth < num - 1 && !KeyStrength.meetsLevel(certificate.signatureSecurityBits, level)) {
                context.report(depth, certificate, VerifyError.CA_MD_TOO_WEAK, "it is signed with "
                        + certificate.certificate.getSigAlgName() + ", too weak a digest for security level " + level);
            }
        }
    }

    private static String keySentence(CertificateFacts certificate, int level) {
        return "its " + certificate.keyFamily + " key gives " + certificate.keySecurityBits
                + " bits of security, below what security level " + level + " requires";
    }
}

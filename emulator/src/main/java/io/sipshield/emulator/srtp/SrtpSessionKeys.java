package io.sipshield.emulator.srtp;

/**
 * The session keys of one direction of SRTP or SRTCP (RFC 3711 §4.3): encryption key, salt and,
 * for the HMAC-SHA1 suites, the authentication key (empty for AES-GCM, RFC 7714 §11). Never printed.
 */
record SrtpSessionKeys(byte[] encryptionKey, byte[] authenticationKey, byte[] salt) {

    static SrtpSessionKeys forRtp(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        return derive(suite, masterKey, SrtpKeyLabel.RTP_ENCRYPTION, SrtpKeyLabel.RTP_AUTHENTICATION,
                SrtpKeyLabel.RTP_SALT);
    }

    static SrtpSessionKeys forRtcp(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        return derive(suite, masterKey, SrtpKeyLabel.RTCP_ENCRYPTION, SrtpKeyLabel.RTCP_AUTHENTICATION,
                SrtpKeyLabel.RTCP_SALT);
    }

    private static SrtpSessionKeys derive(SrtpCryptoSuite suite, SrtpMasterKey masterKey, SrtpKeyLabel encryption,
            SrtpKeyLabel authentication, SrtpKeyLabel salt) {
        SrtpKdf kdf = SrtpKdf.create(masterKey);
        return new SrtpSessionKeys(
                kdf.derive(encryption, suite.masterKeyLength()),
                suite.sessionAuthKeyLength() == 0 ? new byte[0] : kdf.derive(authentication, suite.sessionAuthKeyLength()),
                kdf.derive(salt, suite.masterSaltLength()));
    }

    @Override
    public String toString() {
        return "SrtpSessionKeys[<redacted>]";
    }
}

package io.sipshield.emulator.srtp;

/**
 * The three session keys of one direction of SRTP or SRTCP (RFC 3711 §4.3). Never printed.
 */
record SrtpSessionKeys(byte[] encryptionKey, byte[] authenticationKey, byte[] salt) {

    static SrtpSessionKeys forRtp(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        SrtpKdf kdf = SrtpKdf.create(masterKey);
        return new SrtpSessionKeys(
                kdf.derive(SrtpKeyLabel.RTP_ENCRYPTION, suite.masterKeyLength()),
                kdf.derive(SrtpKeyLabel.RTP_AUTHENTICATION, suite.sessionAuthKeyLength()),
                kdf.derive(SrtpKeyLabel.RTP_SALT, suite.masterSaltLength()));
    }

    static SrtpSessionKeys forRtcp(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        SrtpKdf kdf = SrtpKdf.create(masterKey);
        return new SrtpSessionKeys(
                kdf.derive(SrtpKeyLabel.RTCP_ENCRYPTION, suite.masterKeyLength()),
                kdf.derive(SrtpKeyLabel.RTCP_AUTHENTICATION, suite.sessionAuthKeyLength()),
                kdf.derive(SrtpKeyLabel.RTCP_SALT, suite.masterSaltLength()));
    }

    @Override
    public String toString() {
        return "SrtpSessionKeys[<redacted>]";
    }
}

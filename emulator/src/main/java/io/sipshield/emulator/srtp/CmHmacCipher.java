package io.sipshield.emulator.srtp;

/**
 * AES counter mode plus truncated HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1; AES-192/256 per RFC 6188).
 * The IV is {@code (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16)}; the tag covers header and
 * encrypted payload plus the ROC (SRTP) or header, encrypted part and {@code E || index} (SRTCP).
 */
final class CmHmacCipher extends PacketCipher {

    private final AesCounterMode cipher;
    private final HmacSha1Authenticator authenticator;
    private final long saltHigh;
    private final long saltLow;

    CmHmacCipher(byte[] encryptionKey, byte[] salt, byte[] authenticationKey, int tagLength) {
        if (salt.length != 14) {
            throw new IllegalArgumentException("salt: AES-CM needs a 14-byte session salt, got " + salt.length);
        }
        this.cipher = new AesCounterMode(encryptionKey);
        this.authenticator = new HmacSha1Authenticator(authenticationKey, tagLength);
        this.saltHigh = saltHigh(salt);
        this.saltLow = saltLow(salt);
    }

    @Override
    int tagLength() {
        return authenticator.tagLength();
    }

    @Override
    void protectRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index, int tagAt) {
        decryptRtp(b, off, headerLength, rtpLength, ssrc, index);
        authenticator.tagRtp(b, off, rtpLength, index >>> 16, b, tagAt);
    }

    @Override
    boolean verifyRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index, int tagAt) {
        return authenticator.verifyRtp(b, off, rtpLength, index >>> 16, tagAt);
    }

    @Override
    void decryptRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index) {
        cipher.xorKeystream(saltHigh ^ (ssrc & 0xFFFFFFFFL), saltLow ^ (index << 16),
                b, off + headerLength, rtpLength - headerLength);
    }

    @Override
    void protectRtcp(byte[] b, int off, int rtcpLength, int ssrc, int index, boolean encrypt, int trailerAt, int tagAt) {
        if (encrypt) {
            decryptRtcp(b, off, rtcpLength, ssrc, index);
        }
        authenticator.tagRtcp(b, off, trailerAt + 4 - off, b, tagAt);
    }

    @Override
    boolean verifyRtcp(byte[] b, int off, int rtcpLength, boolean encrypted, int trailerAt, int tagAt) {
        return authenticator.verifyRtcp(b, off, trailerAt + 4 - off, tagAt);
    }

    @Override
    void decryptRtcp(byte[] b, int off, int rtcpLength, int ssrc, int index) {
        cipher.xorKeystream(saltHigh ^ (ssrc & 0xFFFFFFFFL), saltLow ^ ((long) index << 16),
                b, off + SrtcpContext.HEADER, rtcpLength - SrtcpContext.HEADER);
    }
}

package io.sipshield.emulator.srtp;

/**
 * The cryptographic transform of one master key for SRTP or for SRTCP packets (RFC 3711 §4,
 * RFC 7714 §8-§10): encrypts and tags, verifies, decrypts. It knows nothing of indices, replay or
 * MKI: the context works out the index and where the tag lies, and passes them in.
 *
 * <p>SRTP arguments: the plain packet is {@code b[off..off+rtpLength)}, its first
 * {@code headerLength} bytes the header left in the clear. SRTCP arguments: the plain packet is
 * {@code b[off..off+rtcpLength)} and the {@code E || index} word is already at {@code trailerAt}.
 * Verification never changes the buffer. Not thread-safe.
 */
abstract sealed class PacketCipher permits CmHmacCipher, GcmCipher {

    /** The cipher for a suite's session keys. */
    static PacketCipher create(SrtpCryptoSuite suite, SrtpSessionKeys keys, boolean rtcp) {
        int tagLength = rtcp ? suite.srtcpAuthTagLength() : suite.authTagLength();
        return suite.isAead()
                ? new GcmCipher(keys.encryptionKey(), keys.salt(), tagLength)
                : new CmHmacCipher(keys.encryptionKey(), keys.salt(), keys.authenticationKey(), tagLength);
    }

    /** Tag length in bytes. */
    abstract int tagLength();

    abstract void protectRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index, int tagAt);

    abstract boolean verifyRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index, int tagAt);

    abstract void decryptRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index);

    abstract void protectRtcp(byte[] b, int off, int rtcpLength, int ssrc, int index, boolean encrypt,
            int trailerAt, int tagAt);

    abstract boolean verifyRtcp(byte[] b, int off, int rtcpLength, boolean encrypted, int trailerAt, int tagAt);

    abstract void decryptRtcp(byte[] b, int off, int rtcpLength, int ssrc, int index);

    /** Bytes 0-7 of a salt, big-endian. */
    static long saltHigh(byte[] salt) {
        return AesCounterMode.readLong(salt, 0);
    }

    /** The remaining 4 (GCM) or 6 (AES-CM) salt bytes, left-aligned in a big-endian long. */
    static long saltLow(byte[] salt) {
        long low = 0;
        for (int i = 8; i < 16; i++) {
            low = (low << 8) | (i < salt.length ? salt[i] & 0xFF : 0);
        }
        return low;
    }
}

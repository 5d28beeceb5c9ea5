package io.sipshield.emulator.srtp;

/**
 * AES-GCM for SRTP and SRTCP (RFC 7714). The 12-byte IV is
 * {@code (00 00 || SSRC || ROC || SEQ) XOR salt} for SRTP (§8.1) and
 * {@code (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt} for SRTCP (§9.1); the associated
 * data is the RTP header (§8.2), or the RTCP header and the {@code E || index} word (§9.2; the whole
 * packet when E is clear, which leaves nothing to encrypt). The tag follows the ciphertext and may
 * be truncated (8 octets for the libsrtp {@code _8} suites).
 */
final class GcmCipher extends PacketCipher {

    private final AesCounterMode cipher;
    private final Ghash ghash;
    private final int tagLength;
    private final long saltHigh;
    private final long saltLow;
    private final byte[] mask = new byte[AesCounterMode.BLOCK];
    private final byte[] tag = new byte[AesCounterMode.BLOCK];

    GcmCipher(byte[] key, byte[] salt, int tagLength) {
        if (salt.length != 12) {
            throw new IllegalArgumentException("salt: AES-GCM needs a 12-byte session salt, got " + salt.length);
        }
        if (tagLength != 8 && tagLength != 16) {
            throw new IllegalArgumentException("tagLength: AES-GCM for SRTP uses 8 or 16 bytes, got " + tagLength);
        }
        this.cipher = new AesCounterMode(key);
        byte[] h = new byte[AesCounterMode.BLOCK];
        cipher.encryptBlock(0, 0, h, 0);
        this.ghash = new Ghash(AesCounterMode.readLong(h, 0), AesCounterMode.readLong(h, 8));
        this.tagLength = tagLength;
        this.saltHigh = saltHigh(salt);
        this.saltLow = saltLow(salt);
    }

    @Override
    int tagLength() {
        return tagLength;
    }

    /** J0's high half: IV bytes 0-7; {@code seqOrIndex48} fills IV bytes 6-11. */
    long ivHigh(int ssrc, long seqOrIndex48) {
        return saltHigh ^ ((ssrc & 0xFFFFFFFFL) << 16) ^ (seqOrIndex48 >>> 32);
    }

    /** J0's low half: IV bytes 8-11 and the 32-bit block counter 1. */
    long ivLow(long seqOrIndex48) {
        return (saltLow ^ (seqOrIndex48 << 32)) | 1;
    }

    @Override
    void protectRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index, int tagAt) {
        long high = ivHigh(ssrc, index);
        long low = ivLow(index);
        cipher.xorKeystream(high, low + 1, b, off + headerLength, rtpLength - headerLength);
        computeTag(b, off, headerLength, off + headerLength, rtpLength - headerLength, high, low);
        System.arraycopy(tag, 0, b, tagAt, tagLength);
    }

    @Override
    boolean verifyRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index, int tagAt) {
        long high = ivHigh(ssrc, index);
        long low = ivLow(index);
        computeTag(b, off, headerLength, off + headerLength, rtpLength - headerLength, high, low);
        return matches(b, tagAt);
    }

    @Override
    void decryptRtp(byte[] b, int off, int headerLength, int rtpLength, int ssrc, long index) {
        cipher.xorKeystream(ivHigh(ssrc, index), ivLow(index) + 1, b, off + headerLength, rtpLength - headerLength);
    }

    @Override
    void protectRtcp(byte[] b, int off, int rtcpLength, int ssrc, int index, boolean encrypt, int trailerAt, int tagAt) {
        long high = ivHigh(ssrc, index & 0x7FFFFFFFL);
        long low = ivLow(index & 0x7FFFFFFFL);
        if (encrypt) {
            cipher.xorKeystream(high, low + 1, b, off + SrtcpContext.HEADER, rtcpLength - SrtcpContext.HEADER);
        }
        computeRtcpTag(b, off, rtcpLength, encrypt, trailerAt, high, low);
        System.arraycopy(tag, 0, b, tagAt, tagLength);
    }

    @Override
    boolean verifyRtcp(byte[] b, int off, int rtcpLength, boolean encrypted, int trailerAt, int tagAt) {
        int index = PacketFields.readInt(b, trailerAt) & 0x7FFFFFFF;
        int ssrc = PacketFields.readInt(b, off + 4);
        long high = ivHigh(ssrc, index);
        long low = ivLow(index);
        computeRtcpTag(b, off, rtcpLength, encrypted, trailerAt, high, low);
        return matches(b, tagAt);
    }

    @Override
    void decryptRtcp(byte[] b, int off, int rtcpLength, int ssrc, int index) {
        cipher.xorKeystream(ivHigh(ssrc, index & 0x7FFFFFFFL), ivLow(index & 0x7FFFFFFFL) + 1,
                b, off + SrtcpContext.HEADER, rtcpLength - SrtcpContext.HEADER);
    }

    private void computeRtcpTag(byte[] b, int off, int rtcpLength, boolean encrypted, int trailerAt,
            long high, long low) {
        ghash.reset();
        if (encrypted) {
            ghash.update(b, off, SrtcpContext.HEADER);
            ghash.update(b, trailerAt, 4);
            ghash.endSection();
            ghash.update(b, off + SrtcpContext.HEADER, rtcpLength - SrtcpContext.HEADER);
            finish(SrtcpContext.HEADER + 4, rtcpLength - SrtcpContext.HEADER, high, low);
        } else {
            ghash.update(b, off, rtcpLength);
            ghash.update(b, trailerAt, 4);
            finish(rtcpLength + 4, 0, high, low);
        }
    }

    /** The full 16-byte tag over associated data {@code b[off..off+aadLength)} and ciphertext into {@link #tag}. */
    private void computeTag(byte[] b, int off, int aadLength, int cipherAt, int cipherLength, long high, long low) {
        ghash.reset();
        ghash.update(b, off, aadLength);
        ghash.endSection();
        ghash.update(b, cipherAt, cipherLength);
        finish(aadLength, cipherLength, high, low);
    }

    private void finish(long aadLength, long cipherLength, long high, long low) {
        cipher.encryptBlock(high, low, mask, 0);
        ghash.finish(aadLength, cipherLength, AesCounterMode.readLong(mask, 0), AesCounterMode.readLong(mask, 8),
                tag, 0);
    }

    private boolean matches(byte[] b, int tagAt) {
        int difference = 0;
        for (int i = 0; i < tagLength; i++) {
            difference |= tag[i] ^ b[tagAt + i];
        }
        return difference == 0;
    }
}

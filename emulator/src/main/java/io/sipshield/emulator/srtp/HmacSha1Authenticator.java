package io.sipshield.emulator.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The HMAC-SHA1 message authentication of RFC 3711 §4.2.1 (HMAC per RFC 2104), truncated to the
 * suite's tag length. For SRTP the ROC is appended to the authenticated portion (§4.2); SRTCP
 * authenticates the packet only.
 *
 * <p>Built on one reused SHA-1 {@link MessageDigest} (the JDK's, which uses the CPU's SHA
 * instructions) with the padded key blocks prepared once, so a tag costs no allocation, unlike
 * {@code Mac.doFinal}. Not thread-safe.
 */
final class HmacSha1Authenticator {

    private static final int SHA1_BLOCK = 64;
    private static final int SHA1_LENGTH = 20;

    private final MessageDigest sha1;
    private final int tagLength;
    private final byte[] innerPad = new byte[SHA1_BLOCK];
    private final byte[] outerPad = new byte[SHA1_BLOCK];
    private final byte[] inner = new byte[SHA1_LENGTH];
    private final byte[] full = new byte[SHA1_LENGTH];
    private final byte[] rocBytes = new byte[4];

    HmacSha1Authenticator(byte[] authKey, int tagLength) {
        if (tagLength < 1 || tagLength > SHA1_LENGTH) {
            throw new IllegalArgumentException("tagLength: HMAC-SHA1 tags are 1-20 bytes, got " + tagLength);
        }
        this.tagLength = tagLength;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
        byte[] key = authKey.length > SHA1_BLOCK ? sha1.digest(authKey) : authKey;
        for (int i = 0; i < SHA1_BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
    }

    int tagLength() {
        return tagLength;
    }

    /** Writes the tag of {@code data[offset..offset+length) || ROC} at {@code out[outOffset]}. */
    void tagRtp(byte[] data, int offset, int length, long roc, byte[] out, int outOffset) {
        computeRtp(data, offset, length, roc);
        System.arraycopy(full, 0, out, outOffset, tagLength);
    }

    /** Writes the tag of {@code data[offset..offset+length)} at {@code out[outOffset]}. */
    void tagRtcp(byte[] data, int offset, int length, byte[] out, int outOffset) {
        compute(data, offset, length, false);
        System.arraycopy(full, 0, out, outOffset, tagLength);
    }

    /** Whether {@code data[tagOffset..)} holds the tag of {@code data[offset..offset+length) || ROC}. */
    boolean verifyRtp(byte[] data, int offset, int length, long roc, int tagOffset) {
        computeRtp(data, offset, length, roc);
        return matches(data, tagOffset);
    }

    /** Whether {@code data[tagOffset..)} holds the tag of {@code data[offset..offset+length)}. */
    boolean verifyRtcp(byte[] data, int offset, int length, int tagOffset) {
        compute(data, offset, length, false);
        return matches(data, tagOffset);
    }

    private void computeRtp(byte[] data, int offset, int length, long roc) {
        rocBytes[0] = (byte) (roc >>> 24);
        rocBytes[1] = (byte) (roc >>> 16);
        rocBytes[2] = (byte) (roc >>> 8);
        rocBytes[3] = (byte) roc;
        compute(data, offset, length, true);
    }

    /** HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)) into {@link #full}. */
    private void compute(byte[] data, int offset, int length, boolean withRoc) {
        try {
            sha1.update(innerPad, 0, SHA1_BLOCK);
            sha1.update(data, offset, length);
            if (withRoc) {
                sha1.update(rocBytes, 0, 4);
            }
            sha1.digest(inner, 0, SHA1_LENGTH);
            sha1.update(outerPad, 0, SHA1_BLOCK);
            sha1.update(inner, 0, SHA1_LENGTH);
            sha1.digest(full, 0, SHA1_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 failed", e);
        }
    }

    /** Compares in time independent of where the tags differ. */
    private boolean matches(byte[] data, int tagOffset) {
        int difference = 0;
        for (int i = 0; i < tagLength; i++) {
            difference |= full[i] ^ data[tagOffset + i];
        }
        return difference == 0;
    }

    @Override
    public String toString() {
        return "HmacSha1Authenticator[tagLength=" + tagLength + ", key=<redacted>]";
    }

}

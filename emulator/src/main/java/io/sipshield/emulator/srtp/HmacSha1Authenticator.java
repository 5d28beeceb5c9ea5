package io.sipshield.emulator.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA1 message authentication of RFC 3711 §4.2.1, truncated to the suite's tag length.
 * For SRTP the ROC is appended to the authenticated portion (§4.2); SRTCP authenticates the packet
 * only. One {@link Mac} per instance, reused. Not thread-safe.
 */
final class HmacSha1Authenticator {

    private final Mac mac;
    private final int tagLength;
    private final byte[] full = new byte[20];
    private final byte[] rocBytes = new byte[4];

    HmacSha1Authenticator(byte[] authKey, int tagLength) {
        if (tagLength < 1 || tagLength > 20) {
            throw new IllegalArgumentException("tagLength: HMAC-SHA1 tags are 1-20 bytes, got " + tagLength);
        }
        this.tagLength = tagLength;
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    int tagLength() {
        return tagLength;
    }

    /** Writes the tag of {@code data[offset..offset+length) || ROC} at {@code out[outOffset]}. */
    void tagRtp(byte[] data, int offset, int length, long roc, byte[] out, int outOffset) {
        rocBytes[0] = (byte) (roc >>> 24);
        rocBytes[1] = (byte) (roc >>> 16);
        rocBytes[2] = (byte) (roc >>> 8);
        rocBytes[3] = (byte) roc;
        mac.update(data, offset, length);
        mac.update(rocBytes, 0, 4);
        finish(out, outOffset);
    }

    /** Writes the tag of {@code data[offset..offset+length)} at {@code out[outOffset]}. */
    void tagRtcp(byte[] data, int offset, int length, byte[] out, int outOffset) {
        mac.update(data, offset, length);
        finish(out, outOffset);
    }

    /** Whether the tag stored right after {@code data[offset..offset+length)} is the right one (SRTP). */
    boolean verifyRtp(byte[] data, int offset, int length, long roc) {
        rocBytes[0] = (byte) (roc >>> 24);
        rocBytes[1] = (byte) (roc >>> 16);
        rocBytes[2] = (byte) (roc >>> 8);
        rocBytes[3] = (byte) roc;
        mac.update(data, offset, length);
        mac.update(rocBytes, 0, 4);
        return compareFinal(data, offset + length);
    }

    /** Whether the tag stored right after {@code data[offset..offset+length)} is the right one (SRTCP). */
    boolean verifyRtcp(byte[] data, int offset, int length) {
        mac.update(data, offset, length);
        return compareFinal(data, offset + length);
    }

    private void finish(byte[] out, int outOffset) {
        doFinal();
        System.arraycopy(full, 0, out, outOffset, tagLength);
    }

    private boolean compareFinal(byte[] data, int tagOffset) {
        doFinal();
        int difference = 0;
        for (int i = 0; i < tagLength; i++) {
            difference |= full[i] ^ data[tagOffset + i];
        }
        return difference == 0;
    }

    private void doFinal() {
        try {
            mac.doFinal(full, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 failed", e);
        }
    }
}

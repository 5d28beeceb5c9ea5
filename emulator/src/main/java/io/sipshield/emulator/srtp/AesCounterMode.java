package io.sipshield.emulator.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as SRTP defines it (RFC 3711 §4.1.1): keystream block {@code j} is
 * {@code AES(key, IV + j)}. Works for any AES key length (16, 24 or 32 bytes).
 *
 * <p>One {@link Cipher} per instance, reused for every packet; counter blocks are built in a fixed
 * scratch buffer and encrypted with one ECB call per chunk. Not thread-safe.
 */
final class AesCounterMode {

    static final int BLOCK = 16;
    private static final int CHUNK_BLOCKS = 64;

    private final Cipher aes;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] counter = new byte[BLOCK];

    AesCounterMode(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("key: AES needs 16, 24 or 32 bytes, got " + key.length);
        }
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is not available", e);
        }
    }

    /**
     * XORs {@code length} bytes of keystream, starting at counter {@code iv}, into
     * {@code data[offset..offset+length)}. The IV array is not modified.
     */
    void xorKeystream(byte[] iv, byte[] data, int offset, int length) {
        System.arraycopy(iv, 0, counter, 0, BLOCK);
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, counters.length);
            int blocks = (chunk + BLOCK - 1) / BLOCK;
            for (int b = 0; b < blocks; b++) {
                System.arraycopy(counter, 0, counters, b * BLOCK, BLOCK);
                increment(counter);
            }
            try {
                aes.update(counters, 0, blocks * BLOCK, keystream, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES block encryption failed", e);
            }
            for (int i = 0; i < chunk; i++) {
                data[offset + done + i] ^= keystream[i];
            }
            done += chunk;
        }
    }

    private static void increment(byte[] block) {
        for (int i = BLOCK - 1; i >= 0; i--) {
            if (++block[i] != 0) {
                return;
            }
        }
    }

    /**
     * Writes the SRTP/SRTCP IV {@code (salt * 2^16) XOR (ssrc * 2^64) XOR (index * 2^16)}
     * (RFC 3711 §4.1.1) into {@code iv}; {@code index} is the 48-bit packet index or the 31-bit
     * SRTCP index.
     */
    static void packetIv(byte[] sessionSalt, int ssrc, long index, byte[] iv) {
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
    }
}

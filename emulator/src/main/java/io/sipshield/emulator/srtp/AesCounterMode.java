package io.sipshield.emulator.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as SRTP defines it (RFC 3711 §4.1.1): keystream block {@code j} is
 * {@code AES(key, IV + j)}, the counter a 128-bit big-endian integer. AES-GCM's counter (RFC 7714,
 * NIST SP 800-38D inc32) is the same for any packet, which has far fewer than 2^32 blocks. Works for
 * any AES key length (16, 24 or 32 bytes).
 *
 * <p>One {@link Cipher} (AES/ECB, hardware-accelerated by the JDK) per instance, reused for every
 * packet: counter blocks are written as two longs into a scratch buffer, encrypted with one call
 * per chunk, and XORed into the data eight bytes at a time. Allocates nothing per call. Not
 * thread-safe.
 */
final class AesCounterMode {

    static final int BLOCK = 16;
    private static final int CHUNK_BLOCKS = 64;
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle NATIVE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Cipher aes;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];

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
        xorKeystream((long) BIG_ENDIAN_LONG.get(iv, 0), (long) BIG_ENDIAN_LONG.get(iv, 8), data, offset, length);
    }

    /**
     * XORs {@code length} bytes of keystream into {@code data[offset..offset+length)}, the first
     * counter block being {@code counterHigh || counterLow} (two big-endian halves).
     */
    void xorKeystream(long counterHigh, long counterLow, byte[] data, int offset, int length) {
        long high = counterHigh;
        long low = counterLow;
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, counters.length);
            int blocks = (chunk + BLOCK - 1) / BLOCK;
            for (int b = 0; b < blocks; b++) {
                BIG_ENDIAN_LONG.set(counters, b * BLOCK, high);
                BIG_ENDIAN_LONG.set(counters, b * BLOCK + 8, low);
                if (++low == 0) {
                    high++;
                }
            }
            encrypt(counters, blocks * BLOCK, keystream);
            xor(keystream, data, offset + done, chunk);
            done += chunk;
        }
    }

    /** Writes {@code AES(key, high || low)} to {@code out[outOffset..outOffset+16)}. */
    void encryptBlock(long high, long low, byte[] out, int outOffset) {
        BIG_ENDIAN_LONG.set(counters, 0, high);
        BIG_ENDIAN_LONG.set(counters, 8, low);
        encrypt(counters, BLOCK, keystream);
        System.arraycopy(keystream, 0, out, outOffset, BLOCK);
    }

    private void encrypt(byte[] in, int length, byte[] out) {
        try {
            aes.update(in, 0, length, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e);
        }
    }

    private static void xor(byte[] keystream, byte[] data, int offset, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            NATIVE_LONG.set(data, offset + i,
                    (long) NATIVE_LONG.get(data, offset + i) ^ (long) NATIVE_LONG.get(keystream, i));
        }
        for (; i < length; i++) {
            data[offset + i] ^= keystream[i];
        }
    }

    /** The big-endian long at {@code bytes[at..at+8)}. */
    static long readLong(byte[] bytes, int at) {
        return (long) BIG_ENDIAN_LONG.get(bytes, at);
    }

    /** Writes {@code value} big-endian to {@code bytes[at..at+8)}. */
    static void writeLong(byte[] bytes, int at, long value) {
        BIG_ENDIAN_LONG.set(bytes, at, value);
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

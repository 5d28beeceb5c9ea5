package io.sipshield.emulator.srtp;

/**
 * GHASH, the universal hash of AES-GCM (NIST SP 800-38D §6.4), over associated data and
 * ciphertext given in any number of pieces: {@code Y = (Y XOR block) * H} in GF(2^128) for each
 * 16-byte block, each section zero-padded to a block, then the block of both bit lengths.
 *
 * <p>Multiplication by H is table-driven: for each of the 32 nibble positions of the input, a
 * table of the 16 products of H with that nibble's polynomial (8 KiB per key), so a block costs 32
 * look-ups and XORs and no reduction. Elements are two big-endian longs, bit 0 of the field
 * element being the most significant bit of the first byte (the GCM bit order). Allocates nothing
 * after construction. Not thread-safe.
 */
final class Ghash {

    /** The GCM reduction polynomial {@code 1 + x + x^2 + x^7} in the top byte. */
    private static final long R = 0xE100000000000000L;
    private static final int POSITIONS = 32;

    /** table*[16 k + v]: H times the polynomial of nibble value v at nibble position k (x^(4k) .. x^(4k+3)). */
    private final long[] tableHigh = new long[POSITIONS * 16];
    private final long[] tableLow = new long[POSITIONS * 16];
    private final byte[] pending = new byte[16];
    private int pendingLength;
    private long yHigh;
    private long yLow;

    /** GHASH keyed with the hash subkey {@code H = hHigh || hLow}. */
    Ghash(long hHigh, long hLow) {
        // Position 0: [8] = H (nibble 1000 is the polynomial 1), [4] = H*x, [2] = H*x^2, [1] = H*x^3.
        long high = hHigh;
        long low = hLow;
        for (int k = 0; k < POSITIONS; k++) {
            int base = 16 * k;
            for (int bit = 8; bit > 0; bit >>= 1) {
                tableHigh[base + bit] = high;
                tableLow[base + bit] = low;
                long carry = low & 1;
                low = (low >>> 1) | (high << 63);
                high = (high >>> 1) ^ (carry != 0 ? R : 0);
            }
            // (high, low) is now H * x^(4k + 4): the next position's [8].
            for (int i = 2; i < 16; i <<= 1) {
                for (int j = 1; j < i; j++) {
                    tableHigh[base + i + j] = tableHigh[base + i] ^ tableHigh[base + j];
                    tableLow[base + i + j] = tableLow[base + i] ^ tableLow[base + j];
                }
            }
        }
    }

    /** Starts a new hash. */
    void reset() {
        yHigh = 0;
        yLow = 0;
        pendingLength = 0;
    }

    /** Absorbs {@code data[offset..offset+length)} into the current section. */
    void update(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        if (pendingLength > 0) {
            int take = Math.min(16 - pendingLength, end - at);
            System.arraycopy(data, at, pending, pendingLength, take);
            pendingLength += take;
            at += take;
            if (pendingLength < 16) {
                return;
            }
            absorb(AesCounterMode.readLong(pending, 0), AesCounterMode.readLong(pending, 8));
            pendingLength = 0;
        }
        for (; at + 16 <= end; at += 16) {
            absorb(AesCounterMode.readLong(data, at), AesCounterMode.readLong(data, at + 8));
        }
        if (at < end) {
            System.arraycopy(data, at, pending, 0, end - at);
            pendingLength = end - at;
        }
    }

    /** Ends a section (associated data or ciphertext): a partial block is zero-padded. */
    void endSection() {
        if (pendingLength > 0) {
            for (int i = pendingLength; i < 16; i++) {
                pending[i] = 0;
            }
            absorb(AesCounterMode.readLong(pending, 0), AesCounterMode.readLong(pending, 8));
            pendingLength = 0;
        }
    }

    /**
     * Absorbs the length block and writes {@code GHASH XOR mask} (the tag before truncation) as 16
     * bytes to {@code out[outOffset..)}.
     */
    void finish(long aadBytes, long ciphertextBytes, long maskHigh, long maskLow, byte[] out, int outOffset) {
        endSection();
        absorb(aadBytes * 8, ciphertextBytes * 8);
        AesCounterMode.writeLong(out, outOffset, yHigh ^ maskHigh);
        AesCounterMode.writeLong(out, outOffset + 8, yLow ^ maskLow);
    }

    /** Y = (Y XOR block) * H: the sum of each nibble's product with H. */
    private void absorb(long blockHigh, long blockLow) {
        long xHigh = yHigh ^ blockHigh;
        long xLow = yLow ^ blockLow;
        long zHigh = 0;
        long zLow = 0;
        for (int k = 0; k < 16; k++) {
            int entry = 16 * k + ((int) (xHigh >>> (60 - 4 * k)) & 0xF);
            zHigh ^= tableHigh[entry];
            zLow ^= tableLow[entry];
        }
        for (int k = 0; k < 16; k++) {
            int entry = 16 * (16 + k) + ((int) (xLow >>> (60 - 4 * k)) & 0xF);
            zHigh ^= tableHigh[entry];
            zLow ^= tableLow[entry];
        }
        yHigh = zHigh;
        yLow = zLow;
    }
}

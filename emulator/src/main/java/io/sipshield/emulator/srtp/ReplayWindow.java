package io.sipshield.emulator.srtp;

/**
 * The sliding replay list of RFC 3711 §3.3.2: a bitmap of which of the last {@code size} indices
 * have been received, relative to the highest authenticated index. Bits live in a ring indexed by
 * {@code index mod capacity}, so advancing the window clears only the slots it passes over.
 */
final class ReplayWindow {

    private final int size;
    private final long[] bits;
    private final int mask;
    private long highest = -1;

    ReplayWindow(int size) {
        this.size = size;
        int capacity = Math.max(64, Integer.highestOneBit(size - 1) << 1);
        this.bits = new long[capacity / 64];
        this.mask = capacity - 1;
    }

    /** {@code OK} if the index may be accepted, else {@code REPLAY} or {@code TOO_OLD}. Changes nothing. */
    SrtpStatus check(long index) {
        if (highest < 0 || index > highest) {
            return SrtpStatus.OK;
        }
        long behind = highest - index;
        if (behind >= size) {
            return SrtpStatus.TOO_OLD;
        }
        return isSet(index) ? SrtpStatus.REPLAY : SrtpStatus.OK;
    }

    /** Records an authenticated index; call only after {@link #check} said {@code OK}. */
    void accept(long index) {
        if (highest < 0 || index - highest > mask) {
            java.util.Arrays.fill(bits, 0L);
            highest = index;
        } else if (index > highest) {
            for (long slot = highest + 1; slot <= index; slot++) {
                clear(slot);
            }
            highest = index;
        }
        set(index);
    }

    long highest() {
        return highest;
    }

    private boolean isSet(long index) {
        int slot = (int) (index & mask);
        return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    private void set(long index) {
        int slot = (int) (index & mask);
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    private void clear(long index) {
        int slot = (int) (index & mask);
        bits[slot >>> 6] &= ~(1L << (slot & 63));
    }
}

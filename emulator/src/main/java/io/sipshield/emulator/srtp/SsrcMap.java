package io.sipshield.emulator.srtp;

/**
 * Per-SSRC state keyed by the 32-bit SSRC without boxing: open addressing with linear probing,
 * so looking up a known SSRC allocates nothing. Entries are never removed (a context lives as long
 * as its session). Not thread-safe.
 *
 * @param <V> the per-SSRC state
 */
final class SsrcMap<V> {

    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    /** The state of an SSRC, or null. */
    @SuppressWarnings("unchecked")
    V get(int ssrc) {
        int mask = keys.length - 1;
        for (int slot = mix(ssrc) & mask; ; slot = (slot + 1) & mask) {
            Object value = values[slot];
            if (value == null) {
                return null;
            }
            if (keys[slot] == ssrc) {
                return (V) value;
            }
        }
    }

    /** Adds the state of an SSRC that is not in the map yet. */
    void put(int ssrc, V value) {
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        insert(keys, values, ssrc, value);
        size++;
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] newKeys = new int[keys.length * 2];
        Object[] newValues = new Object[values.length * 2];
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                insert(newKeys, newValues, keys[i], values[i]);
            }
        }
        keys = newKeys;
        values = newValues;
    }

    private static void insert(int[] keys, Object[] values, int ssrc, Object value) {
        int mask = keys.length - 1;
        int slot = mix(ssrc) & mask;
        while (values[slot] != null) {
            if (keys[slot] == ssrc) {
                throw new IllegalStateException("ssrc: " + Integer.toUnsignedString(ssrc) + " is already present");
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = ssrc;
        values[slot] = value;
    }

    /** Spreads SSRCs (often sequential in tests) over the table. */
    private static int mix(int ssrc) {
        int h = ssrc * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

}

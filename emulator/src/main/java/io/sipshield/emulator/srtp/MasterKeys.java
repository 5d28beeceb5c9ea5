package io.sipshield.emulator.srtp;

/**
 * The master keys of one context at run time, each with its cipher and the number of packets it
 * has processed (protected, or authenticated on receipt), against the key lifetime (RFC 3711 §9.2).
 * Looking a key up by the MKI in a packet allocates nothing.
 */
final class MasterKeys {

    /** One master key: its MKI (null without MKI), cipher and packet count. */
    static final class Entry {
        final SrtpMki mki;
        final PacketCipher cipher;
        long packets;

        Entry(SrtpMki mki, PacketCipher cipher) {
            this.mki = mki;
            this.cipher = cipher;
        }
    }

    private final Entry[] entries;
    private final long lifetime;
    private final int mkiLength;
    private Entry sending;

    MasterKeys(Entry[] entries, long lifetime) {
        this.entries = entries;
        this.lifetime = lifetime;
        this.mkiLength = entries[0].mki == null ? 0 : entries[0].mki.length();
        this.sending = entries[0];
    }

    /** MKI length in bytes, 0 without MKI. */
    int mkiLength() {
        return mkiLength;
    }

    long lifetime() {
        return lifetime;
    }

    Entry sending() {
        return sending;
    }

    /** Switches the sending key to the one with this MKI. */
    void send(SrtpMki mki) {
        for (Entry entry : entries) {
            if (mki.equals(entry.mki)) {
                sending = entry;
                return;
            }
        }
        throw new IllegalArgumentException("mki: " + mki.decimalValue() + ":" + mki.length()
                + " names no master key of this context");
    }

    /** The key named by the MKI at {@code packet[mkiAt..)}, the only key without MKI, or null if none matches. */
    Entry find(byte[] packet, int mkiAt) {
        if (mkiLength == 0) {
            return entries[0];
        }
        for (Entry entry : entries) {
            if (entry.mki.matches(packet, mkiAt)) {
                return entry;
            }
        }
        return null;
    }

    boolean expired(Entry entry) {
        return entry.packets >= lifetime;
    }
}

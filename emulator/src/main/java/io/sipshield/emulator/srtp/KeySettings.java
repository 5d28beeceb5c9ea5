package io.sipshield.emulator.srtp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The master keys a context builder has been given (RFC 3711 §3.2.1, §8.1): one key without an
 * MKI, or several keys each named by an MKI of a common length; and the lifetime of each key in
 * packets. The first key is the one used for sending until the context is told otherwise.
 */
final class KeySettings {

    private final String lifetimeRule;
    private final long maxLifetime;
    private final List<SrtpMasterKey> keys = new ArrayList<>();
    private final List<SrtpMki> mkis = new ArrayList<>();
    private long lifetime;

    /** @param maxLifetime 2^48 for SRTP, 2^31 for SRTCP (RFC 3711 §9.2) */
    KeySettings(long maxLifetime, String lifetimeRule) {
        this.maxLifetime = maxLifetime;
        this.lifetimeRule = lifetimeRule;
        this.lifetime = maxLifetime;
    }

    /** The one master key, without MKI; replaces a key given before without MKI. */
    void key(SrtpMasterKey key) {
        if (!keys.isEmpty() && mkis.get(0) == null) {
            keys.clear();
            mkis.clear();
        }
        keys.add(key);
        mkis.add(null);
    }

    /** One more master key, named by an MKI. */
    void key(SrtpMasterKey key, SrtpMki mki) {
        keys.add(key);
        mkis.add(mki);
    }

    void lifetime(long packets) {
        if (packets < 1 || packets > maxLifetime) {
            throw new IllegalArgumentException("keyLifetime: expected 1 to " + describe(maxLifetime)
                    + " packets per master key (" + lifetimeRule + "), got " + packets);
        }
        this.lifetime = packets;
    }

    /** Checks the keys against the suite and makes one cipher per key. */
    MasterKeys build(SrtpCryptoSuite suite, Function<SrtpMasterKey, PacketCipher> cipherFactory) {
        if (suite == null) {
            throw new IllegalStateException("suite: required");
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("masterKey: required");
        }
        boolean withMki = mkis.get(0) != null;
        for (int i = 0; i < keys.size(); i++) {
            SrtpMasterKey key = keys.get(i);
            if (!key.fits(suite)) {
                throw new IllegalArgumentException("masterKey: " + suite.sdpName() + " needs a "
                        + suite.masterKeyLength() + "-byte key and a " + suite.masterSaltLength() + "-byte salt, got "
                        + key.keyLength() + " and " + key.saltLength());
            }
            SrtpMki mki = mkis.get(i);
            if ((mki != null) != withMki) {
                throw new IllegalArgumentException("mki: either every master key has an MKI or none does");
            }
            if (mki != null) {
                if (mki.length() != mkis.get(0).length()) {
                    throw new IllegalArgumentException("mki: every MKI of a context has the same length; "
                            + mkis.get(0).decimalValue() + " has " + mkis.get(0).length() + " bytes, "
                            + mki.decimalValue() + " has " + mki.length());
                }
                if (mkis.subList(0, i).contains(mki)) {
                    throw new IllegalArgumentException("mki: " + mki.decimalValue() + ":" + mki.length()
                            + " names two master keys");
                }
            }
        }
        MasterKeys.Entry[] entries = new MasterKeys.Entry[keys.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new MasterKeys.Entry(mkis.get(i), cipherFactory.apply(keys.get(i)));
        }
        return new MasterKeys(entries, lifetime);
    }

    static String describe(long packets) {
        return Long.bitCount(packets) == 1 && packets > 1024 ? "2^" + Long.numberOfTrailingZeros(packets)
                : Long.toString(packets);
    }
}

package io.sipshield.emulator.sdp;

import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.util.Base64;
import java.util.Objects;

/**
 * One {@code inline:} key parameter of an {@code a=crypto} line (RFC 4568 §6.1):
 * {@code inline:<base64 key||salt>[|<lifetime>][|<mki>:<length>]}. {@link #toString()} never shows
 * the key.
 *
 * @param key      the master key and salt
 * @param lifetime the key's lifetime, or null when not given (the suite's maximum applies)
 * @param mki      the master key identifier, or null when not given
 */
public record InlineKey(SrtpMasterKey key, KeyLifetime lifetime, Mki mki) {

    static final String METHOD = "inline:";

    public InlineKey {
        Objects.requireNonNull(key, "key");
    }

    /** A key without lifetime or MKI, as Asterisk and most phones send them. */
    public static InlineKey of(SrtpMasterKey key) {
        return new InlineKey(key, null, null);
    }

    public InlineKey withLifetime(KeyLifetime lifetime) {
        return new InlineKey(key, lifetime, mki);
    }

    public InlineKey withMki(Mki mki) {
        return new InlineKey(key, lifetime, mki);
    }

    /** The key parameter as written in SDP, {@code inline:...}. */
    public String toSdp() {
        StringBuilder sdp = new StringBuilder(64).append(METHOD)
                .append(Base64.getEncoder().encodeToString(key.keyAndSalt()));
        if (lifetime != null) {
            sdp.append('|').append(lifetime.text());
        }
        if (mki != null) {
            sdp.append('|').append(mki);
        }
        return sdp.toString();
    }

    /** Everything but the key. */
    @Override
    public String toString() {
        return "inline:<redacted>" + (lifetime == null ? "" : "|" + lifetime) + (mki == null ? "" : "|" + mki);
    }
}

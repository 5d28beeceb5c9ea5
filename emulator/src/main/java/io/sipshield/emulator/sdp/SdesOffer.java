package io.sipshield.emulator.sdp;

import java.util.List;
import java.util.Objects;

/**
 * What a device offers for one audio stream: the m-line profile and the {@code a=crypto} lines
 * carrying its own keys (none when SRTP is disabled).
 *
 * @param profile {@code RTP/SAVP} or {@code RTP/AVP}
 * @param crypto  the offered lines in preference order, tags 1, 2, ...
 */
public record SdesOffer(String profile, List<CryptoAttribute> crypto) {

    public SdesOffer {
        Objects.requireNonNull(profile, "profile");
        crypto = List.copyOf(crypto);
    }

    /** The lines as {@link MediaDescription#attributes()} entries, {@code crypto:...}. */
    public List<String> attributes() {
        return crypto.stream().map(CryptoAttribute::toAttribute).toList();
    }

    /** The offered line with this tag, if any. */
    public java.util.Optional<CryptoAttribute> line(int tag) {
        return crypto.stream().filter(c -> c.tag() == tag).findFirst();
    }

    /** Profile and suites, never keys. */
    @Override
    public String toString() {
        return "SdesOffer[" + profile + ", " + crypto.stream().map(c -> c.tag() + " " + c.suite().sdpName()).toList() + "]";
    }
}

package io.sipshield.emulator.sdp;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How one device judges {@code a=crypto} lines: which it can use and which key it takes. Devices
 * differ: sipshield's own phones follow RFC 4568 ({@link #rfc4568}), Asterisk has its own habits
 * ({@link AsteriskSdesRules}).
 */
@FunctionalInterface
public interface CryptoLineRules {

    /** Judges one attribute value (with or without the {@code a=crypto:} prefix). */
    CryptoLineVerdict judge(String value);

    /** Judges every line, in order. */
    default List<CryptoLineVerdict> judgeAll(List<String> values) {
        return values.stream().map(this::judge).toList();
    }

    /** The first usable line, as offer/answer takes it. */
    default Optional<CryptoLineVerdict.Usable> firstUsable(List<String> values) {
        for (String value : values) {
            if (judge(value) instanceof CryptoLineVerdict.Usable usable) {
                return Optional.of(usable);
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 4568 as sipshield's SRTP engine supports it, for a device that speaks {@code suites}:
     * see {@link Rfc4568Rules}.
     */
    static CryptoLineRules rfc4568(Collection<SrtpCryptoSuite> suites) {
        return new Rfc4568Rules(suites);
    }
}

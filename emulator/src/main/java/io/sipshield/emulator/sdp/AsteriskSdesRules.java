package io.sipshield.emulator.sdp;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How Asterisk's res_srtp judges an offered {@code a=crypto} line (res_sdp_crypto_parse_offer;
 * shared/design/DEVICES.md §E), so the mock can take or refuse lines as Asterisk does:
 * <ul>
 *   <li>the tag is 1 to 9 digits; the suite is one Asterisk was built with (by default every
 *       suite sipshield knows, as with Debian's libsrtp 2: AES-128/192/256 CM and GCM);</li>
 *   <li>any session parameter rejects the line ("Unsupported crypto parameters");</li>
 *   <li>key parameters are tried in order and the first acceptable one is taken: a key method
 *       other than {@code inline:} is skipped; a key whose MKI does not start with the digit 1 is
 *       skipped ("Crypto MKI handling is not supported"), while an MKI that does start with 1 is
 *       accepted and then not used for SRTP; a lifetime {@code 2^n} counts as {@code 2^min(n, 48)}
 *       and a lifetime below 2^20 packets skips the key;</li>
 *   <li>the key||salt of the key taken must have the suite's length.</li>
 * </ul>
 * Asterisk does not require an MKI on each of several keys, as RFC 4568 does: it takes the first
 * acceptable key. Where this class parses more strictly than Asterisk (a key that is not valid
 * base64, an MKI that is not {@code digits:digits}), the line is unusable here.
 */
public final class AsteriskSdesRules implements CryptoLineRules {

    /** res_srtp rejects lifetimes below 2^20 packets ("~5.8 hours"). */
    public static final long MIN_LIFETIME = 1L << 20;
    /** res_srtp caps a {@code 2^n} lifetime at {@code 2^48}. */
    public static final int MAX_LIFETIME_EXPONENT = 48;

    private static final String PREFIX = "a=crypto:";
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");

    private final Set<SrtpCryptoSuite> suites;

    private AsteriskSdesRules(Set<SrtpCryptoSuite> suites) {
        this.suites = suites;
    }

    /** Asterisk built with every suite sipshield knows (libsrtp 2 with AES-192/256 and GCM). */
    public static AsteriskSdesRules standard() {
        return new AsteriskSdesRules(EnumSet.allOf(SrtpCryptoSuite.class));
    }

    /** Asterisk built with only these suites (e.g. AES_CM_128 only, without HAVE_SRTP_192/256/GCM). */
    public static AsteriskSdesRules withSuites(Collection<SrtpCryptoSuite> suites) {
        Objects.requireNonNull(suites, "suites");
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("suites: Asterisk always has at least AES_CM_128_HMAC_SHA1_80");
        }
        return new AsteriskSdesRules(EnumSet.copyOf(suites));
    }

    public Set<SrtpCryptoSuite> suites() {
        return EnumSet.copyOf(suites);
    }

    @Override
    public CryptoLineVerdict judge(String value) {
        Objects.requireNonNull(value, "value");
        String text = value.strip();
        if (text.startsWith(PREFIX)) {
            text = text.substring(PREFIX.length()).strip();
        }
        String line = CryptoLineVerdict.redact(text);
        String[] fields = text.isEmpty() ? new String[0] : WHITESPACE.split(text, -1);
        if (fields.length > 3) {
            return new CryptoLineVerdict.Unusable(line, "session-params", "Asterisk accepts no session parameter"
                    + " (res_srtp: \"Unsupported crypto parameters\"), got '"
                    + String.join(" ", Arrays.asList(fields).subList(3, fields.length)) + "'");
        }
        if (fields.length < 3) {
            return parseError(text, line);
        }
        List<String> keyParams = Arrays.asList(fields[2].split(";", -1));
        CryptoLineVerdict.Unusable firstSkip = null;
        for (String keyParam : keyParams) {
            if (!keyParam.startsWith(InlineKey.METHOD)) {
                firstSkip = first(firstSkip, new CryptoLineVerdict.Unusable(line, "key-params",
                        "only the inline: key method is used, got '" + keyParam.substring(0, Math.min(7, keyParam.length()))
                                + "'"));
                continue;
            }
            CryptoAttribute single;
            try {
                single = CryptoAttribute.parse(fields[0] + " " + fields[1] + " " + keyParam);
            } catch (SdpParseException e) {
                return new CryptoLineVerdict.Unusable(line, e.field(), e.reason());
            }
            if (!suites.contains(single.suite())) {
                return new CryptoLineVerdict.Unusable(line, "suite", single.suite().sdpName()
                        + " is not among the suites this Asterisk was built with: " + Rfc4568Rules.names(suites));
            }
            InlineKey key = single.keys().get(0);
            String skipped = skipReason(key);
            if (skipped == null) {
                return new CryptoLineVerdict.Usable(line, single, 0);
            }
            firstSkip = first(firstSkip, new CryptoLineVerdict.Unusable(line,
                    skipped.startsWith("mki") ? "mki" : "lifetime", skipped.substring(skipped.indexOf(": ") + 2)));
        }
        return keyParams.size() == 1 ? firstSkip : new CryptoLineVerdict.Unusable(line, firstSkip.field(),
                "no key Asterisk accepts (SRTP crypto offer not acceptable); the first: " + firstSkip.reason());
    }

    /** Why res_srtp skips this key, as {@code field: reason}, or null when it takes it. */
    private static String skipReason(InlineKey key) {
        Mki mki = key.mki();
        if (mki != null && !mki.value().startsWith("1")) {
            return "mki: Asterisk takes an MKI only when its value starts with 1 (res_srtp: \"Crypto MKI handling"
                    + " is not supported\"), got " + mki;
        }
        KeyLifetime lifetime = key.lifetime();
        if (lifetime != null && effectivePackets(lifetime) < MIN_LIFETIME) {
            return "lifetime: Asterisk rejects a key lifetime below 2^20 packets, got " + lifetime.text();
        }
        return null;
    }

    /** The lifetime as res_srtp reads it: {@code 2^n} capped at {@code 2^48}. */
    static long effectivePackets(KeyLifetime lifetime) {
        if (lifetime.exponential()) {
            return 1L << Math.min(lifetime.exponent(), MAX_LIFETIME_EXPONENT);
        }
        return lifetime.packets();
    }

    private static CryptoLineVerdict parseError(String text, String line) {
        try {
            CryptoAttribute.parse(text);
        } catch (SdpParseException e) {
            return new CryptoLineVerdict.Unusable(line, e.field(), e.reason());
        }
        throw new IllegalStateException("a line without key parameters parsed: " + line);
    }

    private static CryptoLineVerdict.Unusable first(CryptoLineVerdict.Unusable current,
                                                    CryptoLineVerdict.Unusable candidate) {
        return current != null ? current : candidate;
    }

    @Override
    public String toString() {
        return "AsteriskSdesRules[suites=" + Rfc4568Rules.names(suites) + "]";
    }
}

package io.sipshield.emulator.sdp;

import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.emulator.srtp.SrtpMki;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One SDES {@code a=crypto} attribute (RFC 4568 §9.1):
 * {@code <tag> <crypto-suite> <key-params> [<session-param> ...]}, where key-params is one or more
 * {@code inline:<base64 key||salt>[|<lifetime>][|<mki>:<length>]} joined by {@code ;}.
 *
 * <p>Parsing checks the syntax and what RFC 4568 requires of every line: a tag of 1 to 9 digits, a
 * known suite, a key||salt of exactly the suite's length, lifetime and MKI syntax, an MKI on every
 * key when there are several (all of one length, no value twice), and the syntax of the session
 * parameters it knows (KDR, WSH, FEC_ORDER, FEC_KEY; UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP and
 * UNAUTHENTICATED_SRTP take no value). Session parameters are kept as written; whether a device
 * can use a line is for {@link CryptoLineRules} to judge. {@link #toString()} never shows a key.
 *
 * @param tag           0 to 999999999, written as 1 to 9 digits (RFC 4568 §9.1)
 * @param suite         the crypto suite
 * @param keys          the key parameters in order, at least one
 * @param sessionParams the session parameters as written, in order (often none)
 */
public record CryptoAttribute(int tag, SrtpCryptoSuite suite, List<InlineKey> keys, List<String> sessionParams) {

    private static final String PREFIX = "a=crypto:";
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");
    private static final Pattern TAG = Pattern.compile("[0-9]{1,9}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Set<String> FLAGS = Set.of("UNENCRYPTED_SRTP", "UNENCRYPTED_SRTCP", "UNAUTHENTICATED_SRTP");

    public CryptoAttribute {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("tag: expected 1-9 digits, got " + tag);
        }
        Objects.requireNonNull(suite, "suite");
        keys = List.copyOf(keys);
        sessionParams = List.copyOf(sessionParams);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys: at least one inline key is needed");
        }
        for (InlineKey key : keys) {
            if (!key.key().fits(suite)) {
                throw new IllegalArgumentException("key: does not have the key and salt lengths of " + suite.sdpName());
            }
        }
        String keyProblem = multipleKeyProblem(keys);
        if (keyProblem != null) {
            throw new IllegalArgumentException("key-params: " + keyProblem);
        }
        for (String param : sessionParams) {
            String problem = sessionParamProblem(param);
            if (problem != null) {
                throw new IllegalArgumentException("session-params: " + problem);
            }
        }
    }

    /**
     * One key with the lifetime and MKI as written ({@code 2^31}, {@code 1:4}) or null, no session
     * parameters.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public CryptoAttribute(int tag, SrtpCryptoSuite suite, SrtpMasterKey key, String lifetime, String mki) {
        this(tag, suite, List.of(new InlineKey(key, lifetime == null ? null : new KeyLifetime(lifetime),
                mki == null ? null : mkiArgument(mki))), List.of());
    }

    /** An attribute with one key, without lifetime, MKI or session parameters, as Asterisk sends them. */
    public static CryptoAttribute of(int tag, SrtpCryptoSuite suite, SrtpMasterKey key) {
        return new CryptoAttribute(tag, suite, List.of(InlineKey.of(key)), List.of());
    }

    /**
     * Reads an attribute value, with or without the {@code a=crypto:} prefix.
     *
     * @throws SdpParseException naming the field (tag, suite, key-params, lifetime, mki, session-params)
     */
    public static CryptoAttribute parse(String value) {
        Objects.requireNonNull(value, "value");
        String text = value.strip();
        if (text.startsWith(PREFIX)) {
            text = text.substring(PREFIX.length()).strip();
        }
        if (text.isEmpty()) {
            throw new SdpParseException("tag", "missing: the attribute is empty");
        }
        String[] fields = WHITESPACE.split(text, -1);
        int tag = parseTag(fields[0]);
        if (fields.length < 2) {
            throw new SdpParseException("suite", "missing after tag " + fields[0]);
        }
        SrtpCryptoSuite suite = SrtpCryptoSuite.fromSdpName(fields[1]).orElseThrow(() -> new SdpParseException(
                "suite", "unknown crypto-suite '" + fields[1] + "'"));
        if (fields.length < 3) {
            throw new SdpParseException("key-params", "missing: expected inline:<base64 key||salt>");
        }
        List<InlineKey> keys = parseKeyParams(suite, fields[2]);
        List<String> sessionParams = List.of(fields).subList(3, fields.length);
        for (String param : sessionParams) {
            String problem = sessionParamProblem(param);
            if (problem != null) {
                throw new SdpParseException("session-params", problem);
            }
        }
        return new CryptoAttribute(tag, suite, keys, sessionParams);
    }

    /**
     * Reads keying as a command line takes it: {@code <suite> <key-params> [<session-param> ...]},
     * with tag 1, or a whole attribute value when it starts with a tag.
     *
     * @throws SdpParseException naming the field
     */
    public static CryptoAttribute parseKeying(String value) {
        Objects.requireNonNull(value, "value");
        String text = value.strip();
        if (!text.isEmpty() && !text.startsWith(PREFIX) && !Character.isDigit(text.charAt(0))) {
            text = "1 " + text;
        }
        return parse(text);
    }

    private static int parseTag(String text) {
        if (!TAG.matcher(text).matches()) {
            throw new SdpParseException("tag", "expected 1-9 digits, got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static List<InlineKey> parseKeyParams(SrtpCryptoSuite suite, String keyParams) {
        String[] params = keyParams.split(";", -1);
        List<InlineKey> keys = new ArrayList<>(params.length);
        for (String param : params) {
            keys.add(parseKeyParam(suite, param, params.length > 1 ? " (key " + (keys.size() + 1) + ")" : ""));
        }
        String problem = multipleKeyProblem(keys);
        if (problem != null) {
            throw new SdpParseException("key-params", problem);
        }
        return keys;
    }

    private static InlineKey parseKeyParam(SrtpCryptoSuite suite, String keyParam, String which) {
        if (!keyParam.startsWith(InlineKey.METHOD)) {
            throw new SdpParseException("key-params", "expected key method 'inline:'" + which + ", got '"
                    + keyParam.substring(0, Math.min(keyParam.length(), 7)) + "'");
        }
        String[] parts = keyParam.substring(InlineKey.METHOD.length()).split("\\|", -1);
        if (parts.length > 3) {
            throw new SdpParseException("key-params", "expected key||salt[|lifetime][|mki:length]" + which + ", got "
                    + parts.length + " '|'-separated parts");
        }
        byte[] keyAndSalt = decodeKey(suite, parts[0], which);
        KeyLifetime lifetime = null;
        Mki mki = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.indexOf(':') >= 0) {
                if (mki != null) {
                    throw new SdpParseException("mki", "given twice" + which);
                }
                mki = Mki.parse(part);
            } else {
                if (lifetime != null || mki != null) {
                    throw new SdpParseException("lifetime", "must come once, before the MKI" + which + ", got '"
                            + part + "'");
                }
                lifetime = KeyLifetime.parse(part);
            }
        }
        return new InlineKey(SrtpMasterKey.of(suite, keyAndSalt), lifetime, mki);
    }

    private static byte[] decodeKey(SrtpCryptoSuite suite, String base64, String which) {
        if (base64.isEmpty()) {
            throw new SdpParseException("key-params", "missing key||salt after 'inline:'" + which);
        }
        byte[] keyAndSalt;
        try {
            if (!BASE64.matcher(base64).matches()) {
                throw new IllegalArgumentException("illegal character");
            }
            keyAndSalt = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SdpParseException("key-params", "key||salt" + which + " is not valid base64 (" + e.getMessage() + ")");
        }
        if (keyAndSalt.length != suite.keyAndSaltLength()) {
            throw new SdpParseException("key-params", suite.sdpName() + " needs " + suite.keyAndSaltLength()
                    + " bytes of key||salt, the inline key" + which + " decodes to " + keyAndSalt.length);
        }
        return keyAndSalt;
    }

    /** RFC 4568 §6.1: with several keys, each has an MKI, all of one length, no value twice. */
    private static String multipleKeyProblem(List<InlineKey> keys) {
        if (keys.size() < 2) {
            return null;
        }
        Set<java.math.BigInteger> values = new HashSet<>();
        int length = -1;
        for (int i = 0; i < keys.size(); i++) {
            Mki mki = keys.get(i).mki();
            if (mki == null) {
                return keys.size() + " keys need an MKI each to tell them apart (RFC 4568 §6.1); key " + (i + 1)
                        + " has none";
            }
            if (length >= 0 && mki.length() != length) {
                return "the MKIs of one line must have one length (RFC 4568 §6.1); key " + (i + 1) + " has "
                        + mki.length() + ", key 1 has " + length;
            }
            length = mki.length();
            if (!values.add(mki.number())) {
                return "MKI value " + mki.value() + " is given to two keys (key " + (i + 1) + ")";
            }
        }
        return null;
    }

    /** The syntax of the session parameters RFC 4568 §6.3 defines; unknown ones are kept as written. */
    private static String sessionParamProblem(String param) {
        if (param.isEmpty() || WHITESPACE.matcher(param).find()) {
            return "expected a parameter without blanks, got '" + param + "'";
        }
        int equals = param.indexOf('=');
        String name = equals < 0 ? param : param.substring(0, equals);
        String value = equals < 0 ? null : param.substring(equals + 1);
        switch (name) {
            case "KDR" -> {
                if (value == null || !DIGITS.matcher(value).matches() || Integer.parseInt(value) > 24) {
                    return "KDR: expected KDR=<0-24> (a power of 2 exponent, RFC 4568 §6.3), got '" + param + "'";
                }
            }
            case "WSH" -> {
                if (value == null || !DIGITS.matcher(value).matches() || Integer.parseInt(value) < 64) {
                    return "WSH: expected WSH=<window size of at least 64> (RFC 4568 §6.3), got '" + param + "'";
                }
            }
            case "FEC_ORDER" -> {
                if (!"FEC_SRTP".equals(value) && !"SRTP_FEC".equals(value)) {
                    return "FEC_ORDER: expected FEC_ORDER=FEC_SRTP or SRTP_FEC (RFC 4568 §6.3), got '" + param + "'";
                }
            }
            case "FEC_KEY" -> {
                if (value == null || !value.startsWith(InlineKey.METHOD)) {
                    return "FEC_KEY: expected FEC_KEY=inline:... (RFC 4568 §6.3), got '" + param + "'";
                }
            }
            default -> {
                if (FLAGS.contains(name) && value != null) {
                    return name + ": takes no value (RFC 4568 §6.3), got '" + param + "'";
                }
            }
        }
        return null;
    }

    private static Mki mkiArgument(String mki) {
        try {
            return Mki.parse(mki);
        } catch (SdpParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The first key's master key and salt. */
    public SrtpMasterKey key() {
        return keys.get(0).key();
    }

    /** The first key's lifetime as written ({@code 2^31} or decimal), or null. */
    public String lifetime() {
        KeyLifetime lifetime = keys.get(0).lifetime();
        return lifetime == null ? null : lifetime.text();
    }

    /** The first key's MKI as written ({@code <value>:<length>}), or null. */
    public String mki() {
        Mki mki = keys.get(0).mki();
        return mki == null ? null : mki.toString();
    }

    /** The value of session parameter {@code name} ({@code ""} for a flag such as UNENCRYPTED_SRTP), if present. */
    public Optional<String> sessionParam(String name) {
        for (String param : sessionParams) {
            if (param.equals(name)) {
                return Optional.of("");
            }
            if (param.startsWith(name + "=")) {
                return Optional.of(param.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** The same line with only key {@code index} (0-based), e.g. the key a peer chose to use. */
    public CryptoAttribute withOnlyKey(int index) {
        Objects.checkIndex(index, keys.size());
        return new CryptoAttribute(tag, suite, List.of(keys.get(index)), sessionParams);
    }

    /**
     * An SRTP context builder keyed by this line: the suite, every key (with its MKI, if any) and
     * the shortest lifetime given (capped at the SRTP maximum of 2^48, as Asterisk caps it). Add
     * receiver settings (replay window, initial ROC) and build.
     */
    public SrtpContext.Builder srtpContext() {
        SrtpContext.Builder builder = SrtpContext.builder().suite(suite);
        for (InlineKey key : keys) {
            if (key.mki() == null) {
                builder.masterKey(key.key());
            } else {
                builder.masterKey(key.key(), SrtpMki.of(key.mki().number(), key.mki().length()));
            }
        }
        shortestLifetime().ifPresent(packets -> builder.keyLifetime(Math.min(packets, SrtpContext.MAX_KEY_LIFETIME)));
        return builder;
    }

    /** An SRTCP context builder keyed by this line, as {@link #srtpContext()} (lifetime capped at 2^31). */
    public SrtcpContext.Builder srtcpContext() {
        SrtcpContext.Builder builder = SrtcpContext.builder().suite(suite);
        for (InlineKey key : keys) {
            if (key.mki() == null) {
                builder.masterKey(key.key());
            } else {
                builder.masterKey(key.key(), SrtpMki.of(key.mki().number(), key.mki().length()));
            }
        }
        shortestLifetime().ifPresent(packets -> builder.keyLifetime(Math.min(packets, SrtcpContext.MAX_KEY_LIFETIME)));
        return builder;
    }

    private Optional<Long> shortestLifetime() {
        return keys.stream().map(InlineKey::lifetime).filter(Objects::nonNull).map(KeyLifetime::packets)
                .min(Long::compare);
    }

    /** The attribute value without the {@code a=crypto:} prefix. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(80).append(tag).append(' ').append(suite.sdpName()).append(' ');
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ";").append(keys.get(i).toSdp());
        }
        for (String param : sessionParams) {
            sb.append(' ').append(param);
        }
        return sb.toString();
    }

    /** The whole SDP line, {@code a=crypto:...}, without a line ending. */
    public String toSdpLine() {
        return PREFIX + toSdpValue();
    }

    /** The attribute as an entry of {@link MediaDescription#attributes()}: {@code crypto:...}. */
    public String toAttribute() {
        return "crypto:" + toSdpValue();
    }

    /** Everything but the keys. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CryptoAttribute[tag=").append(tag).append(", suite=")
                .append(suite.sdpName()).append(", key=<redacted>");
        if (keys.size() > 1) {
            sb.append(", keys=").append(keys.size());
        }
        if (lifetime() != null) {
            sb.append(", lifetime=").append(lifetime());
        }
        if (mki() != null) {
            sb.append(", mki=").append(mki());
        }
        if (!sessionParams.isEmpty()) {
            sb.append(", sessionParams=").append(sessionParams);
        }
        return sb.append(']').toString();
    }
}

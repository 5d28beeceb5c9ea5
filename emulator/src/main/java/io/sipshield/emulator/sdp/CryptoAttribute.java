package io.sipshield.emulator.sdp;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SDES {@code a=crypto} attribute (RFC 4568 §9.1) with a single {@code inline:} key:
 * {@code <tag> <crypto-suite> inline:<base64 key||salt>[|<lifetime>][|<mki>:<length>]}.
 *
 * <p>Session parameters (KDR, UNENCRYPTED_SRTP, WSH, FEC_*) and several keys in one line change how
 * SRTP runs and are not supported: parsing rejects them by name instead of ignoring them.
 * {@link #toString()} never shows the key.
 *
 * @param tag      1 to 9 digits, as written (RFC 4568 §9.1)
 * @param suite    the crypto suite
 * @param key      the master key and salt
 * @param lifetime the key lifetime as written ({@code 2^31} or decimal), or null
 * @param mki      the MKI as written ({@code <value>:<length>}), or null
 */
public record CryptoAttribute(int tag, SrtpCryptoSuite suite, SrtpMasterKey key, String lifetime, String mki) {

    private static final String PREFIX = "a=crypto:";
    private static final String INLINE = "inline:";
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");
    private static final Pattern TAG = Pattern.compile("[0-9]{1,9}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern LIFETIME = Pattern.compile("(2\\^)?[0-9]+");
    private static final Pattern MKI = Pattern.compile("[0-9]+:[0-9]{1,3}");

    public CryptoAttribute {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("tag: expected 1-9 digits, got " + tag);
        }
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(key, "key");
        if (!key.fits(suite)) {
            throw new IllegalArgumentException("key: does not have the key and salt lengths of " + suite.sdpName());
        }
        if (lifetime != null && !LIFETIME.matcher(lifetime).matches()) {
            throw new IllegalArgumentException("lifetime: expected digits or 2^digits, got '" + lifetime + "'");
        }
        if (mki != null && !MKI.matcher(mki).matches()) {
            throw new IllegalArgumentException("mki: expected <value>:<length 1-3 digits>, got '" + mki + "'");
        }
    }

    /** An attribute without lifetime or MKI, as Asterisk sends them. */
    public static CryptoAttribute of(int tag, SrtpCryptoSuite suite, SrtpMasterKey key) {
        return new CryptoAttribute(tag, suite, key, null, null);
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
            text = text.substring(PREFIX.length());
        }
        String[] fields = WHITESPACE.split(text, -1);
        if (text.isEmpty()) {
            throw new SdpParseException("tag", "missing: the attribute is empty");
        }
        int tag = parseTag(fields[0]);
        if (fields.length < 2) {
            throw new SdpParseException("suite", "missing after tag " + fields[0]);
        }
        SrtpCryptoSuite suite = SrtpCryptoSuite.fromSdpName(fields[1]).orElseThrow(() -> new SdpParseException(
                "suite", "unknown crypto-suite '" + fields[1] + "'"));
        if (fields.length < 3) {
            throw new SdpParseException("key-params", "missing: expected inline:<base64 key||salt>");
        }
        if (fields.length > 3) {
            throw new SdpParseException("session-params", "not supported: '" + fields[3] + "'");
        }
        return parseKeyParams(tag, suite, fields[2]);
    }

    private static int parseTag(String text) {
        if (!TAG.matcher(text).matches()) {
            throw new SdpParseException("tag", "expected 1-9 digits, got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static CryptoAttribute parseKeyParams(int tag, SrtpCryptoSuite suite, String keyParams) {
        if (!keyParams.startsWith(INLINE)) {
            throw new SdpParseException("key-params", "expected key method 'inline:', got '"
                    + keyParams.substring(0, Math.min(keyParams.length(), 7)) + "'");
        }
        if (keyParams.indexOf(';') >= 0) {
            throw new SdpParseException("key-params", "more than one key (';') is not supported");
        }
        String[] parts = keyParams.substring(INLINE.length()).split("\\|", -1);
        if (parts.length > 3) {
            throw new SdpParseException("key-params", "expected key||salt[|lifetime][|mki:length], got "
                    + parts.length + " '|'-separated parts");
        }
        byte[] keyAndSalt = decodeKey(suite, parts[0]);
        String lifetime = null;
        String mki = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.indexOf(':') >= 0) {
                if (mki != null) {
                    throw new SdpParseException("mki", "given twice");
                }
                if (!MKI.matcher(part).matches()) {
                    throw new SdpParseException("mki", "expected <value>:<length 1-3 digits>, got '" + part + "'");
                }
                mki = part;
            } else {
                if (lifetime != null || mki != null) {
                    throw new SdpParseException("lifetime", "must come once, before the MKI, got '" + part + "'");
                }
                if (!LIFETIME.matcher(part).matches()) {
                    throw new SdpParseException("lifetime", "expected digits or 2^digits, got '" + part + "'");
                }
                lifetime = part;
            }
        }
        return new CryptoAttribute(tag, suite, SrtpMasterKey.of(suite, keyAndSalt), lifetime, mki);
    }

    private static byte[] decodeKey(SrtpCryptoSuite suite, String base64) {
        if (base64.isEmpty()) {
            throw new SdpParseException("key-params", "missing key||salt after 'inline:'");
        }
        byte[] keyAndSalt;
        try {
            if (!BASE64.matcher(base64).matches()) {
                throw new IllegalArgumentException("illegal character");
            }
            keyAndSalt = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SdpParseException("key-params", "key||salt is not valid base64 (" + e.getMessage() + ")");
        }
        if (keyAndSalt.length != suite.keyAndSaltLength()) {
            throw new SdpParseException("key-params", suite.sdpName() + " needs " + suite.keyAndSaltLength()
                    + " bytes of key||salt, the inline key decodes to " + keyAndSalt.length);
        }
        return keyAndSalt;
    }

    /** The attribute value without the {@code a=crypto:} prefix. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(80).append(tag).append(' ').append(suite.sdpName())
                .append(' ').append(INLINE).append(Base64.getEncoder().encodeToString(key.keyAndSalt()));
        if (lifetime != null) {
            sb.append('|').append(lifetime);
        }
        if (mki != null) {
            sb.append('|').append(mki);
        }
        return sb.toString();
    }

    /** The whole SDP line, {@code a=crypto:...}, without a line ending. */
    public String toSdpLine() {
        return PREFIX + toSdpValue();
    }

    /** Everything but the key. */
    @Override
    public String toString() {
        return "CryptoAttribute[tag=" + tag + ", suite=" + suite.sdpName() + ", key=<redacted>"
                + (lifetime == null ? "" : ", lifetime=" + lifetime) + (mki == null ? "" : ", mki=" + mki) + "]";
    }
}

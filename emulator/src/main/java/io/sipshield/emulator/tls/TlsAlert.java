package io.sipshield.emulator.tls;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS alert seen on a phone's connection: its code, its name as RFC 8446 §6 / RFC 5246 §7.2
 * spell it, and which side sent it. Read from the wire when the alert went in the clear
 * ({@link TlsRecordObserver}), otherwise from what the provider said it received: BoringSSL names a
 * received alert {@code SSLV3_ALERT_HANDSHAKE_FAILURE} / {@code TLSV1_ALERT_PROTOCOL_VERSION}, the
 * JDK {@code Received fatal alert: handshake_failure}.
 *
 * @param code   the AlertDescription byte (40 handshake_failure, 70 protocol_version, 80 internal_error ...)
 * @param name   the RFC name, or {@code alert_<code>} for a code no RFC names
 * @param fatal  whether the AlertLevel was fatal (2); a warning (1) otherwise
 * @param sender who sent it
 */
public record TlsAlert(int code, String name, boolean fatal, Sender sender) {

    /** The side of the phone's connection that sent the alert. */
    public enum Sender {
        SERVER, PHONE;

        /** {@code "server"} / {@code "phone"}, as reports print it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** RFC 5246 §7.2 and RFC 8446 §6 AlertDescription values, plus the SSLv3 ones BoringSSL still names. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(21, "decryption_failed"), Map.entry(22, "record_overflow"),
            Map.entry(30, "decompression_failure"), Map.entry(40, "handshake_failure"),
            Map.entry(41, "no_certificate"), Map.entry(42, "bad_certificate"),
            Map.entry(43, "unsupported_certificate"), Map.entry(44, "certificate_revoked"),
            Map.entry(45, "certificate_expired"), Map.entry(46, "certificate_unknown"),
            Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"), Map.entry(49, "access_denied"),
            Map.entry(50, "decode_error"), Map.entry(51, "decrypt_error"), Map.entry(60, "export_restriction"),
            Map.entry(70, "protocol_version"), Map.entry(71, "insufficient_security"),
            Map.entry(80, "internal_error"), Map.entry(86, "inappropriate_fallback"),
            Map.entry(90, "user_canceled"), Map.entry(100, "no_renegotiation"), Map.entry(109, "missing_extension"),
            Map.entry(110, "unsupported_extension"), Map.entry(111, "certificate_unobtainable"),
            Map.entry(112, "unrecognized_name"), Map.entry(113, "bad_certificate_status_response"),
            Map.entry(114, "bad_certificate_hash_value"), Map.entry(115, "unknown_psk_identity"),
            Map.entry(116, "certificate_required"), Map.entry(120, "no_application_protocol"));

    private static final Pattern BORINGSSL_RECEIVED = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z0-9_]+)");
    private static final Pattern JDK_RECEIVED = Pattern.compile("Received fatal alert: ([a-z0-9_]+)");

    public TlsAlert {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sender, "sender");
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("an AlertDescription is one byte (0-255), got " + code);
        }
    }

    /** A fatal alert by its code. */
    public static TlsAlert fatal(int code, Sender sender) {
        return new TlsAlert(code, nameOf(code), true, sender);
    }

    /** The RFC name of an alert code, or {@code alert_<code>}. */
    public static String nameOf(int code) {
        return NAMES.getOrDefault(code, "alert_" + code);
    }

    /** Every alert name the RFCs give, sorted. */
    public static java.util.SortedSet<String> names() {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(NAMES.values()));
    }

    /** The code of an alert named as the RFCs do ({@code handshake_failure}), if it is one. */
    public static Optional<Integer> codeOf(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(wanted)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The alert a provider says it received from the server, read from the exception's messages
     * (the whole cause chain). Empty when the failure names no received alert: the phone's own stack
     * gave up, and what it sent (if anything) is only known from the wire; or the name is no RFC alert.
     */
    public static Optional<TlsAlert> receivedFrom(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                text.append(t.getMessage()).append('\n');
            }
        }
        String name = null;
        Matcher boring = BORINGSSL_RECEIVED.matcher(text);
        if (boring.find()) {
            name = boring.group(1).toLowerCase(Locale.ROOT);
        } else {
            Matcher jdk = JDK_RECEIVED.matcher(text);
            if (jdk.find()) {
                name = jdk.group(1);
            }
        }
        return name == null ? Optional.empty() : codeOf(name).map(code -> fatal(code, Sender.SERVER));
    }

    /** {@code handshake_failure (40) sent by the server}. */
    @Override
    public String toString() {
        return name + " (" + code + ")" + (fatal ? "" : " warning") + " sent by the " + sender.label();
    }
}

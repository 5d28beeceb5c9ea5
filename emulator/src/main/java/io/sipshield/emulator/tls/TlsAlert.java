package io.sipshield.emulator.tls;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS alert seen on the phone's connection (RFC 8446 §6, the registry's names and codes), and who
 * sent it.
 *
 * <p>Where they come from: a handshake the server broke off shows the alert the phone received, in the
 * failure's text: the JDK writes {@code Received fatal alert: handshake_failure}, BoringSSL
 * {@code SSLV3_ALERT_HANDSHAKE_FAILURE} / {@code TLSV1_ALERT_UNKNOWN_CA} (its names for an alert
 * received from the peer). When the phone itself refuses the server's chain after the handshake, it
 * does what PJSIP does (sip_transport_tls.c: the transport is closed with {@code pj_ssl_sock_close},
 * whose OpenSSL backend calls {@code SSL_shutdown}): it sends {@code close_notify}, not
 * {@code bad_certificate}, because with {@code verify_peer = false} OpenSSL never fails the handshake.
 *
 * @param name   the alert's RFC 8446 name, like {@code handshake_failure}
 * @param code   its AlertDescription code, like 40
 * @param sentBy who sent it
 */
public record TlsAlert(String name, int code, Sender sentBy) {

    /** Which side sent an alert. */
    public enum Sender {
        /** The server sent it; the phone received it. */
        SERVER,
        /** The phone sent it. */
        PHONE
    }

    /** RFC 8446 §6 AlertDescription (plus TLS 1.2's decryption_failed and no_renegotiation), name to code. */
    public static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("close_notify", 0), Map.entry("unexpected_message", 10), Map.entry("bad_record_mac", 20),
            Map.entry("decryption_failed", 21), Map.entry("record_overflow", 22), Map.entry("handshake_failure", 40),
            Map.entry("bad_certificate", 42), Map.entry("unsupported_certificate", 43),
            Map.entry("certificate_revoked", 44), Map.entry("certificate_expired", 45),
            Map.entry("certificate_unknown", 46), Map.entry("illegal_parameter", 47), Map.entry("unknown_ca", 48),
            Map.entry("access_denied", 49), Map.entry("decode_error", 50), Map.entry("decrypt_error", 51),
            Map.entry("protocol_version", 70), Map.entry("insufficient_security", 71),
            Map.entry("internal_error", 80), Map.entry("inappropriate_fallback", 86), Map.entry("user_canceled", 90),
            Map.entry("no_renegotiation", 100), Map.entry("missing_extension", 109),
            Map.entry("unsupported_extension", 110), Map.entry("unrecognized_name", 112),
            Map.entry("bad_certificate_status_response", 113), Map.entry("unknown_psk_identity", 115),
            Map.entry("certificate_required", 116), Map.entry("no_application_protocol", 120));

    private static final Pattern JDK_RECEIVED = Pattern.compile("Received fatal alert: ([a-z_]+)");
    private static final Pattern BORINGSSL_RECEIVED = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)");

    public TlsAlert {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sentBy, "sentBy");
    }

    /** The alert named {@code name} (an RFC 8446 name), sent by {@code sender}. */
    public static Optional<TlsAlert> named(String name, Sender sender) {
        Integer code = CODES.get(name);
        return code == null ? Optional.empty() : Optional.of(new TlsAlert(name, code, sender));
    }

    /** The {@code close_notify} a phone sends when it closes a connection itself. */
    public static TlsAlert closeNotifyFromPhone() {
        return new TlsAlert("close_notify", 0, Sender.PHONE);
    }

    /**
     * The alert the phone received, read from a failed handshake's exception chain (JDK and BoringSSL
     * texts); empty when no message names one.
     */
    public static Optional<TlsAlert> received(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Optional<TlsAlert> alert = receivedIn(cause.getMessage());
            if (alert.isPresent()) {
                return alert;
            }
        }
        return Optional.empty();
    }

    static Optional<TlsAlert> receivedIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher jdk = JDK_RECEIVED.matcher(message);
        if (jdk.find()) {
            return named(jdk.group(1), Sender.SERVER);
        }
        Matcher boring = BORINGSSL_RECEIVED.matcher(message);
        if (boring.find()) {
            return named(boring.group(1).toLowerCase(Locale.ROOT), Sender.SERVER);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name + " (" + code + ") sent by " + sentBy.name().toLowerCase(Locale.ROOT);
    }
}

package io.sipshield.harness.probe;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a TLS handshake failed, read from what the provider reported: the alert, if any, and which
 * side sent it. BoringSSL names an alert it received {@code SSLV3_ALERT_*} / {@code TLSV1_ALERT_*};
 * the JDK says {@code Received fatal alert: name}. Anything else is the phone's own TLS stack
 * giving up (it then sends the alert).
 *
 * @param alert  the TLS alert's name ({@code handshake_failure}), or null when none was identified
 * @param sender {@code "server"} when the server sent the alert, {@code "phone"} when the phone's stack aborted
 * @param detail the provider's message
 */
public record HandshakeFailure(String alert, String sender, String detail) {

    private static final Pattern BORINGSSL_RECEIVED = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z0-9_]+)");
    private static final Pattern JDK_RECEIVED = Pattern.compile("Received fatal alert: ([a-z0-9_]+)");

    public static HandshakeFailure of(Throwable cause) {
        Throwable root = cause;
        StringBuilder messages = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t.getMessage() != null) {
                messages.append(t.getMessage()).append(' ');
            }
        }
        String text = messages.toString();
        Matcher boring = BORINGSSL_RECEIVED.matcher(text);
        if (boring.find()) {
            return new HandshakeFailure(boring.group(1).toLowerCase(Locale.ROOT), "server", describe(root));
        }
        Matcher jdk = JDK_RECEIVED.matcher(text);
        if (jdk.find()) {
            return new HandshakeFailure(jdk.group(1), "server", describe(root));
        }
        return new HandshakeFailure(null, "phone", describe(root));
    }

    /** The connection closed before the handshake completed, without an alert. */
    public static HandshakeFailure closedByServer() {
        return new HandshakeFailure(null, "server", "the server closed the connection during the handshake");
    }

    public String summary() {
        return alert != null ? "alert " + alert + " sent by the " + sender + " (" + detail + ")"
                : ("phone".equals(sender) ? "the phone's TLS stack aborted the handshake: " : "") + detail;
    }

    private static String describe(Throwable root) {
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

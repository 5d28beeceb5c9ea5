package io.sipshield.emulator.tls;

import io.sipshield.emulator.profile.DeviceProfile;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether and how a phone resumes its TLS session when it connects again (a reconnect, a
 * re-registration over a new connection): not at all, by session ID (RFC 5246 §7.3), by session
 * ticket (RFC 5077), or offering both. A phone resumes only its own session, never another
 * phone's, and only within {@code lifetime} of the session's creation.
 *
 * <p>Device defaults ({@link #forProfile}):
 * <ul>
 *   <li>Digium D-Series: {@link Mode#NONE}. The phones run PJSIP, whose OpenSSL socket
 *       (pjlib {@code ssl_sock_ossl.c}, {@code create_ssl_ctx} / {@code reset_ssl_sock_state})
 *       creates an {@code SSL_CTX} for each socket and frees it with the socket: the session cache
 *       lives in that context, so a new connection has no session to offer.</li>
 *   <li>Cisco: {@link Mode#IDS} for {@link #CISCO_TEMPLATE_LIFETIME}, the {@code TLSResumptionTimer}
 *       of the SEP&lt;MAC&gt;.cnf.xml template (DEVICES.md A.3). [GUESS] the template gives only the
 *       timer, not whether the phone resumes by ID or by ticket; IDs are what every TLS client of
 *       that age supports.</li>
 *   <li>Everything else (Algo): {@link Mode#NONE}. [GUESS] no source says either way.</li>
 * </ul>
 * All of it is configurable: {@code PhoneSettings.Builder.tlsResumption}, {@code load --resumption}.
 *
 * <p>What the client can and cannot control: on BoringSSL {@link Mode#IDS} keeps the session and
 * sends no ticket extension; {@link Mode#TICKETS} and {@link Mode#BOTH} also send the (empty)
 * session ticket extension, so a server that issues tickets resumes by ticket, and one that does
 * not by ID: BoringSSL offers whatever its cached session holds, so TICKETS cannot refuse an ID.
 * On the JDK provider the ticket extension follows the JVM's
 * {@code jdk.tls.client.enableSessionTicketExtension}, whatever the mode.
 *
 * @param mode     what the phone offers when it connects again
 * @param lifetime how long after its creation a session may be resumed (ignored for NONE)
 */
public record TlsResumption(Mode mode, Duration lifetime) {

    /** {@code TLSResumptionTimer} in the Cisco SEP&lt;MAC&gt;.cnf.xml template (DEVICES.md A.3). */
    public static final Duration CISCO_TEMPLATE_LIFETIME = Duration.ofSeconds(3600);
    /** [GUESS] the lifetime when none is given: OpenSSL's default session timeout (300 s). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);

    /** What a phone offers to resume a session. */
    public enum Mode {
        /** A full handshake on every connection. */
        NONE,
        /** The cached session's ID (RFC 5246 §7.3); no session ticket extension. */
        IDS,
        /** The session ticket extension (RFC 5077). */
        TICKETS,
        /** The ticket extension and the session ID. */
        BOTH;

        /** Whether a connection may resume at all. */
        public boolean resumes() {
            return this != NONE;
        }

        /** Whether the ClientHello carries the session ticket extension. */
        public boolean offersTickets() {
            return this == TICKETS || this == BOTH;
        }

        /**
         * {@code none|off|ids|tickets|both} (case-insensitive).
         *
         * @throws IllegalArgumentException naming the text and what was expected
         */
        public static Mode parse(String text) {
            String word = Objects.requireNonNull(text, "resumption").strip().toLowerCase(Locale.ROOT);
            return switch (word) {
                case "none", "off" -> NONE;
                case "ids", "id" -> IDS;
                case "tickets", "ticket" -> TICKETS;
                case "both" -> BOTH;
                default -> throw new IllegalArgumentException("resumption: '" + text
                        + "' is not a resumption mode; expected none, ids, tickets or both");
            };
        }
    }

    public TlsResumption {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero() && mode.resumes()) {
            throw new IllegalArgumentException("resumption lifetime: expected more than 0 s for " + mode + ", got "
                    + lifetime.toSeconds() + " s");
        }
    }

    /** Full handshakes only. */
    public static TlsResumption none() {
        return new TlsResumption(Mode.NONE, Duration.ZERO);
    }

    /** {@code mode} for {@link #DEFAULT_LIFETIME}. */
    public static TlsResumption of(Mode mode) {
        return mode.resumes() ? new TlsResumption(mode, DEFAULT_LIFETIME) : none();
    }

    /** What the device does by default (see the class comment for the sources). */
    public static TlsResumption forProfile(DeviceProfile profile) {
        if (profile.name().toLowerCase(Locale.ROOT).startsWith("cisco")) {
            return new TlsResumption(Mode.IDS, CISCO_TEMPLATE_LIFETIME);
        }
        return none();
    }

    /**
     * A Cisco {@code TLSResumptionTimer} (seconds) as a resumption: 0 turns resumption off
     * ([GUESS], as an OpenSSL session timeout of 0 would make every session expired at once),
     * any other value resumes by ID for that long.
     *
     * @throws IllegalArgumentException when {@code seconds} is negative
     */
    public static TlsResumption ciscoTimer(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("TLSResumptionTimer: expected 0 or more seconds, got " + seconds);
        }
        return seconds == 0 ? none() : new TlsResumption(Mode.IDS, Duration.ofSeconds(seconds));
    }

    /** {@code none}, or the mode and lifetime: {@code ids for 3600 s}. */
    public String describe() {
        return mode.resumes() ? mode.name().toLowerCase(Locale.ROOT) + " for " + lifetime.toSeconds() + " s" : "none";
    }
}

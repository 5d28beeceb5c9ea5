package io.sipshield.harness.mock;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Which TLS session resumptions the mock's transport grants: from its server-side session cache
 * (by session ID, RFC 5246 §7.3) and by session ticket (RFC 5077), each on or off.
 *
 * <p>Default: both on. [GUESS] Asterisk's PJSIP transport runs OpenSSL, whose defaults keep a
 * server session cache ({@code SSL_SESS_CACHE_SERVER}) and issue tickets; no pjsip.conf option
 * changes either, and no source says PJSIP does. netty's own default (on BoringSSL) keeps the cache
 * but sets {@code SSL_OP_NO_TICKET}: tickets are turned on here with a ticket key drawn at start.
 *
 * @param sessionCache whether sessions are kept for resumption by ID
 * @param tickets      whether session tickets are issued and accepted
 */
public record ServerSessionResumption(boolean sessionCache, boolean tickets) {

    /** OpenSSL's defaults: cache and tickets. */
    public static final ServerSessionResumption DEFAULT = new ServerSessionResumption(true, true);
    /** Every handshake full. */
    public static final ServerSessionResumption NONE = new ServerSessionResumption(false, false);

    /**
     * {@code both|ids|tickets|none} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static ServerSessionResumption parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "both" -> DEFAULT;
            case "ids", "cache" -> new ServerSessionResumption(true, false);
            case "tickets" -> new ServerSessionResumption(false, true);
            case "none", "off" -> NONE;
            default -> throw new IllegalArgumentException("server resumption: '" + text
                    + "' is not one of both, ids, tickets, none");
        };
    }

    /** Sets the cache and the ticket key on a server context built on BoringSSL; a JDK context is left as it is. */
    void applyTo(SslContext context) {
        if (context.sessionContext() instanceof OpenSslSessionContext openSsl) {
            openSsl.setSessionCacheEnabled(sessionCache);
            if (tickets) {
                SecureRandom random = new SecureRandom();
                openSsl.setTicketKeys(new OpenSslSessionTicketKey(bytes(random, OpenSslSessionTicketKey.NAME_SIZE),
                        bytes(random, OpenSslSessionTicketKey.HMAC_KEY_SIZE),
                        bytes(random, OpenSslSessionTicketKey.AES_KEY_SIZE)));
            }
        }
    }

    /**
     * The counts so far: handshakes and resumptions from {@code counter}, ticket resumptions from
     * netty-tcnative's ticket key callback counter ({@code ticketKeyResume}).
     */
    static Stats statsOf(SslContext context, TlsHandshakeCounter counter) {
        long tickets = context != null && context.sessionContext() instanceof OpenSslSessionContext openSsl
                ? openSsl.stats().ticketKeyResume() : 0;
        return new Stats(counter.completed(), counter.resumed(), tickets);
    }

    private static byte[] bytes(SecureRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * The mock's TLS session counters.
     *
     * @param handshakesCompleted handshakes completed, full or resumed
     * @param resumed             handshakes that resumed a session, by ID or by ticket
     * @param ticketResumptions   of those, the ones resumed by a ticket the mock had issued
     */
    public record Stats(long handshakesCompleted, long resumed, long ticketResumptions) {

        /** Handshakes resumed from the server's session cache (by ID). */
        public long cacheResumptions() {
            return resumed - ticketResumptions;
        }

        /** Full handshakes. */
        public long full() {
            return handshakesCompleted - resumed;
        }
    }
}

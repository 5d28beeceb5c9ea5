package io.sipshield.harness.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which server the mock plays on its TLS transport. The SIP layer (registrar, digest, dialplan,
 * requests down the phone's own connection) is the same for both; what differs is how the TLS
 * listener treats client certificates and the defaults it announces.
 *
 * <ul>
 * <li>{@link #ASTERISK}: PJSIP's transport. {@code require_client_cert} fails the handshake without
 * a certificate; {@code verify_client} judges a certificate after the handshake and closes the
 * connection without SIP (DEVICES.md §E; res/res_pjsip/pjsip_transport_events.c).</li>
 * <li>{@link #MX_ONE}: Mitel MX-ONE's SIPLP (reSIProcate). {@code TlsClientVerificationMode:
 * none|optional|mandatory} in ip_telephony.conf decides whether the server sends a
 * CertificateRequest and verifies the answer inside the handshake, as OpenSSL's
 * {@code SSL_VERIFY_PEER} does (seed 004; DEVICES.md §D). Mitel phones keep one persistent TLS
 * connection that the server reuses for its own requests (DEVICES.md §D), which the mock does for
 * every personality.</li>
 * </ul>
 */
public enum ServerPersonality {
    ASTERISK("asterisk", MockAsterisk.DEFAULT_USER_AGENT, "asterisk"),
    /**
     * MX-ONE. [GUESS] No source gives MX-ONE's Server header or digest realm: the defaults here are
     * placeholders ({@link MockAsterisk.Builder#userAgent}, {@link MockAsterisk.Builder#realm} override them).
     */
    MX_ONE("mx-one", "MX-ONE SIPLP (sipshield mock)", "mx-one");

    private final String keyword;
    private final String defaultUserAgent;
    private final String defaultRealm;

    ServerPersonality(String keyword, String defaultUserAgent, String defaultRealm) {
        this.keyword = keyword;
        this.defaultUserAgent = defaultUserAgent;
        this.defaultRealm = defaultRealm;
    }

    /** The word scenario files and {@code sipshield serve --personality} use. */
    public String keyword() {
        return keyword;
    }

    /** The Server header the mock sends unless {@code userAgent} is set. */
    public String defaultUserAgent() {
        return defaultUserAgent;
    }

    /** The digest realm the mock challenges with unless {@code realm} is set. */
    public String defaultRealm() {
        return defaultRealm;
    }

    /**
     * The personality a keyword names, case-insensitively.
     *
     * @throws IllegalArgumentException naming the keywords there are
     */
    public static ServerPersonality fromKeyword(String keyword) {
        String wanted = keyword.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.keyword.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("personality '" + keyword + "' is not one of: "
                        + Arrays.stream(values()).map(ServerPersonality::keyword).collect(Collectors.joining(", "))));
    }
}

package io.sipshield.emulator.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sip.header.Header;
import javax.sip.message.Request;

/**
 * The server side of SIP Digest authentication (RFC 2617 §3.2.1, §3.2.2; RFC 3261 §22.4), for the
 * mock Asterisk: it issues challenges the way Asterisk's PJSIP does and checks credentials.
 *
 * <p>A challenge reads {@code Digest realm="asterisk",nonce="<unix-time>/<32 hex>",opaque="<16 hex>",
 * algorithm=MD5,qop="auth"}. The nonce is stateless: its hex part is an MD5 over the time, the
 * realm and a random secret of this verifier, so only nonces it issued verify, and their age is
 * read from the nonce itself. Like PJSIP, nonce counts are not tracked for replay, and the
 * digest-uri is not compared with the Request-URI.
 *
 * <pre>{@code
 * DigestVerifier verifier = DigestVerifier.builder().realm("asterisk").build();
 * String header = verifier.challenge().toHeaderValue();          // for the 401
 * DigestStatus status = verifier.verify(register, "101", "pass101");
 * }</pre>
 *
 * Thread-safe; the secret never leaves the instance.
 */
public final class DigestVerifier {

    /** Asterisk's default realm. */
    public static final String DEFAULT_REALM = "asterisk";
    /** Asterisk's default nonce lifetime ({@code nonce_lifetime} in pjsip.conf's auth sections). */
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofSeconds(32);

    private static final int OPAQUE_HEX_DIGITS = 16;

    private final String realm;
    private final Duration nonceLifetime;
    private final Clock clock;
    private final String secret;

    private DigestVerifier(Builder builder) {
        this.realm = builder.realm;
        this.nonceLifetime = builder.nonceLifetime;
        this.clock = builder.clock;
        byte[] secretBytes = new byte[16];
        (builder.random != null ? builder.random : new SecureRandom()).nextBytes(secretBytes);
        this.secret = HexFormat.of().formatHex(secretBytes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String realm() {
        return realm;
    }

    public Duration nonceLifetime() {
        return nonceLifetime;
    }

    /** A fresh challenge with a nonce for the current time. */
    public DigestChallenge challenge() {
        return challenge(false);
    }

    /** A fresh challenge; {@code stale} tells the client its credentials were right but the nonce expired. */
    public DigestChallenge challenge(boolean stale) {
        long now = clock.instant().getEpochSecond();
        String nonce = now + "/" + nonceHash(Long.toString(now));
        return new DigestChallenge(realm, nonce, opaque(nonce), "MD5", List.of("auth"), stale);
    }

    /**
     * Checks the request's {@code Authorization} header, or its {@code Proxy-Authorization} header
     * when it has no {@code Authorization}.
     *
     * @return {@link DigestStatus#MISSING} when it has neither
     */
    public DigestStatus verify(Request request, String username, String password) {
        Header header = request.getHeader("Authorization");
        if (header == null) {
            header = request.getHeader("Proxy-Authorization");
        }
        if (header == null) {
            return DigestStatus.MISSING;
        }
        return verify(request.getMethod(), Headers.value(header), username, password);
    }

    /**
     * Checks credentials against the expected username and its password.
     *
     * @param method      the request's method
     * @param credentials the value of the Authorization header ({@code Digest username="..."...}), or null
     */
    public DigestStatus verify(String method, String credentials, String username, String password) {
        if (credentials == null || credentials.isBlank()) {
            return DigestStatus.MISSING;
        }
        DigestAuthorization authorization;
        try {
            authorization = DigestAuthorization.parse(credentials);
        } catch (IllegalArgumentException e) {
            return DigestStatus.MALFORMED;
        }
        boolean md5 = authorization.algorithm() == null || authorization.algorithm().equalsIgnoreCase("MD5");
        if (!md5 || authorization.qop() != null && !authorization.qop().equalsIgnoreCase("auth")) {
            return DigestStatus.MALFORMED;
        }
        if (!authorization.realm().equals(realm)) {
            return DigestStatus.UNKNOWN_REALM;
        }
        if (!authorization.username().equals(username)) {
            return DigestStatus.UNKNOWN_USER;
        }
        long issued = issuedAt(authorization.nonce());
        if (issued < 0 || authorization.opaque() != null && !sameText(authorization.opaque(), opaque(authorization.nonce()))) {
            return DigestStatus.UNKNOWN_NONCE;
        }
        String expected = DigestHash.response(DigestHash.ha1(username, realm, password), authorization.nonce(),
                authorization.nonceCount(), authorization.cnonce(), authorization.qop(),
                DigestHash.ha2(method, authorization.uri()));
        if (!sameText(expected, authorization.response().toLowerCase(Locale.ROOT))) {
            return DigestStatus.WRONG_PASSWORD;
        }
        long age = clock.instant().getEpochSecond() - issued;
        return age > nonceLifetime.toSeconds() ? DigestStatus.STALE : DigestStatus.OK;
    }

    /** The issue time of a nonce this verifier made, or -1 when it did not make it. */
    private long issuedAt(String nonce) {
        int slash = nonce.indexOf('/');
        if (slash <= 0 || slash > 19) {
            return -1;
        }
        String time = nonce.substring(0, slash);
        if (!time.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return sameText(nonce.substring(slash + 1), nonceHash(time)) ? Long.parseLong(time) : -1;
    }

    private String nonceHash(String time) {
        return DigestHash.md5Hex(time + ":" + realm + ":" + secret);
    }

    private String opaque(String nonce) {
        return DigestHash.md5Hex(nonce + ":" + secret).substring(0, OPAQUE_HEX_DIGITS);
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "DigestVerifier[realm=" + realm + ", nonceLifetime=" + nonceLifetime + "]";
    }

    /** Configures a {@link DigestVerifier}; every setting has Asterisk's default. */
    public static final class Builder {
        private String realm = DEFAULT_REALM;
        private Duration nonceLifetime = DEFAULT_NONCE_LIFETIME;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;

        private Builder() {
        }

        /** The realm of challenges and the only realm accepted (default {@code asterisk}). */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** How long a nonce stays fresh; older correct credentials get {@link DigestStatus#STALE} (default 32 s). */
        public Builder nonceLifetime(Duration nonceLifetime) {
            if (nonceLifetime.isNegative()) {
                throw new IllegalArgumentException("nonceLifetime must not be negative, was " + nonceLifetime);
            }
            this.nonceLifetime = nonceLifetime;
            return this;
        }

        /** The clock nonces are stamped and aged with (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of the verifier's secret (default a new {@link SecureRandom}). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public DigestVerifier build() {
            return new DigestVerifier(this);
        }
    }
}

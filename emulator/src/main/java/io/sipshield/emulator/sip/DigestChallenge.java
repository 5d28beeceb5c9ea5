package io.sipshield.emulator.sip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sip.header.Header;

/**
 * A Digest challenge from a {@code WWW-Authenticate} or {@code Proxy-Authenticate} header
 * (RFC 2617 §3.2.1, RFC 3261 §22.4, RFC 8760 §2.4).
 *
 * @param realm      the protection space, such as {@code asterisk}
 * @param nonce      the server's nonce, quoted on the wire
 * @param opaque     returned unchanged by the client, or null
 * @param algorithm  as written (for example {@code MD5}), or null when absent, which means MD5
 * @param qopOptions the qop values offered ({@code auth}, {@code auth-int}); empty for an RFC 2069 challenge
 * @param stale      true when the previous credentials were right but their nonce expired
 */
public record DigestChallenge(String realm, String nonce, String opaque, String algorithm,
                              List<String> qopOptions, boolean stale) {

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        qopOptions = List.copyOf(qopOptions);
    }

    /**
     * Parses the value of a challenge header ({@code Digest realm="...",nonce="..."}); a whole
     * header line with its name is accepted too.
     *
     * @throws IllegalArgumentException if it is not a Digest challenge, lacks realm or nonce, or is malformed
     */
    public static DigestChallenge parse(String value) {
        DigestParameters parameters = DigestParameters.parse("WWW-Authenticate", value).requireDigest();
        String qop = parameters.get("qop");
        List<String> qopOptions = new ArrayList<>();
        if (qop != null) {
            Arrays.stream(qop.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(qopOptions::add);
        }
        return new DigestChallenge(parameters.require("realm"), parameters.require("nonce"), parameters.get("opaque"),
                parameters.get("algorithm"), qopOptions, "true".equalsIgnoreCase(parameters.get("stale")));
    }

    /** Parses a JAIN-SIP {@code WWW-Authenticate} or {@code Proxy-Authenticate} header. */
    public static DigestChallenge from(Header header) {
        return parse(Headers.value(header));
    }

    /** True when the algorithm is MD5, stated or by default (RFC 2617 §3.2.1). */
    public boolean isMd5() {
        return algorithm == null || algorithm.equalsIgnoreCase("MD5");
    }

    /** True when qop=auth is offered. */
    public boolean offersAuth() {
        return qopOptions.stream().anyMatch(q -> q.equalsIgnoreCase("auth"));
    }

    /** A copy with the stale flag set (RFC 2617 §3.2.1). */
    public DigestChallenge withStale(boolean stale) {
        return new DigestChallenge(realm, nonce, opaque, algorithm, qopOptions, stale);
    }

    /**
     * The header value in the layout PJSIP gives Asterisk's challenges: no spaces, parameters in
     * the order realm, nonce, opaque, stale, algorithm, qop, for example
     * {@code Digest realm="asterisk",nonce="1795348758/962f...",opaque="0cfe...",algorithm=MD5,qop="auth"}.
     */
    public String toHeaderValue() {
        StringBuilder value = new StringBuilder("Digest realm=").append(quote(realm));
        value.append(",nonce=").append(quote(nonce));
        if (opaque != null) {
            value.append(",opaque=").append(quote(opaque));
        }
        if (stale) {
            value.append(",stale=true");
        }
        if (algorithm != null) {
            value.append(",algorithm=").append(algorithm);
        }
        if (!qopOptions.isEmpty()) {
            value.append(",qop=").append(quote(String.join(",", qopOptions)));
        }
        return value.toString();
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

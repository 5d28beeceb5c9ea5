package io.sipshield.emulator.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.Objects;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The client side of SIP Digest authentication (RFC 2617 §3.2.2, RFC 3261 §22.2, RFC 8760),
 * algorithm MD5 with qop=auth or without qop.
 *
 * <p>One authenticator holds one account's credentials. {@link #authorize} draws a fresh random
 * cnonce each time and counts the uses of a nonce: nc is {@code 00000001} for a new nonce and
 * goes up while the server keeps the same nonce (as baresip does for the ACK and BYE after an
 * authenticated INVITE). Not thread-safe: confine it to the phone's event loop. The password is
 * never logged and never appears in {@link #toString()}.
 */
public final class DigestAuthenticator {

    private static final long MAX_NONCE_COUNT = 0xFFFF_FFFFL;

    private final String username;
    private final String password;
    private final SecureRandom random;
    private String currentNonce;
    private long nonceCount;

    public DigestAuthenticator(String username, String password) {
        this(username, password, new SecureRandom());
    }

    public DigestAuthenticator(String username, String password, SecureRandom random) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * One-shot credentials for a challenge header value: a new authenticator, nc=00000001.
     *
     * @return the value of the Authorization header to send
     */
    public static String authorize(String challenge, String username, String password, String method, String uri) {
        return new DigestAuthenticator(username, password)
                .authorize(DigestChallenge.parse(challenge), method, uri).toHeaderValue();
    }

    /**
     * Answers a challenge with a random cnonce, counting uses of the same nonce.
     *
     * @param method the request's method ({@code ACK} for an ACK, RFC 3261 §22.4)
     * @param uri    the request's Request-URI exactly as it will be sent
     */
    public DigestAuthorization authorize(DigestChallenge challenge, String method, String uri) {
        if (!challenge.nonce().equals(currentNonce)) {
            currentNonce = challenge.nonce();
            nonceCount = 0;
        }
        nonceCount++;
        byte[] cnonce = new byte[8];
        random.nextBytes(cnonce);
        return respond(challenge, method, uri, HexFormat.of().formatHex(cnonce), nonceCount);
    }

    /**
     * The credentials for given cnonce and nonce count: a pure function, for known-answer tests
     * and for replaying a recorded exchange.
     *
     * @throws IllegalArgumentException for an algorithm other than MD5, a qop offer without
     *         {@code auth}, or a nonce count outside 1..ffffffff
     */
    public DigestAuthorization respond(DigestChallenge challenge, String method, String uri, String cnonce,
                                       long nonceCount) {
        if (!challenge.isMd5()) {
            throw new IllegalArgumentException("unsupported digest algorithm '" + challenge.algorithm()
                    + "' in the challenge for realm '" + challenge.realm() + "': only MD5 is supported");
        }
        String qop;
        if (challenge.offersAuth()) {
            qop = "auth";
        } else if (challenge.qopOptions().isEmpty()) {
            qop = null;
        } else {
            throw new IllegalArgumentException("the challenge for realm '" + challenge.realm() + "' offers qop "
                    + challenge.qopOptions() + ": only 'auth' is supported");
        }
        if (nonceCount < 1 || nonceCount > MAX_NONCE_COUNT) {
            throw new IllegalArgumentException("nonce count must be between 1 and ffffffff, was " + nonceCount);
        }
        String nc = qop == null ? null : String.format("%08x", nonceCount);
        String usedCnonce = qop == null ? null : Objects.requireNonNull(cnonce, "cnonce");
        String response = DigestHash.response(DigestHash.ha1(username, challenge.realm(), password),
                challenge.nonce(), nc, usedCnonce, qop, DigestHash.ha2(method, uri));
        return new DigestAuthorization(username, challenge.realm(), challenge.nonce(), uri, response, null,
                usedCnonce, challenge.opaque(), qop, nc);
    }

    /**
     * The header to add when resending {@code request} after a 401 or 407: {@code Authorization}
     * for a {@code WWW-Authenticate} challenge, {@code Proxy-Authorization} for a
     * {@code Proxy-Authenticate} one. The first MD5 challenge is answered (RFC 8760 §2.4 lets a
     * server offer several algorithms).
     *
     * @throws IllegalArgumentException if the response is not a 401/407 or offers no MD5 Digest challenge
     */
    public Header authorizationFor(Response challengeResponse, Request request) {
        int status = challengeResponse.getStatusCode();
        if (status != Response.UNAUTHORIZED && status != Response.PROXY_AUTHENTICATION_REQUIRED) {
            throw new IllegalArgumentException("expected a 401 or 407 challenge but got " + status);
        }
        boolean proxy = status == Response.PROXY_AUTHENTICATION_REQUIRED;
        String challengeName = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
        String credentialsName = proxy ? "Proxy-Authorization" : "Authorization";
        ListIterator<?> headers = challengeResponse.getHeaders(challengeName);
        while (headers.hasNext()) {
            DigestChallenge challenge = DigestChallenge.from((Header) headers.next());
            if (challenge.isMd5()) {
                DigestAuthorization credentials = authorize(challenge, request.getMethod(),
                        request.getRequestURI().toString());
                try {
                    return new HeaderFactoryImpl().createHeader(credentialsName, credentials.toHeaderValue());
                } catch (ParseException e) {
                    throw new IllegalStateException("JAIN-SIP rejected the " + credentialsName + " header built here: "
                            + e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("the " + status + " response carries no " + challengeName
                + " header with an MD5 Digest challenge");
    }
}

package io.sipshield.emulator.sip;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.sip.header.Header;

/**
 * Digest credentials from an {@code Authorization} or {@code Proxy-Authorization} header
 * (RFC 2617 §3.2.2, RFC 3261 §22.4).
 *
 * @param username   the user name
 * @param realm      the realm of the challenge
 * @param nonce      the nonce of the challenge
 * @param uri        the digest-uri: the Request-URI of the request, as the client wrote it
 * @param response   the request-digest, 32 lower-case hex digits
 * @param algorithm  as written, or null (the client may leave it out; MD5 is then implied)
 * @param cnonce     the client nonce, or null without qop
 * @param opaque     the challenge's opaque value, or null
 * @param qop        {@code auth}, or null for an RFC 2069 response
 * @param nonceCount the nonce count as written, 8 hex digits ({@code 00000001}), or null without qop
 */
public record DigestAuthorization(String username, String realm, String nonce, String uri, String response,
                                  String algorithm, String cnonce, String opaque, String qop, String nonceCount) {

    private static final Pattern NONCE_COUNT = Pattern.compile("[0-9a-fA-F]{8}");

    public DigestAuthorization {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(response, "response");
    }

    /**
     * Parses the value of a credentials header; a whole header line with its name is accepted too.
     *
     * @throws IllegalArgumentException if it is not Digest, lacks username, realm, nonce, uri or
     *         response, or has qop without cnonce and an 8-hex-digit nc
     */
    public static DigestAuthorization parse(String value) {
        DigestParameters p = DigestParameters.parse("Authorization", value).requireDigest();
        String qop = p.get("qop");
        String cnonce = p.get("cnonce");
        String nc = p.get("nc");
        if (qop != null) {
            cnonce = p.require("cnonce");
            nc = p.require("nc");
            if (!NONCE_COUNT.matcher(nc).matches()) {
                throw new IllegalArgumentException("Authorization: nc must be 8 hex digits (RFC 2617 §3.2.2), was '"
                        + nc + "'");
            }
        }
        return new DigestAuthorization(p.require("username"), p.require("realm"), p.require("nonce"),
                p.require("uri"), p.require("response"), p.get("algorithm"), cnonce, p.get("opaque"), qop, nc);
    }

    /** Parses a JAIN-SIP {@code Authorization} or {@code Proxy-Authorization} header. */
    public static DigestAuthorization from(Header header) {
        return parse(Headers.value(header));
    }

    /**
     * The header value, laid out as baresip writes it: {@code Digest username="101", realm="asterisk",
     * nonce="...", uri="...", response="...", opaque="...", cnonce="...", qop=auth, nc=00000001}
     * (with {@code algorithm=} after the response when set).
     */
    public String toHeaderValue() {
        StringBuilder value = new StringBuilder("Digest username=").append(DigestChallenge.quote(username));
        value.append(", realm=").append(DigestChallenge.quote(realm));
        value.append(", nonce=").append(DigestChallenge.quote(nonce));
        value.append(", uri=").append(DigestChallenge.quote(uri));
        value.append(", response=").append(DigestChallenge.quote(response));
        if (algorithm != null) {
            value.append(", algorithm=").append(algorithm);
        }
        if (opaque != null) {
            value.append(", opaque=").append(DigestChallenge.quote(opaque));
        }
        if (qop != null) {
            value.append(", cnonce=").append(DigestChallenge.quote(cnonce));
            value.append(", qop=").append(qop);
            value.append(", nc=").append(nonceCount);
        }
        return value.toString();
    }
}

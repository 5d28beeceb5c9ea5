package io.sipshield.emulator.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The MD5 request-digest of RFC 2617 §3.2.2.1–3.2.2.3 (algorithm MD5, qop auth or absent). */
final class DigestHash {

    private DigestHash() {
    }

    /** H(A1) for algorithm MD5: MD5(username ":" realm ":" password). */
    static String ha1(String username, String realm, String password) {
        return md5Hex(username + ":" + realm + ":" + password);
    }

    /** H(A2) for qop auth or no qop: MD5(method ":" digest-uri). */
    static String ha2(String method, String uri) {
        return md5Hex(method + ":" + uri);
    }

    /**
     * The request-digest: with qop, KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2)); without
     * qop (RFC 2069 compatibility), KD(H(A1), nonce ":" H(A2)).
     */
    static String response(String ha1, String nonce, String nonceCount, String cnonce, String qop, String ha2) {
        if (qop == null) {
            return md5Hex(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5Hex(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides no MD5, which every Java platform must", e);
        }
    }
}

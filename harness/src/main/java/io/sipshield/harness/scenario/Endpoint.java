package io.sipshield.harness.scenario;

import java.util.Objects;

/**
 * A PJSIP endpoint on the mock server, with its userpass auth and an AOR of the same name.
 *
 * @param id              endpoint id, auth user name and AOR
 * @param password        the digest password (RFC 3261 §22)
 * @param mediaEncryption the endpoint's {@code media_encryption}
 * @param mediaEncryptionOptimistic {@code media_encryption_optimistic}: take whatever encryption is
 *                        offered and put the own a=crypto in RTP/AVP
 * @param srtpTag32       {@code srtp_tag_32}: the server's own offers use AES_CM_128_HMAC_SHA1_32
 */
public record Endpoint(String id, String password, MediaEncryption mediaEncryption, boolean mediaEncryptionOptimistic,
                       boolean srtpTag32) {

    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mediaEncryption, "mediaEncryption");
    }

    /** An endpoint with {@code media_encryption_optimistic=no} and {@code srtp_tag_32=no}. */
    public Endpoint(String id, String password, MediaEncryption mediaEncryption) {
        this(id, password, mediaEncryption, false, false);
    }

    @Override
    public String toString() {
        return "Endpoint[id=" + id + ", mediaEncryption=" + mediaEncryption
                + (mediaEncryptionOptimistic ? ", optimistic" : "") + (srtpTag32 ? ", srtpTag32" : "") + "]";
    }

    /** pjsip.conf {@code media_encryption}. */
    public enum MediaEncryption {
        /** SRTP keyed by SDP security descriptions (RFC 4568); the default. */
        SDES("sdes"),
        /** Plain RTP. */
        NO("no");

        private final String keyword;

        MediaEncryption(String keyword) {
            this.keyword = keyword;
        }

        /** The word a scenario file uses for this mode. */
        public String keyword() {
            return keyword;
        }
    }
}

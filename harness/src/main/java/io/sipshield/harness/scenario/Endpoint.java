package io.sipshield.harness.scenario;

import java.util.Objects;

/**
 * A PJSIP endpoint on the mock server, with its userpass auth and an AOR of the same name.
 *
 * @param id              endpoint id, auth user name and AOR
 * @param password        the digest password (RFC 3261 §22)
 * @param mediaEncryption the endpoint's {@code media_encryption}
 */
public record Endpoint(String id, String password, MediaEncryption mediaEncryption) {

    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mediaEncryption, "mediaEncryption");
    }

    @Override
    public String toString() {
        return "Endpoint[id=" + id + ", mediaEncryption=" + mediaEncryption + "]";
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

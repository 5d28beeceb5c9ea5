package io.sipshield.harness.mock;

import java.util.Objects;

/**
 * One pjsip.conf endpoint with its userpass auth and an AOR of the same name.
 *
 * @param id              endpoint, auth user name and AOR
 * @param password        the auth password
 * @param mediaEncryption {@code media_encryption}
 */
public record MockEndpoint(String id, String password, MediaEncryption mediaEncryption) {

    public MockEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mediaEncryption, "mediaEncryption");
    }

    @Override
    public String toString() {
        return "MockEndpoint[" + id + ", media_encryption=" + mediaEncryption + "]";
    }
}

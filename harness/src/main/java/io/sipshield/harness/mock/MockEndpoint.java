package io.sipshield.harness.mock;

import java.util.Objects;

/**
 * One pjsip.conf endpoint with its userpass auth and an AOR of the same name.
 *
 * @param id              endpoint, auth user name and AOR
 * @param password        the auth password
 * @param mediaEncryption {@code media_encryption}
 * @param aor             the AOR's registrar options
 * @param rewriteContact  {@code rewrite_contact}: a registered contact's host and port become the
 *                        connection's source
 */
public record MockEndpoint(String id, String password, MediaEncryption mediaEncryption, MockAor aor,
                           boolean rewriteContact) {

    public MockEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mediaEncryption, "mediaEncryption");
        Objects.requireNonNull(aor, "aor");
    }

    /** An endpoint as the reference pjsip.conf writes one: one phone per AOR, rewrite_contact=yes. */
    public MockEndpoint(String id, String password, MediaEncryption mediaEncryption) {
        this(id, password, mediaEncryption, MockAor.onePhone(), true);
    }

    public MockEndpoint withAor(MockAor options) {
        return new MockEndpoint(id, password, mediaEncryption, options, rewriteContact);
    }

    public MockEndpoint withRewriteContact(boolean rewrite) {
        return new MockEndpoint(id, password, mediaEncryption, aor, rewrite);
    }

    @Override
    public String toString() {
        return "MockEndpoint[" + id + ", media_encryption=" + mediaEncryption + ", " + aor
                + ", rewrite_contact=" + rewriteContact + "]";
    }
}

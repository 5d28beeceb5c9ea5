package io.sipshield.harness.mock;

import io.sipshield.emulator.rtp.G711;
import java.util.List;
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
 * @param codecs          {@code allow} (after {@code disallow=all}): the G.711 laws the endpoint takes
 */
public record MockEndpoint(String id, String password, MediaEncryption mediaEncryption, MockAor aor,
                           boolean rewriteContact, List<G711> codecs) {

    public MockEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mediaEncryption, "mediaEncryption");
        Objects.requireNonNull(aor, "aor");
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + id + ": allow names no codec");
        }
    }

    public MockEndpoint(String id, String password, MediaEncryption mediaEncryption, MockAor aor, boolean rewriteContact) {
        this(id, password, mediaEncryption, aor, rewriteContact, List.of(G711.PCMU));
    }

    /** An endpoint as the reference pjsip.conf writes one: one phone per AOR, rewrite_contact=yes, allow=ulaw. */
    public MockEndpoint(String id, String password, MediaEncryption mediaEncryption) {
        this(id, password, mediaEncryption, MockAor.onePhone(), true);
    }

    public MockEndpoint withAor(MockAor options) {
        return new MockEndpoint(id, password, mediaEncryption, options, rewriteContact, codecs);
    }

    public MockEndpoint withRewriteContact(boolean rewrite) {
        return new MockEndpoint(id, password, mediaEncryption, aor, rewrite, codecs);
    }

    /** {@code disallow=all} then {@code allow=} these, in preference order. */
    public MockEndpoint withCodecs(List<G711> allowed) {
        return new MockEndpoint(id, password, mediaEncryption, aor, rewriteContact, allowed);
    }

    /** The first format of the offer this endpoint allows (Asterisk keeps the offerer's order), or none. */
    public java.util.Optional<G711> chooseCodec(List<String> offeredFormats) {
        for (String format : offeredFormats) {
            try {
                java.util.Optional<G711> codec = G711.forPayloadType(Integer.parseInt(format));
                if (codec.isPresent() && codecs.contains(codec.get())) {
                    return codec;
                }
            } catch (NumberFormatException e) {
                // a non-numeric format is not an RTP payload type this endpoint could take
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return "MockEndpoint[" + id + ", media_encryption=" + mediaEncryption + ", " + aor
                + ", rewrite_contact=" + rewriteContact + ", allow=" + codecs + "]";
    }
}

package io.sipshield.harness.mock;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
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
 * @param mediaEncryptionOptimistic {@code media_encryption_optimistic}: take whatever encryption the
 *                        offer has, and put the mock's own a=crypto in RTP/AVP (res_pjsip_sdp_rtp.c); per
 *                        pjsip_config.xml it only applies when {@code media_encryption} is not {@code no}
 * @param srtpTag32       {@code srtp_tag_32}: the mock's own offers use AES_CM_128_HMAC_SHA1_32 instead
 *                        of _80 (res_srtp.c); answers still reuse the offerer's suite
 */
public record MockEndpoint(String id, String password, MediaEncryption mediaEncryption, MockAor aor,
                           boolean rewriteContact, List<G711> codecs, boolean mediaEncryptionOptimistic,
                           boolean srtpTag32) {

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

    /** An endpoint with {@code media_encryption_optimistic=no} and {@code srtp_tag_32=no} (Asterisk's defaults). */
    public MockEndpoint(String id, String password, MediaEncryption mediaEncryption, MockAor aor,
                        boolean rewriteContact, List<G711> codecs) {
        this(id, password, mediaEncryption, aor, rewriteContact, codecs, false, false);
    }

    public MockEndpoint(String id, String password, MediaEncryption mediaEncryption, MockAor aor, boolean rewriteContact) {
        this(id, password, mediaEncryption, aor, rewriteContact, List.of(G711.PCMU));
    }

    /** An endpoint as the reference pjsip.conf writes one: one phone per AOR, rewrite_contact=yes, allow=ulaw. */
    public MockEndpoint(String id, String password, MediaEncryption mediaEncryption) {
        this(id, password, mediaEncryption, MockAor.onePhone(), true);
    }

    public MockEndpoint withAor(MockAor options) {
        return new MockEndpoint(id, password, mediaEncryption, options, rewriteContact, codecs, mediaEncryptionOptimistic,
                srtpTag32);
    }

    public MockEndpoint withRewriteContact(boolean rewrite) {
        return new MockEndpoint(id, password, mediaEncryption, aor, rewrite, codecs, mediaEncryptionOptimistic, srtpTag32);
    }

    /** {@code disallow=all} then {@code allow=} these, in preference order. */
    public MockEndpoint withCodecs(List<G711> allowed) {
        return new MockEndpoint(id, password, mediaEncryption, aor, rewriteContact, allowed, mediaEncryptionOptimistic,
                srtpTag32);
    }

    /** {@code media_encryption_optimistic=yes|no}. */
    public MockEndpoint withMediaEncryptionOptimistic(boolean optimistic) {
        return new MockEndpoint(id, password, mediaEncryption, aor, rewriteContact, codecs, optimistic, srtpTag32);
    }

    /** {@code srtp_tag_32=yes|no}. */
    public MockEndpoint withSrtpTag32(boolean tag32) {
        return new MockEndpoint(id, password, mediaEncryption, aor, rewriteContact, codecs, mediaEncryptionOptimistic,
                tag32);
    }

    /**
     * Whether optimistic encryption is in force: {@code media_encryption_optimistic} is set and
     * {@code media_encryption} is not {@code no} (pjsip_config.xml: "This option only applies if
     * media_encryption is set to 'sdes' or 'dtls'").
     */
    public boolean optimistic() {
        return mediaEncryptionOptimistic && mediaEncryption != MediaEncryption.NO;
    }

    /**
     * The suite of the mock's own a=crypto offer (tag 1): AES_CM_128_HMAC_SHA1_32 with
     * {@code srtp_tag_32}, else _80 (res_srtp.c {@code res_sdp_srtp_get_attr}, default_taglen_32).
     */
    public SrtpCryptoSuite offerSuite() {
        return srtpTag32 ? SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32 : SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
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
                + (mediaEncryptionOptimistic ? ", media_encryption_optimistic=yes" : "")
                + (srtpTag32 ? ", srtp_tag_32=yes" : "")
                + ", rewrite_contact=" + rewriteContact + ", allow=" + codecs + "]";
    }
}

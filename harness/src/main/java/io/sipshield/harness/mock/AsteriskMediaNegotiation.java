package io.sipshield.harness.mock;

import io.sipshield.emulator.sdp.AsteriskSdesRules;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.CryptoLineVerdict;
import io.sipshield.emulator.sdp.MediaDescription;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How Asterisk decides an audio offer (or the answer to its own offer) for one endpoint, after
 * res/res_pjsip_sdp_rtp.c ({@code get_media_encryption_type}, {@code check_endpoint_media_transport},
 * {@code negotiate_incoming_sdp_stream}, {@code create_outgoing_sdp_stream}) and res/res_srtp.c for
 * the a=crypto lines (shared/design/DEVICES.md §E).
 *
 * <ol>
 *   <li>The offer is classified: "UDP/TLS" in the profile is DTLS, "SAVP" is SDES, RTP/AVP with
 *       a=crypto is SDES offered optimistically, anything else is plain RTP. A profile ending in F
 *       (AVPF) is refused: the mock's endpoints have {@code use_avpf=no}.</li>
 *   <li>The class must equal the endpoint's {@code media_encryption}. If not: an optimistic
 *       endpoint takes whatever was offered; an optimistic (RTP/AVP + a=crypto) offer to a
 *       {@code no} endpoint counts as plain RTP; anything else is 488.</li>
 *   <li>An sdes endpoint then needs one a=crypto line res_srtp can use ({@link AsteriskSdesRules}:
 *       suites, key length, lifetime, MKI); the first such line wins and its tag and suite are
 *       reused in the answer. Without one the call fails with 488, unless the endpoint is
 *       optimistic and the profile is not RTP/SAVP: then it goes on in plain RTP.</li>
 *   <li>The answer profile: when SDES is set up, Asterisk answers in the <em>offer's</em> profile
 *       ("If we've been explicitly configured to use the received transport OR if encryption is on
 *       and crypto is present use the received transport", negotiate_incoming_sdp_stream), so
 *       RTP/AVP + a=crypto is answered in RTP/AVP with a=crypto, optimistic or not. Plain RTP is
 *       answered RTP/AVP. (DEVICES.md's "RTP/SAVP unless optimistic" is
 *       {@code create_outgoing_sdp_stream}'s rule for a profile it generates: {@link #offerProfile}.)</li>
 * </ol>
 *
 * <p>{@code media_encryption_optimistic} counts only on an endpoint whose {@code media_encryption}
 * is not {@code no} (pjsip_config.xml), see {@link MockEndpoint#optimistic()}. The mock does not do
 * DTLS-SRTP: a UDP/TLS offer is refused for every endpoint (488).
 */
final class AsteriskMediaNegotiation {

    /** The outcome for one offer. */
    sealed interface Outcome permits Srtp, PlainRtp, NotAcceptable {
    }

    /**
     * SRTP with the offerer's chosen crypto line.
     *
     * @param profile the m-line profile of the answer
     */
    record Srtp(String profile, CryptoAttribute offered) implements Outcome {
    }

    /**
     * Plain RTP.
     *
     * @param profile the m-line profile of the answer
     */
    record PlainRtp(String profile) implements Outcome {
    }

    /** 488 Not Acceptable Here, with why (for the trace and the report). */
    record NotAcceptable(String why) implements Outcome {
    }

    /** What an offer's m-line asks for ({@code get_media_encryption_type}). */
    enum Offered {
        /** "UDP/TLS" in the profile. */
        DTLS,
        /** "SAVP" in the profile. */
        SDES,
        /** RTP/AVP with a=crypto: SDES, flagged optimistic. */
        SDES_OPTIMISTIC,
        /** Neither. */
        NONE
    }

    /** res_srtp as built against Debian's libsrtp 2; immutable. */
    private static final AsteriskSdesRules RULES = AsteriskSdesRules.standard();
    private static final String PLAIN_PROFILE = "RTP/AVP";

    private AsteriskMediaNegotiation() {
    }

    /** How Asterisk classifies the offer's encryption ({@code get_media_encryption_type}). */
    static Offered classify(MediaDescription offer) {
        String profile = offer.profile().toUpperCase(Locale.ROOT);
        if (profile.contains("UDP/TLS")) {
            return Offered.DTLS;
        }
        if (profile.contains("SAVP")) {
            return Offered.SDES;
        }
        return offer.attributeValues("crypto").isEmpty() ? Offered.NONE : Offered.SDES_OPTIMISTIC;
    }

    /**
     * The profile of an offer the endpoint makes itself ({@code create_outgoing_sdp_stream}:
     * "Optimistic encryption places crypto in the normal RTP/AVP profile"): RTP/SAVP for a
     * non-optimistic sdes endpoint, RTP/AVP otherwise.
     */
    static String offerProfile(MockEndpoint endpoint) {
        return endpoint.mediaEncryption() == MediaEncryption.SDES && !endpoint.optimistic() ? "RTP/SAVP" : PLAIN_PROFILE;
    }

    /** Decides the offer for the endpoint; see the class comment for the rules. */
    static Outcome negotiate(MockEndpoint endpoint, MediaDescription offer) {
        String where = "media_encryption=" + endpoint.mediaEncryption().name().toLowerCase(Locale.ROOT)
                + (endpoint.optimistic() ? " (optimistic)" : "");
        if (offer.profile().endsWith("F")) {
            return new NotAcceptable("use_avpf=no and the offer is " + offer.profile());
        }
        Offered offered = classify(offer);
        if (offered == Offered.DTLS) {
            return new NotAcceptable(where + " and the offer is " + offer.profile() + " (DTLS-SRTP, not done by the mock)");
        }
        boolean matches = endpoint.mediaEncryption() == MediaEncryption.SDES
                ? offered != Offered.NONE : offered == Offered.NONE;
        boolean sdes = endpoint.mediaEncryption() == MediaEncryption.SDES;
        if (!matches && !endpoint.optimistic()) {
            if (offered == Offered.SDES_OPTIMISTIC) {
                // "If an optimistic offer has been made but encryption is not enabled consider it as
                // having no offer of crypto at all instead of invalid so the session proceeds."
                return new PlainRtp(PLAIN_PROFILE);
            }
            return new NotAcceptable(where + " and the offer is " + offer.profile()
                    + (offered == Offered.NONE ? " without a=crypto" : ""));
        }
        if (!sdes) {
            return new PlainRtp(PLAIN_PROFILE);
        }
        List<CryptoLineVerdict> verdicts = RULES.judgeAll(offer.attributeValues("crypto"));
        Optional<CryptoAttribute> usable = verdicts.stream()
                .filter(CryptoLineVerdict.Usable.class::isInstance)
                .map(verdict -> ((CryptoLineVerdict.Usable) verdict).chosen())
                .findFirst();
        if (usable.isPresent()) {
            return new Srtp(offer.profile(), usable.get());
        }
        String why = verdicts.isEmpty() ? "the offer has no a=crypto line"
                : "no usable a=crypto line in the offer: " + verdicts.stream()
                        .map(CryptoLineVerdict::toString).collect(Collectors.joining("; "));
        if (!endpoint.optimistic() || offer.profile().toUpperCase(Locale.ROOT).startsWith("RTP/SAVP")) {
            return new NotAcceptable(where + ": " + why);
        }
        return new PlainRtp(PLAIN_PROFILE);
    }
}

package io.sipshield.harness.mock;

import io.sipshield.emulator.sdp.AsteriskSdesRules;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.CryptoLineVerdict;
import io.sipshield.emulator.sdp.MediaDescription;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How Asterisk decides an incoming audio offer (res_pjsip_sdp_rtp.c: get_media_encryption_type,
 * check_endpoint_media_transport; res_srtp.c for a=crypto): "SAVP" in the profile is SDES; RTP/AVP
 * with a=crypto is SDES offered optimistically; anything else is plain RTP. An sdes endpoint
 * offered plain RTP, or a {@code no} endpoint offered RTP/SAVP, cannot negotiate: 488. The first
 * a=crypto line Asterisk can use ({@link AsteriskSdesRules}: res_srtp's lifetime, MKI, key-length
 * and session-parameter rules) is chosen and its tag reused in the answer.
 */
final class AsteriskMediaNegotiation {

    /** The outcome for one offer. */
    sealed interface Outcome permits Srtp, PlainRtp, NotAcceptable {
    }

    /** SRTP with the offerer's chosen crypto line. */
    record Srtp(String profile, CryptoAttribute offered) implements Outcome {
    }

    /** Plain RTP. */
    record PlainRtp(String profile) implements Outcome {
    }

    /** 488 Not Acceptable Here, with why (for the trace and the report). */
    record NotAcceptable(String why) implements Outcome {
    }

    /** res_srtp as built against Debian's libsrtp 2; immutable. */
    private static final AsteriskSdesRules RULES = AsteriskSdesRules.standard();

    private AsteriskMediaNegotiation() {
    }

    static Outcome negotiate(MediaEncryption endpoint, MediaDescription offer) {
        boolean savp = offer.secureProfile();
        List<CryptoLineVerdict> verdicts = RULES.judgeAll(offer.attributeValues("crypto"));
        Optional<CryptoAttribute> usable = verdicts.stream()
                .filter(CryptoLineVerdict.Usable.class::isInstance)
                .map(verdict -> ((CryptoLineVerdict.Usable) verdict).chosen())
                .findFirst();
        boolean hasCrypto = !verdicts.isEmpty();
        return switch (endpoint) {
            case SDES -> {
                if (!savp && !hasCrypto) {
                    yield new NotAcceptable("media_encryption=sdes and the offer is plain " + offer.profile()
                            + " without a=crypto");
                }
                if (usable.isEmpty()) {
                    yield new NotAcceptable("no usable a=crypto line in the offer: " + verdicts.stream()
                            .map(CryptoLineVerdict::toString).collect(Collectors.joining("; ")));
                }
                yield new Srtp(savp ? offer.profile() : "RTP/SAVP", usable.get());
            }
            case NO -> savp
                    ? new NotAcceptable("media_encryption=no and the offer is " + offer.profile())
                    : new PlainRtp(offer.profile());
        };
    }
}

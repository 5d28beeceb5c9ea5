package io.sipshield.emulator.sdp;

import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SDES offer/answer (RFC 4568 §5, §7) for one audio stream, as a device with a given
 * {@link SrtpPolicy} does it: builds its offer, answers an offer, and completes its own offer with
 * the answer. The answer picks one offered line and reuses its tag and suite with a fresh key of
 * its own. Which lines a device can use at all is judged by its {@link CryptoLineRules}.
 *
 * <pre>{@code
 * SdesNegotiator phone = SdesNegotiator.forPolicy(SrtpPolicy.DIGIUM, random);
 * SdesOffer offer = phone.offer();                       // RTP/SAVP, a=crypto:1 AES_CM_128_HMAC_SHA1_80 ...
 * SdesOutcome outcome = phone.complete(offer, answer);   // Srtp, Plain or Failed
 * }</pre>
 *
 * <p>Immutable apart from its random source; keys come from that source.
 */
public final class SdesNegotiator {

    private static final String CRYPTO = "crypto";

    private final SrtpPolicy policy;
    private final CryptoLineRules rules;
    private final SecureRandom random;

    private SdesNegotiator(Builder builder) {
        this.policy = builder.policy;
        this.rules = builder.rules != null ? builder.rules : CryptoLineRules.rfc4568(policy.suites());
        this.random = builder.random != null ? builder.random : new SecureRandom();
    }

    /** A negotiator for a device with this policy, judging lines by RFC 4568 for the policy's suites. */
    public static SdesNegotiator forPolicy(SrtpPolicy policy, SecureRandom random) {
        return builder().policy(policy).random(random).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public SrtpPolicy policy() {
        return policy;
    }

    /** An offer with fresh keys: the policy's profile and one line per suite, tags from 1. */
    public SdesOffer offer() {
        List<CryptoAttribute> lines = new ArrayList<>();
        if (policy.offersCrypto()) {
            for (SrtpCryptoSuite suite : policy.suites()) {
                lines.add(CryptoAttribute.of(lines.size() + 1, suite, SrtpMasterKey.random(suite, random)));
            }
        }
        return new SdesOffer(policy.offerProfile(), lines);
    }

    /** What this device answers to an offer: SRTP with a fresh key, plain RTP, or 488. */
    public SdesOutcome answer(MediaDescription offer) {
        Objects.requireNonNull(offer, "offer");
        boolean secure = offer.secureProfile();
        List<String> lines = offer.attributeValues(CRYPTO);
        switch (policy.mode()) {
            case DISABLED -> {
                if (secure) {
                    return new SdesOutcome.NotAcceptable("the offer is " + offer.profile()
                            + " and SRTP is disabled on this device", List.of());
                }
                return new SdesOutcome.Plain(offer.profile(), lines.isEmpty() ? "plain RTP offered"
                        : "SRTP is disabled on this device: the offer's a=crypto lines are ignored", List.of());
            }
            case MANDATORY -> {
                if (!secure) {
                    return new SdesOutcome.NotAcceptable("the offer is " + offer.profile()
                            + (lines.isEmpty() ? " without a=crypto" : " with a=crypto")
                            + ", and this device takes only RTP/SAVP (SRTP is mandatory, never optimistic)", List.of());
                }
                return answerSrtp(offer, lines, true);
            }
            case BEST_EFFORT -> {
                return answerSrtp(offer, lines, secure);
            }
            default -> throw new IllegalStateException("mode: " + policy.mode());
        }
    }

    private SdesOutcome answerSrtp(MediaDescription offer, List<String> lines, boolean srtpRequired) {
        List<CryptoLineVerdict.Unusable> problems = new ArrayList<>();
        for (String line : lines) {
            CryptoLineVerdict verdict = rules.judge(line);
            if (verdict instanceof CryptoLineVerdict.Usable usable) {
                CryptoAttribute chosen = usable.chosen();
                CryptoAttribute answer = CryptoAttribute.of(chosen.tag(), chosen.suite(),
                        SrtpMasterKey.random(chosen.suite(), random));
                return new SdesOutcome.Srtp(offer.profile(), answer, chosen);
            }
            problems.add((CryptoLineVerdict.Unusable) verdict);
        }
        if (srtpRequired) {
            return new SdesOutcome.NotAcceptable(lines.isEmpty() ? "the " + offer.profile() + " offer has no a=crypto line"
                    : "no a=crypto line of the offer is usable", problems);
        }
        return new SdesOutcome.Plain(offer.profile(), lines.isEmpty() ? "plain RTP offered"
                : "no usable a=crypto line: the call goes on in plain RTP", problems);
    }

    /** What this device makes of the answer to its own offer: SRTP, plain RTP, or a call it ends. */
    public SdesOutcome complete(SdesOffer offer, MediaDescription answer) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(answer, "answer");
        if (answer.port() == 0) {
            return new SdesOutcome.Failed("the answer rejects the audio stream (port 0)", List.of());
        }
        boolean secure = answer.secureProfile();
        List<String> lines = answer.attributeValues(CRYPTO);
        if (policy.mode() == SrtpPolicy.Mode.DISABLED || offer.crypto().isEmpty()) {
            if (secure) {
                return new SdesOutcome.Failed("the answer is " + answer.profile()
                        + " to an offer without SRTP", List.of());
            }
            return new SdesOutcome.Plain(answer.profile(), "SRTP was not offered", List.of());
        }
        if (policy.mode() == SrtpPolicy.Mode.MANDATORY && !secure) {
            return new SdesOutcome.Failed("the answer is " + answer.profile()
                    + (lines.isEmpty() ? " without a=crypto" : " with a=crypto")
                    + ", and this device requires RTP/SAVP (SRTP is mandatory, never optimistic)", List.of());
        }
        List<CryptoLineVerdict.Unusable> problems = new ArrayList<>();
        for (String line : lines) {
            CryptoLineVerdict verdict = answerVerdict(offer, rules.judge(line));
            if (verdict instanceof CryptoLineVerdict.Usable usable) {
                CryptoAttribute local = offer.line(usable.attribute().tag()).orElseThrow();
                return new SdesOutcome.Srtp(answer.profile(), local, usable.chosen());
            }
            problems.add((CryptoLineVerdict.Unusable) verdict);
        }
        if (secure || policy.mode() == SrtpPolicy.Mode.MANDATORY) {
            return new SdesOutcome.Failed(lines.isEmpty() ? "the " + answer.profile() + " answer has no a=crypto line"
                    : "no a=crypto line of the answer is usable", problems);
        }
        return new SdesOutcome.Plain(answer.profile(), lines.isEmpty()
                ? "the answer has no a=crypto line: falling back to plain RTP"
                : "no usable a=crypto line in the answer: falling back to plain RTP", problems);
    }

    /** An answer's line must reuse an offered tag with that line's suite (RFC 4568 §5.1.2). */
    private static CryptoLineVerdict answerVerdict(SdesOffer offer, CryptoLineVerdict verdict) {
        if (!(verdict instanceof CryptoLineVerdict.Usable usable)) {
            return verdict;
        }
        CryptoAttribute answered = usable.attribute();
        Optional<CryptoAttribute> offered = offer.line(answered.tag());
        if (offered.isEmpty()) {
            return new CryptoLineVerdict.Unusable(usable.line(), "tag", "tag " + answered.tag()
                    + " was not offered (offered: " + offer.crypto().stream().map(c -> Integer.toString(c.tag()))
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (offered.get().suite() != answered.suite()) {
            return new CryptoLineVerdict.Unusable(usable.line(), "suite", "tag " + answered.tag() + " was offered as "
                    + offered.get().suite().sdpName() + ", the answer says " + answered.suite().sdpName());
        }
        return usable;
    }

    /** Settings for an {@link SdesNegotiator}. */
    public static final class Builder {
        private SrtpPolicy policy;
        private CryptoLineRules rules;
        private SecureRandom random;

        private Builder() {
        }

        /** The device's SRTP policy. Required. */
        public Builder policy(SrtpPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How the device judges received lines. Default: RFC 4568 for the policy's suites. */
        public Builder rules(CryptoLineRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Where keys come from. Default: a new SecureRandom. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public SdesNegotiator build() {
            if (policy == null) {
                throw new IllegalStateException("policy: required");
            }
            return new SdesNegotiator(this);
        }
    }
}

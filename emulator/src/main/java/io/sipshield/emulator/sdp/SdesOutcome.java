package io.sipshield.emulator.sdp;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.util.List;
import java.util.Objects;

/**
 * The result of SDES offer/answer for one audio stream, from one side's point of view: SRTP with
 * both keys, plain RTP, a 488 to the offer (answerer), or a call the offerer cannot keep.
 * Rejections carry the reason and every {@code a=crypto} line that could not be used, with its
 * field and reason.
 */
public sealed interface SdesOutcome
        permits SdesOutcome.Srtp, SdesOutcome.Plain, SdesOutcome.NotAcceptable, SdesOutcome.Failed {

    /** One line for a report. */
    String describe();

    /**
     * SRTP: each side sends with its own key.
     *
     * @param profile the m-line profile of the answer
     * @param local   this side's line (its key protects what it sends)
     * @param remote  the other side's line, reduced to the key in use (it protects what this side receives)
     */
    record Srtp(String profile, CryptoAttribute local, CryptoAttribute remote) implements SdesOutcome {

        public Srtp {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remote, "remote");
            if (local.suite() != remote.suite() || local.tag() != remote.tag()) {
                throw new IllegalArgumentException("local and remote lines must share tag and suite, got "
                        + local.tag() + " " + local.suite().sdpName() + " and " + remote.tag() + " "
                        + remote.suite().sdpName());
            }
        }

        public SrtpCryptoSuite suite() {
            return local.suite();
        }

        /** The key this side protects outgoing packets with. */
        public SrtpMasterKey outboundKey() {
            return local.key();
        }

        /** The key incoming packets are protected with. */
        public SrtpMasterKey inboundKey() {
            return remote.key();
        }

        @Override
        public String describe() {
            return "SRTP " + suite().sdpName() + " (tag " + local.tag() + ") on " + profile;
        }
    }

    /**
     * Plain RTP, and why (no SRTP offered, SRTP disabled, or a best-effort fallback).
     *
     * @param profile  the m-line profile
     * @param reason   why the stream is not encrypted
     * @param problems the a=crypto lines that could not be used (for a fallback)
     */
    record Plain(String profile, String reason, List<CryptoLineVerdict.Unusable> problems) implements SdesOutcome {

        public Plain {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(reason, "reason");
            problems = List.copyOf(problems);
        }

        @Override
        public String describe() {
            return "plain RTP on " + profile + ": " + reason + Internal.problems(problems);
        }
    }

    /**
     * The answerer refuses the offer: 488 Not Acceptable Here.
     *
     * @param reason   why
     * @param problems each a=crypto line that could not be used, with field and reason
     */
    record NotAcceptable(String reason, List<CryptoLineVerdict.Unusable> problems) implements SdesOutcome {

        /** RFC 3261 §21.4.26. */
        public static final int STATUS = 488;

        public NotAcceptable {
            Objects.requireNonNull(reason, "reason");
            problems = List.copyOf(problems);
        }

        public int sipStatus() {
            return STATUS;
        }

        @Override
        public String describe() {
            return "488 Not Acceptable Here: " + reason + Internal.problems(problems);
        }
    }

    /**
     * The offerer cannot use the answer: the device ends the call.
     *
     * @param reason   why
     * @param problems each a=crypto line of the answer that could not be used, with field and reason
     */
    record Failed(String reason, List<CryptoLineVerdict.Unusable> problems) implements SdesOutcome {

        public Failed {
            Objects.requireNonNull(reason, "reason");
            problems = List.copyOf(problems);
        }

        @Override
        public String describe() {
            return "call fails: " + reason + Internal.problems(problems);
        }
    }

    /** Formatting shared by the records. */
    final class Internal {
        private Internal() {
        }

        static String problems(List<CryptoLineVerdict.Unusable> problems) {
            StringBuilder sb = new StringBuilder();
            for (CryptoLineVerdict.Unusable problem : problems) {
                sb.append("; a=crypto:").append(problem.line()).append(" -> ").append(problem.message());
            }
            return sb.toString();
        }
    }
}

package io.sipshield.emulator;

/**
 * What the phone does with an INVITE its SRTP policy can accept (an offer it cannot accept is
 * answered 488 at once in every mode: a D-Series refuses an offer without RTP/SAVP before it rings).
 * {@link #AUTO} answers 200 at once, {@link #MANUAL} rings (180) until the test answers, and
 * {@link #reject(int)} refuses every call with one status, as a phone set to do-not-disturb does.
 */
public sealed interface AnswerMode permits AnswerMode.Auto, AnswerMode.Manual, AnswerMode.Reject {

    /** Answers 200 with SDP at once, no 180 first (the default; an auto-answer intercom line). */
    AnswerMode AUTO = new Auto();

    /**
     * Answers {@code 180 Ringing} and waits: the test takes the call with
     * {@link Phone#nextIncomingCall} and {@link IncomingCall#answer() answers} or
     * {@link IncomingCall#reject(int) rejects} it; the caller may CANCEL meanwhile.
     */
    AnswerMode MANUAL = new Manual();

    /** Refuses every acceptable INVITE at once with {@code status} (e.g. 486 Busy Here, 603 Decline). */
    static AnswerMode reject(int status) {
        return new Reject(status);
    }

    /** @see #AUTO */
    record Auto() implements AnswerMode {
        @Override
        public String toString() {
            return "auto";
        }
    }

    /** @see #MANUAL */
    record Manual() implements AnswerMode {
        @Override
        public String toString() {
            return "manual";
        }
    }

    /**
     * @param status a final failure status, 300 to 699
     * @see #reject(int)
     */
    record Reject(int status) implements AnswerMode {
        public Reject {
            requireRejection(status);
        }

        @Override
        public String toString() {
            return "reject " + status;
        }
    }

    /** Checks {@code status} can end an INVITE unanswered (RFC 3261 §21: 3xx to 6xx). */
    static int requireRejection(int status) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("reject status: expected a final failure status 300-699, got " + status);
        }
        return status;
    }
}

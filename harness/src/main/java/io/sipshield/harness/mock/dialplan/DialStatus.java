package io.sipshield.harness.mock.dialplan;

/**
 * Dial()'s {@code DIALSTATUS} when it does not bridge. app_dial.c's {@code handle_cause} counts the
 * failed outbound channel's hangup cause as busy (17), congestion (34), nothing (19 no answer,
 * 16 normal clearing) or "no channel" (anything else), and the status is BUSY, else CONGESTION,
 * else CHANUNAVAIL, else NOANSWER.
 */
public enum DialStatus {
    /** The callee was busy (cause 17: 486, 600). */
    BUSY,
    /** The callee was congested (cause 34: 503 and other 5xx). */
    CONGESTION,
    /** No contact, no such endpoint, or any other refusal. */
    CHANUNAVAIL,
    /** No answer within the timeout, or 480. */
    NOANSWER;

    /** The status a failed outbound channel's hangup cause gives (app_dial.c {@code handle_cause}). */
    public static DialStatus fromCause(int cause) {
        return switch (cause) {
            case HangupCauses.USER_BUSY -> BUSY;
            case HangupCauses.CONGESTION -> CONGESTION;
            case HangupCauses.NO_ANSWER, HangupCauses.NORMAL_CLEARING -> NOANSWER;
            default -> CHANUNAVAIL;
        };
    }
}

package io.sipshield.harness.mock.dialplan;

/**
 * The final response chan_pjsip sends when an unanswered channel is hung up with a Q.850 cause:
 * channels/chan_pjsip.c {@code hangup_cause2sip}; a cause it does not map gives 0, and
 * res_pjsip_session.c {@code ast_sip_session_terminate} turns 0 into 603 Decline. {@code Hangup()}
 * without a cause hangs up with 16 (normal clearing), which is not mapped: 603.
 */
public final class HangupCauses {

    /** AST_CAUSE_NO_ROUTE_DESTINATION. */
    public static final int NO_ROUTE_DESTINATION = 3;
    /** AST_CAUSE_NORMAL_CLEARING, the cause of a Hangup() without one on a channel that has none. */
    public static final int NORMAL_CLEARING = 16;
    /** AST_CAUSE_USER_BUSY (AST_CAUSE_BUSY). */
    public static final int USER_BUSY = 17;
    /** AST_CAUSE_NO_USER_RESPONSE. */
    public static final int NO_USER_RESPONSE = 18;
    /** AST_CAUSE_NO_ANSWER. */
    public static final int NO_ANSWER = 19;
    /** AST_CAUSE_UNREGISTERED (subscriber absent). */
    public static final int UNREGISTERED = 20;
    /** AST_CAUSE_CALL_REJECTED. */
    public static final int CALL_REJECTED = 21;
    /** AST_CAUSE_FAILURE (network out of order). */
    public static final int FAILURE = 38;
    /** AST_CAUSE_CONGESTION (normal circuit congestion). */
    public static final int CONGESTION = 34;
    /** AST_CAUSE_INTERWORKING. */
    public static final int INTERWORKING = 127;

    /** ast_sip_session_terminate's response when chan_pjsip maps none. */
    public static final int DEFAULT_RESPONSE = 603;

    private HangupCauses() {
    }

    /**
     * The hangup cause chan_pjsip gives an outbound channel whose INVITE got {@code status}
     * (chan_pjsip.c {@code hangup_sip2cause}, the cases the mock meets).
     */
    public static int fromSip(int status) {
        return switch (status) {
            case 401, 403, 407, 603 -> CALL_REJECTED;
            case 404, 485, 604 -> 1;
            case 408 -> NO_USER_RESPONSE;
            case 410 -> 22;
            case 420 -> NO_ROUTE_DESTINATION;
            case 480, 483 -> NO_ANSWER;
            case 484 -> 28;
            case 486, 600 -> USER_BUSY;
            case 488, 606 -> 58;
            case 500 -> FAILURE;
            case 501 -> 29;
            case 502 -> 27;
            case 503 -> CONGESTION;
            case 504 -> 102;
            default -> status >= 500 && status < 600 ? CONGESTION
                    : status >= 400 && status < 700 ? INTERWORKING : NORMAL_CLEARING;
        };
    }

    /** The SIP status chan_pjsip answers an unanswered INVITE with when hung up with {@code cause}. */
    public static int sipStatus(int cause) {
        return switch (cause) {
            case 1, 2, 3 -> 404;          // UNALLOCATED, NO_ROUTE_TRANSIT_NET, NO_ROUTE_DESTINATION
            case 34, 42 -> 503;           // CONGESTION, SWITCH_CONGESTION
            case 18 -> 408;               // NO_USER_RESPONSE
            case 19, 20 -> 480;           // NO_ANSWER, UNREGISTERED (SUBSCRIBER_ABSENT)
            case 21 -> 403;               // CALL_REJECTED
            case 22 -> 410;               // NUMBER_CHANGED
            case 31 -> 480;               // NORMAL_UNSPECIFIED
            case 28 -> 484;               // INVALID_NUMBER_FORMAT
            case 17 -> 486;               // USER_BUSY
            case FAILURE -> 500;          // FAILURE (NETWORK_OUT_OF_ORDER)
            case 29 -> 501;               // FACILITY_REJECTED
            case 66 -> 503;               // CHAN_NOT_IMPLEMENTED
            case 27 -> 502;               // DESTINATION_OUT_OF_ORDER
            case 58 -> 488;               // BEARERCAPABILITY_NOTAVAIL
            case 127 -> 500;              // INTERWORKING
            default -> DEFAULT_RESPONSE;  // no match in chan_pjsip: 0, which ast_sip_session_terminate makes 603
        };
    }
}

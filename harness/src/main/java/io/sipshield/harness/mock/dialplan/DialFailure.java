package io.sipshield.harness.mock.dialplan;

/**
 * How a Dial() ended without a bridge: its DIALSTATUS, and the hangup cause app_dial.c leaves on
 * the caller's channel ({@code ast_channel_hangupcause_set} after the last destination), which a
 * following {@code Hangup()} without a cause keeps (pbx_builtin_hangup).
 *
 * @param status DIALSTATUS
 * @param cause  the Q.850 cause left on the caller's channel
 */
public record DialFailure(DialStatus status, int cause) {

    /** The outbound channel ended with {@code cause}. */
    public static DialFailure ofCause(int cause) {
        return new DialFailure(DialStatus.fromCause(cause), cause);
    }

    /** The callee answered the INVITE with a final non-2xx {@code sipStatus}. */
    public static DialFailure ofResponse(int sipStatus) {
        return ofCause(HangupCauses.fromSip(sipStatus));
    }

    /**
     * The endpoint has no reachable contact. [GUESS] cause 20 (subscriber absent, Asterisk's
     * AST_CAUSE_UNREGISTERED), which chan_pjsip answers 480; chan_pjsip's request() reports a
     * missing endpoint as 3 (no route to destination), which gives 404.
     */
    public static DialFailure unregistered() {
        return ofCause(HangupCauses.UNREGISTERED);
    }

    /** Dial()'s timeout passed while the callee rang: NOANSWER, cause 19. */
    public static DialFailure noAnswer() {
        return new DialFailure(DialStatus.NOANSWER, HangupCauses.NO_ANSWER);
    }
}

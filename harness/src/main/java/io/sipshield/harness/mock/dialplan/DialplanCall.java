package io.sipshield.harness.mock.dialplan;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One inbound call as its dialplan sees it: the SIP and media side the connection's handler keeps.
 * Every method is called on {@link #executor()}, the connection's event loop.
 */
public interface DialplanCall {

    /** The connection's event loop: every step of the dialplan runs on it. */
    EventExecutor executor();

    /** Whether the channel is up (200 OK sent). */
    boolean up();

    /**
     * Answers 200 with the negotiated SDP unless up already, then runs {@code then} on the event
     * loop with the channel's media running; when the call ended meanwhile (CANCEL, BYE, failure),
     * {@code then} never runs.
     */
    void answer(Runnable then);

    /** The channel's media; only while {@link #up()}. */
    CallMedia media();

    /** Ends the unanswered INVITE with a final response. */
    void reject(int status);

    /** Ends the answered call: the mock sends BYE down the phone's connection. */
    void bye();

    /**
     * {@code Dial(PJSIP/endpoint[,timeout])}. When the callee answers, the two are bridged and the
     * dialplan stops there (the bridge hangs up the caller when it ends); otherwise {@code notBridged}
     * runs with DIALSTATUS and the cause, and the dialplan goes on.
     */
    void dial(String endpoint, Optional<Duration> timeout, Consumer<DialFailure> notBridged);

    /** Stops a Dial() still ringing (its callee gets CANCEL). */
    void stopDialling();
}

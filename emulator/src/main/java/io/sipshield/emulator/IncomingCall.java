package io.sipshield.emulator;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SdesOutcome;
import java.util.concurrent.CompletableFuture;
import javax.sip.message.Request;

/**
 * An INVITE the server sent down the phone's connection that the device can accept, from the
 * moment it rings until it is answered, rejected, or CANCELled by the caller. In
 * {@link AnswerMode#MANUAL} the phone has sent {@code 180 Ringing} and waits for {@link #answer()}
 * or {@link #reject(int)}. Methods may be called from any thread; the work runs on the phone's
 * event loop.
 */
public final class IncomingCall {

    /** Where a ringing call is. */
    public enum State {
        /** 180 sent (or about to answer in AUTO mode); no final response yet. */
        RINGING,
        /** {@link #answer()} was called; the media port is being bound. */
        ANSWERING,
        /** 200 sent: the call is in {@link Phone#incomingCalls()}. */
        ANSWERED,
        /** A failure status was sent ({@link #reject(int)} or {@link AnswerMode#reject(int)}). */
        REJECTED,
        /** The caller CANCELled before the answer: 200 to the CANCEL, 487 to the INVITE (RFC 3261 §9.2). */
        CANCELLED
    }

    private final InboundInviteHandler handler;
    private final Request invite;
    private final String callId;
    private final String branch;
    private final String localTag;
    private final MediaDescription offer;
    private final SdesOutcome negotiation;
    private final G711 codec;
    private final CompletableFuture<State> settled = new CompletableFuture<>();
    private volatile State state = State.RINGING;

    IncomingCall(InboundInviteHandler handler, Request invite, String callId, String branch, String localTag,
                 MediaDescription offer, SdesOutcome negotiation, G711 codec) {
        this.handler = handler;
        this.invite = invite;
        this.callId = callId;
        this.branch = branch;
        this.localTag = localTag;
        this.offer = offer;
        this.negotiation = negotiation;
        this.codec = codec;
    }

    /** The INVITE's Call-ID. */
    public String callId() {
        return callId;
    }

    /** The From URI of the INVITE (who the server says is calling). */
    public String caller() {
        return invite.getHeader("From") instanceof javax.sip.header.FromHeader from
                ? from.getAddress().getURI().toString() : "";
    }

    /** The offer's m-line profile ({@code RTP/SAVP}). */
    public String offeredProfile() {
        return offer.profile();
    }

    public State state() {
        return state;
    }

    /** Completes with the final state (ANSWERED, REJECTED or CANCELLED) once the INVITE has its final response. */
    public CompletableFuture<State> settled() {
        return settled.copy();
    }

    /** Whether the caller CANCELled the call before it was answered. */
    public boolean cancelled() {
        return state == State.CANCELLED;
    }

    /**
     * Answers 200 with the device's SDP answer (its own SDES key, the offerer's crypto tag) once the
     * media port is bound; media starts and the future completes with the call. Fails with an
     * {@link IllegalStateException} when the call is no longer ringing (answered, rejected, or
     * CANCELled, also while the port was being bound).
     */
    public CompletableFuture<Call> answer() {
        return handler.answer(this);
    }

    /**
     * Ends the ringing INVITE with {@code status} (300-699, e.g. 486 Busy Here or 603 Decline).
     * Fails with an {@link IllegalStateException} when the call is no longer ringing.
     */
    public CompletableFuture<Void> reject(int status) {
        AnswerMode.requireRejection(status);
        return handler.reject(this, status);
    }

    Request invite() {
        return invite;
    }

    String branch() {
        return branch;
    }

    String localTag() {
        return localTag;
    }

    MediaDescription offer() {
        return offer;
    }

    SdesOutcome negotiation() {
        return negotiation;
    }

    G711 codec() {
        return codec;
    }

    /** Moves to {@code next}; a final state completes {@link #settled()}. Called on the event loop only. */
    void moveTo(State next) {
        state = next;
        if (next != State.RINGING && next != State.ANSWERING) {
            settled.complete(next);
        }
    }

    @Override
    public String toString() {
        return "IncomingCall[" + callId + " from " + caller() + ", " + state + "]";
    }
}

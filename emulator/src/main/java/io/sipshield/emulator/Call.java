package io.sipshield.emulator;

import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.media.MediaSink;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.MediaTimeline;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.LocalDescription;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.MediaDirection;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.ua.Dialog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.message.Response;

/**
 * One call a phone placed, as the INVITE's final response left it: rejected (no dialog),
 * answered but unusable for this device (the SDES outcome says why), or established with media
 * running, SRTP or plain RTP as negotiated.
 *
 * <p>An established call can be put on hold and taken off it with a re-INVITE in its dialog
 * (RFC 3264 §8.4): {@link #hold()} offers {@code a=sendonly} ({@code a=inactive} when the other side
 * already holds this phone), {@link #resume()} {@code a=sendrecv} (or {@code a=recvonly}); the offer
 * keeps the {@code o=} session id with the version one higher, the port, and this phone's SDES key
 * (RFC 4568 §7.1.4 lets the offerer keep it; Asterisk keeps its own too). The answer's direction is
 * {@link #remoteDirection()}. While on hold the phone sends no media (a real phone would play
 * nothing or its own hold tone), unless {@link #hold(boolean) hold(true)} asks it to keep sending.
 * The phone also answers a re-INVITE the other side sends (see {@link InboundInviteHandler}).
 */
public final class Call {

    /** How long to wait for the echo of the last packets after sending stops. */
    private static final Duration ECHO_DRAIN = Duration.ofMillis(1000);

    private final Phone phone;
    private final int status;
    private final String reason;
    private final Dialog dialog;
    private final String mediaProfile;
    private final SdesOutcome negotiation;
    private final MediaSession media;
    private final G711 codec;
    /** The SDP this phone last sent in the dialog; null without media. */
    private volatile LocalDescription local;
    private volatile MediaDirection remoteDirection = MediaDirection.SENDRECV;
    private volatile boolean heldLocally;
    private volatile boolean sendWhileHeld;
    /** Set while a re-INVITE (ours or the other side's) has no final response: a second one is glare. */
    private final AtomicBoolean reInviting = new AtomicBoolean();
    private volatile String endCause;

    private Call(Phone phone, int status, String reason, Dialog dialog, String mediaProfile, SdesOutcome negotiation,
                 MediaSession media, G711 codec) {
        this.phone = phone;
        this.status = status;
        this.reason = reason;
        this.dialog = dialog;
        this.mediaProfile = mediaProfile;
        this.negotiation = negotiation;
        this.media = media;
        this.codec = codec;
    }

    static Call rejected(Phone phone, int status, String reason) {
        return new Call(phone, status, reason, null, null, null, null, null);
    }

    /** Answered, but the device cannot use the answer's media: no media runs. */
    static Call unusableAnswer(Phone phone, int status, Dialog dialog, String profile, SdesOutcome negotiation) {
        return new Call(phone, status, negotiation.describe(), dialog, profile, negotiation, null, null);
    }

    static Call established(Phone phone, int status, Dialog dialog, String profile, SdesOutcome negotiation,
                            MediaSession media, G711 codec, LocalDescription local, MediaDirection remoteDirection) {
        Call call = new Call(phone, status, "OK", dialog, profile, negotiation, media, codec);
        call.local = local;
        call.remoteDirection = remoteDirection;
        return call;
    }

    /** The call's dialog, or null when rejected. */
    Dialog dialog() {
        return dialog;
    }

    /** The G.711 law both sides agreed on (the answer's format), or null without media. */
    public G711 codec() {
        return codec;
    }

    /** The INVITE's final status. */
    public int status() {
        return status;
    }

    /** The response's reason phrase, "OK" with media running, or why the device cannot use the answer. */
    public String reason() {
        return reason;
    }

    public boolean answered() {
        return status >= 200 && status < 300;
    }

    /** The answer's m-line profile ({@code RTP/SAVP}), or null when not answered. */
    public String mediaProfile() {
        return mediaProfile;
    }

    /** What SDES offer/answer came to (SRTP, plain RTP, or why the call cannot go on), or null when not answered. */
    public SdesOutcome negotiation() {
        return negotiation;
    }

    /** The SDES suite both sides key SRTP with, or null without SRTP. */
    public SrtpCryptoSuite suite() {
        return negotiation instanceof SdesOutcome.Srtp srtp ? srtp.suite() : null;
    }

    /** Whether media runs (SRTP or plain RTP). */
    public boolean hasMedia() {
        return media != null;
    }

    /** Adds a sink (e.g. a ToneDetector or WavRecorder) for the media received from now on; no effect without media. */
    public void addSink(MediaSink sink) {
        if (media != null) {
            media.addSink(sink);
        }
    }

    /**
     * Sends {@code duration} of {@code source} (as SRTP when negotiated) and waits for its echo;
     * completes with the media counters. Completes with no media at all when the call has none.
     */
    public CompletableFuture<MediaStats> sendMedia(MediaSource source, Duration duration) {
        if (media == null) {
            return CompletableFuture.completedFuture(MediaStats.NONE);
        }
        return media.send(source, duration, ECHO_DRAIN);
    }

    public MediaStats mediaStats() {
        return media == null ? MediaStats.NONE : media.stats();
    }

    /**
     * What the phone's media faults ({@link PhoneSettings#mediaFaults()}) did to the datagrams this call
     * received; {@link io.sipshield.emulator.media.impair.ImpairmentTally#NONE} without them or without media.
     */
    public io.sipshield.emulator.media.impair.ImpairmentTally mediaImpairment() {
        return media == null ? io.sipshield.emulator.media.impair.ImpairmentTally.NONE : media.impairment();
    }

    /**
     * The call's media over time in fixed buckets, 100 ms by default (packets sent, received, lost, jitter, authentication
     * failures); {@link MediaTimeline#EMPTY} without media. Any thread.
     */
    public MediaTimeline mediaTimeline() {
        return media == null ? MediaTimeline.EMPTY : media.timeline();
    }

    /** The other side ended the call (its BYE was answered): media stops. */
    void mediaEnded() {
        if (media != null) {
            media.close();
        }
    }

    /**
     * The call ended without a BYE because the connection its dialog ran over failed: media stops and
     * {@link #endCause()} keeps {@code cause}. Returns false when it had already ended so.
     */
    boolean endedBy(String cause) {
        if (endCause != null) {
            return false;
        }
        endCause = cause;
        mediaEnded();
        return true;
    }

    /**
     * Why the call ended on its own, when it did: "connection lost: reset by the server (...)" when the
     * phone's connection failed mid-call. The dialog is gone with the flow it ran over (the mock, like
     * Asterisk when a TLS transport shuts down, ends its side too), so the phone does not send BYE.
     */
    public java.util.Optional<String> endCause() {
        return java.util.Optional.ofNullable(endCause);
    }

    /** The direction the other side's last SDP declared (its answer or its re-INVITE's offer); SENDRECV at first. */
    public MediaDirection remoteDirection() {
        return remoteDirection;
    }

    /** The direction of the SDP this phone last sent, or null without media. */
    public MediaDirection localDirection() {
        LocalDescription sent = local;
        return sent == null ? null : sent.direction();
    }

    /** The SDP this phone last sent in the dialog (o= id and version, direction), or null without media. */
    public LocalDescription localDescription() {
        return local;
    }

    /** Whether this phone put the call on hold (a 2xx answered its hold re-INVITE) and did not resume it. */
    public boolean onHold() {
        return heldLocally;
    }

    /** {@link #hold(boolean) hold(false)}: on hold the phone sends no media. */
    public CompletableFuture<Integer> hold() {
        return hold(false);
    }

    /**
     * Puts the call on hold: a re-INVITE in the dialog (next CSeq, same Call-ID and tags, Contact; a
     * 401/407 answered once with credentials, as for the first INVITE) whose SDP is this phone's last
     * one with the version + 1 and {@code a=sendonly} ({@code a=inactive} when the other side already
     * holds the phone). Completes with the final status. On a 2xx the answer's direction is
     * {@link #remoteDirection()} and the phone stops sending unless {@code keepSending}; on any
     * other status (491 Request Pending on glare, RFC 3261 §14.1: the emulator does not retry)
     * nothing changes. Fails with an {@link IllegalStateException} when the call has no media or
     * another re-INVITE of the call is waiting for its answer, and when a 2xx answer is unusable
     * (unreadable SDP, or an SDES key other than the one in use: the emulator does not re-key).
     */
    public CompletableFuture<Integer> hold(boolean keepSending) {
        return reOffer(true, keepSending);
    }

    /**
     * Takes the call off hold: a re-INVITE like {@link #hold()}'s with {@code a=sendrecv}
     * ({@code a=recvonly} while the other side holds the phone); on a 2xx the phone sends again when
     * the answer lets it. Same failures as {@link #hold(boolean)}.
     */
    public CompletableFuture<Integer> resume() {
        return reOffer(false, true);
    }

    private CompletableFuture<Integer> reOffer(boolean hold, boolean keepSending) {
        if (dialog == null || media == null || local == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot " + (hold ? "hold" : "resume")
                    + " a call without media (" + status + " " + reason + ")"));
        }
        if (!reInviting.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot " + (hold ? "hold" : "resume")
                    + " call " + dialog.callId() + ": a re-INVITE of it is still waiting for its final response"));
        }
        MediaDirection current = local.direction();
        LocalDescription offered = local.next(hold ? current.hold() : current.resume());
        CompletableFuture<Integer> result = phone.reInvite(dialog, offered.body()).thenApply(response -> {
            int code = response.getStatusCode();
            if (code >= 200 && code < 300) {
                MediaDescription answer = reInviteAnswer(response);
                local = offered;
                remoteDirection = MediaDirection.of(answer);
                heldLocally = hold;
                sendWhileHeld = hold && keepSending;
                media.sending(hold ? keepSending : offered.direction().sends() && remoteDirection.receives());
            }
            return code;
        });
        return result.whenComplete((s, e) -> reInviting.set(false));
    }

    /** The audio section of a 2xx to our re-INVITE, which must keep the SDES key in use. */
    private MediaDescription reInviteAnswer(Response response) {
        MediaDescription answer;
        try {
            byte[] body = response.getRawContent();
            answer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
        } catch (SdpParseException e) {
            throw new IllegalStateException("the " + response.getStatusCode() + " to the re-INVITE of call "
                    + dialog.callId() + " has unusable SDP: " + e.getMessage(), e);
        }
        if (negotiation instanceof SdesOutcome.Srtp srtp && !keepsKey(answer, srtp.remote())) {
            throw new IllegalStateException("the " + response.getStatusCode() + " to the re-INVITE of call "
                    + dialog.callId() + " does not keep the SRTP key in use (tag " + srtp.remote().tag()
                    + "): the emulator does not re-key a running call");
        }
        return answer;
    }

    /** Whether {@code media} has an a=crypto line with the key (and tag and suite) of {@code inUse}. */
    static boolean keepsKey(MediaDescription media, CryptoAttribute inUse) {
        for (String line : media.attributeValues("crypto")) {
            try {
                if (CryptoAttribute.parse(line).toSdpValue().equals(inUse.toSdpValue())) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // an unreadable line keeps nothing
            }
        }
        return false;
    }

    /**
     * What this phone answers to a re-INVITE of the other side with this audio offer (RFC 3264 §8,
     * §6.1): 491 while its own re-INVITE is pending (RFC 3261 §14.2), 488 when the call has no media
     * or the offer changes the SDES key in use (the emulator does not re-key), else 200 with its
     * last SDP at version + 1, its own key kept, and the direction answered: recvonly to sendonly,
     * inactive to inactive, sendonly to sendrecv while the phone itself holds the call. The phone
     * sends media only when its answer says so. A new address or port in the offer is not followed.
     * Runs on the connection's event loop.
     */
    ReInviteAnswer answerReInvite(MediaDescription offer) {
        if (media == null || local == null) {
            return new ReInviteAnswer(Response.NOT_ACCEPTABLE_HERE, null, "the call has no media");
        }
        if (!reInviting.compareAndSet(false, true)) {
            return new ReInviteAnswer(Response.REQUEST_PENDING, null, "a re-INVITE of this phone is pending");
        }
        try {
            if (negotiation instanceof SdesOutcome.Srtp srtp && !keepsKey(offer, srtp.remote())) {
                return new ReInviteAnswer(Response.NOT_ACCEPTABLE_HERE, null,
                        "the offer does not keep the SRTP key in use: the emulator does not re-key");
            }
            MediaDirection offered = MediaDirection.of(offer);
            MediaDirection answer = offered.answer(heldLocally ? MediaDirection.SENDONLY : MediaDirection.SENDRECV);
            LocalDescription answered = local.next(answer);
            local = answered;
            remoteDirection = offered;
            media.sending(answer.sends() && (!heldLocally || sendWhileHeld));
            return new ReInviteAnswer(Response.OK, answered.body(), "OK");
        } finally {
            reInviting.set(false);
        }
    }

    /** A re-INVITE's answer: the status, and the SDP body for a 200. */
    record ReInviteAnswer(int status, String sdp, String why) {
    }

    /** Sends BYE (when there is a dialog) and completes with its final status; media stops. */
    public CompletableFuture<Integer> hangup() {
        if (dialog == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the call has no dialog to hang up: " + status));
        }
        return phone.bye(dialog).whenComplete((s, e) -> {
            if (media != null) {
                media.close();
            }
        });
    }
}

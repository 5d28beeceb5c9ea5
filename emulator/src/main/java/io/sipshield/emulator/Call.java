package io.sipshield.emulator;

import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.media.MediaSink;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.ua.Dialog;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One call a phone placed, as the INVITE's final response left it: rejected (no dialog),
 * answered but unusable for this device (the SDES outcome says why), or established with media
 * running, SRTP or plain RTP as negotiated.
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
                            MediaSession media, G711 codec) {
        return new Call(phone, status, "OK", dialog, profile, negotiation, media, codec);
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

    /** The other side ended the call (its BYE was answered): media stops. */
    void mediaEnded() {
        if (media != null) {
            media.close();
        }
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

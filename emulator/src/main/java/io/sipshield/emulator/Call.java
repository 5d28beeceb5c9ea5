package io.sipshield.emulator;

import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.RtpPacketizer;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.ua.Dialog;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One call a phone placed, as the INVITE's final response left it: rejected (no dialog),
 * answered without SRTP, or established with SRTP media running.
 */
public final class Call {

    /** How long to wait for the echo of the last packets after sending stops. */
    private static final Duration ECHO_DRAIN = Duration.ofMillis(1000);

    private final Phone phone;
    private final int status;
    private final String reason;
    private final Dialog dialog;
    private final String mediaProfile;
    private final SrtpCryptoSuite suite;
    private final MediaSession media;
    private final RtpPacketizer packetizer;

    private Call(Phone phone, int status, String reason, Dialog dialog, String mediaProfile, SrtpCryptoSuite suite,
                 MediaSession media, RtpPacketizer packetizer) {
        this.phone = phone;
        this.status = status;
        this.reason = reason;
        this.dialog = dialog;
        this.mediaProfile = mediaProfile;
        this.suite = suite;
        this.media = media;
        this.packetizer = packetizer;
    }

    static Call rejected(Phone phone, int status, String reason) {
        return new Call(phone, status, reason, null, null, null, null, null);
    }

    static Call answeredInsecure(Phone phone, int status, Dialog dialog, String profile) {
        return new Call(phone, status, "answered without SRTP", dialog, profile, null, null, null);
    }

    static Call established(Phone phone, int status, Dialog dialog, String profile, SrtpCryptoSuite suite,
                            MediaSession media, SecureRandom random) {
        RtpPacketizer packetizer = new RtpPacketizer(random.nextInt() & 0xFFFFFFFFL, 0, random);
        return new Call(phone, status, "OK", dialog, profile, suite, media, packetizer);
    }

    /** The INVITE's final status. */
    public int status() {
        return status;
    }

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

    /** The SDES suite both sides key SRTP with, or null without SRTP. */
    public SrtpCryptoSuite suite() {
        return suite;
    }

    /**
     * Sends {@code duration} of {@code source} as SRTP and waits for its echo; completes with the
     * media counters. Completes with no media at all when the call has none.
     */
    public CompletableFuture<MediaStats> sendMedia(MediaSource source, Duration duration) {
        if (media == null) {
            return CompletableFuture.completedFuture(MediaStats.NONE);
        }
        return media.send(source, packetizer, duration, ECHO_DRAIN);
    }

    public MediaStats mediaStats() {
        return media == null ? MediaStats.NONE : media.stats();
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

package io.sipshield.emulator.media;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.sipshield.emulator.capture.DatagramCaptureHandler;
import io.sipshield.emulator.capture.SrtpKeys;
import io.sipshield.emulator.media.impair.ImpairmentTally;
import io.sipshield.emulator.media.impair.MediaImpairmentHandler;
import io.sipshield.emulator.media.impair.PacketImpairment;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.rtp.RtpPacketizer;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One call's media on the phone side: an RTP port and the RTCP port above it (RFC 3550 §11) on
 * the shared event loops (the phone owns no thread); SRTP and SRTCP on them once the answer gives
 * the remote address and keys, or plain RTP and RTCP; a 20 ms sender; and the sinks that check
 * what comes back: an {@link EchoVerifier}, {@link ReceptionStats}, a {@link MediaTimelineRecorder}, and any added with
 * {@link #addSink} ({@link ToneDetector}, {@link WavRecorder}).
 *
 * <pre>{@code
 * MediaSession media = MediaSession.open(group, "127.0.0.1", options).join();
 * media.start(MediaDestination.from(answerAudio, false), srtpOutcome);
 * MediaStats stats = media.send(ToneSource.milliwatt(G711.PCMU), Duration.ofSeconds(3), Duration.ofSeconds(1)).join();
 * media.close();
 * }</pre>
 */
public final class MediaSession implements AutoCloseable {

    private final Channel rtp;
    private final Channel rtcp;
    private final MediaOptions options;
    private final SecureRandom random;
    private final RtpPacketizer packetizer;
    private final EchoVerifier verifier = new EchoVerifier();
    private final ReceptionStats reception = new ReceptionStats(G711.CLOCK_RATE);
    private final MediaTimelineRecorder timeline;
    private final MediaSinkHandler sinks;
    private final MediaImpairmentHandler impairment;
    private volatile RtcpSession rtcpSession;
    private volatile RtcpHandler rtcpHandler;
    private volatile Channel rtcpChannel;
    private volatile boolean sending = true;

    private MediaSession(Channel rtp, Channel rtcp, MediaOptions options, SecureRandom random) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.options = options;
        this.random = random;
        this.timeline = new MediaTimelineRecorder(G711.CLOCK_RATE, options.timelineInterval(), options.timelineBuckets());
        this.sinks = new MediaSinkHandler(List.of(verifier, reception, timeline));
        RtpPacketizer.Builder stream = RtpPacketizer.builder().payloadType(G711.PCMU.payloadType()).random(random);
        // a RocWrap fault: the first sequence number lies just below the wrap (RFC 3711 §3.3.1)
        options.faults().rocWrap().ifPresent(wrap -> stream.initialSequenceNumber(wrap.firstSequenceNumber()));
        this.packetizer = stream.build();
        if (options.capture() != null) {
            // at the head, below the SRTP codec: the tap sees the protected datagrams as they go over the wire
            rtp.pipeline().addFirst("capture", new DatagramCaptureHandler(options.capture().packets()));
            rtcp.pipeline().addFirst("capture", new DatagramCaptureHandler(options.capture().packets()));
        }
        if (options.faults().impairsDelivery()) {
            // the network in front of the port: below the capture tap, which records what arrives impaired
            this.impairment = new MediaImpairmentHandler(new PacketImpairment(options.faults()));
            rtp.pipeline().addFirst("impairment", impairment);
        } else {
            this.impairment = null;
        }
    }

    /** Binds an RTP/RTCP port pair on {@code localAddress} with the default options. */
    public static CompletableFuture<MediaSession> open(EventLoopGroup group, String localAddress) {
        return open(group, localAddress, MediaOptions.defaults(localAddress));
    }

    /**
     * Binds an even RTP port and the RTCP port above it on {@code localAddress} ({@link RtpPorts}).
     */
    public static CompletableFuture<MediaSession> open(EventLoopGroup group, String localAddress, MediaOptions options) {
        Objects.requireNonNull(options, "options");
        return RtpPorts.bind(group, localAddress)
                .thenApply(ports -> new MediaSession(ports.rtp(), ports.rtcp(), options, new SecureRandom()));
    }

    /** The local RTP address (advertised in SDP). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) rtp.localAddress();
    }

    /** The local RTCP address: RTP port + 1. */
    public InetSocketAddress rtcpAddress() {
        return (InetSocketAddress) rtcp.localAddress();
    }

    public MediaOptions options() {
        return options;
    }

    /** The SSRC of the stream this session sends. */
    public long ssrc() {
        return packetizer.ssrc();
    }

    /**
     * Starts SRTP and SRTCP to {@code destination}: outbound protected with this side's key,
     * inbound checked with the peer's (MKI and lifetime as negotiated).
     *
     * @throws IllegalStateException if the session is already started
     */
    public void start(MediaDestination destination, SdesOutcome.Srtp keys) {
        Objects.requireNonNull(keys, "keys");
        if (options.capture() != null) {
            options.capture().secrets().srtpKeys(new SrtpKeys(localAddress(), destination.rtp(), keys.local(),
                    keys.remote()));
        }
        start(destination, new SrtpCodec(keys.local().srtpContext().build(), keys.remote().srtpContext().build(),
                        destination.rtp(), this::unprotected),
                keys.local().srtcpContext().build(), keys.remote().srtcpContext().build());
    }

    /**
     * Starts plain RTP and RTCP to {@code destination}.
     *
     * @throws IllegalStateException if the session is already started
     */
    public void startPlain(MediaDestination destination) {
        start(destination, new RtpCodec(destination.rtp(), this::unprotected), null, null);
    }

    private synchronized void start(MediaDestination destination, io.netty.channel.ChannelHandler codec,
                                    SrtcpContext rtcpOut, SrtcpContext rtcpIn) {
        Objects.requireNonNull(destination, "destination");
        if (rtcpSession != null) {
            throw new IllegalStateException("the media session is already started (to " + destination.rtp() + ")");
        }
        RtcpSession session = new RtcpSession(ssrc(), options.cname(), reception, rtcpOut, rtcpIn, options.clock(),
                G711.CLOCK_RATE);
        RtcpHandler handler = new RtcpHandler(session, destination.rtcp(), options.rtcpInterval(),
                destination.rtcpMux(), random);
        this.rtcpSession = session;
        this.rtcpHandler = handler;
        this.rtcpChannel = destination.rtcpMux() ? rtp : rtcp;
        rtp.eventLoop().execute(() -> {
            if (destination.rtcpMux()) {
                rtp.pipeline().addLast("rtcp-mux", handler);
            }
            rtp.pipeline().addLast("media-codec", codec);
            rtp.pipeline().addLast("media-sinks", sinks);
        });
        if (!destination.rtcpMux()) {
            rtcp.eventLoop().execute(() -> rtcp.pipeline().addLast("rtcp", handler));
        }
    }

    /** The outcome of unprotecting (or decoding) one received datagram: counted now, on the media event loop. */
    private void unprotected(SrtpStatus status) {
        verifier.unprotected(status);
        timeline.datagram(status, System.nanoTime());
    }

    /** Adds a sink for the packets received from now on (e.g. a {@link ToneDetector} or {@link WavRecorder}). */
    public void addSink(MediaSink sink) {
        sinks.add(sink);
    }

    /**
     * Sends {@code duration} of media from {@code source}, one frame every 20 ms, then waits up to
     * {@code drain} for the echo of the last packets. Completes with the counters at that point.
     */
    public CompletableFuture<MediaStats> send(MediaSource source, Duration duration, Duration drain) {
        CompletableFuture<MediaStats> done = new CompletableFuture<>();
        long frames = Math.max(1, duration.toMillis() / FrameClock.FRAME_MILLIS);
        rtp.eventLoop().execute(() -> clock().join(new Sender(source, frames, drain, done)));
        return done;
    }

    /** The 20 ms clock this session's sends run on: the shared one of its event loop, or one of its own. */
    private FrameClock clock() {
        FrameClocks shared = options.frameClocks();
        return shared == null ? new FrameClock(rtp.eventLoop()) : shared.on(rtp.eventLoop());
    }

    /**
     * Whether {@link #send} writes its frames: false while the call is on hold and this side sends
     * nothing (the frames are drawn from the source and dropped, so time goes on, and are neither
     * sent nor counted). Any thread.
     */
    public void sending(boolean on) {
        this.sending = on;
    }

    /** Whether frames are written (see {@link #sending(boolean)}). */
    public boolean sending() {
        return sending;
    }

    /** Everything counted so far: echo, reception, round trips and RTCP. Any thread. */
    public MediaStats stats() {
        RtcpSession session = rtcpSession;
        return verifier.stats().with(reception.snapshot(), verifier.roundTrip(),
                session == null ? RtcpStats.NONE : session.stats());
    }

    /**
     * What the media faults of {@link MediaOptions#faults()} did to the datagrams received so far
     * ({@link ImpairmentTally#NONE} without such faults): compare with {@link #stats()}. Any thread.
     */
    public ImpairmentTally impairment() {
        return impairment == null ? ImpairmentTally.NONE : impairment.tally();
    }

    /**
     * The media so far in fixed buckets ({@link MediaTimelineRecorder}; 100 ms unless
     * {@link MediaOptions#timelineInterval()} says otherwise): packets sent, received, lost, jitter and
     * authentication failures per interval. Any thread.
     */
    public MediaTimeline timeline() {
        return timeline.snapshot();
    }

    /** Sends an RTCP BYE (when RTCP runs), then closes both ports. */
    @Override
    public void close() {
        RtcpHandler handler = rtcpHandler;
        Channel channel = rtcpChannel;
        if (handler == null) {
            closeChannels();
            return;
        }
        channel.eventLoop().execute(() -> {
            if (channel.isActive() && handler.running()) {
                handler.bye().addListener(f -> closeChannels());
            } else {
                closeChannels();
            }
        });
    }

    private void closeChannels() {
        rtp.close();
        rtcp.close();
    }

    /** One send: a frame per tick of the session's {@link FrameClock}, on the RTP channel's event loop. */
    private final class Sender implements FrameClock.Ticking {
        private final MediaSource source;
        private final long frames;
        private final Duration drain;
        private final CompletableFuture<MediaStats> done;
        private long framesSent;
        private long drainDeadline;

        Sender(MediaSource source, long frames, Duration drain, CompletableFuture<MediaStats> done) {
            this.source = source;
            this.frames = frames;
            this.drain = drain;
            this.done = done;
        }

        @Override
        public boolean tick() {
            if (!rtp.isActive()) {
                done.complete(stats());
                return false;
            }
            if (framesSent < frames) {
                byte[] payload = source.nextFrame();
                long now = System.nanoTime();
                framesSent++;
                if (framesSent == frames) {
                    drainDeadline = now + drain.toNanos();
                }
                if (!sending) {
                    return true;
                }
                RtpPacket packet = packetizer.next(payload);
                verifier.sent(payload, now);
                timeline.sent(now);
                rtp.writeAndFlush(packet);
                RtcpSession session = rtcpSession;
                if (session != null) {
                    session.rtpSent(packet.timestamp(), payload.length, now);
                }
                return true;
            }
            MediaStats stats = stats();
            // authenticated packets only: copies, replays and tampered packets are no echo of the last frames
            if (stats.verified() + stats.mismatched() >= stats.sent() || System.nanoTime() >= drainDeadline) {
                done.complete(stats);
                return false;
            }
            return true;
        }

        @Override
        public void failed(RuntimeException failure) {
            done.completeExceptionally(failure);
        }
    }
}

package io.sipshield.harness.mock.dialplan;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.sipshield.emulator.media.ReceptionStats;
import io.sipshield.emulator.media.RtcpSession;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.RtpPacket;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * One answered channel's media as the dialplan drives it: the channel's own RTP stream (one SSRC,
 * sequence and timestamp, whoever writes) fed either by a generator (Playback, Milliwatt,
 * Playtones, busy and congestion tones: one 20 ms frame per tick of the event loop's timer, no
 * thread of its own) or by {@code Echo()}, which writes back each frame read, as app_echo.c does
 * with {@code ast_read}/{@code ast_write}. A new generator replaces the old one, as
 * {@code ast_activate_generator} does; Echo() stops the generator. What is heard and sent is
 * counted for the channel's RTCP. Confined to the RTP channel's event loop.
 */
public final class CallMedia extends SimpleChannelInboundHandler<RtpPacket> {

    private static final long FRAME_MILLIS = 20;

    private final G711 codec;
    private final long ssrc;
    private int sequence;
    private long timestamp;
    private ChannelHandlerContext ctx;
    private ReceptionStats heard;
    private RtcpSession rtcp;
    private boolean echo;
    private MediaSource generator;
    private long framesLeft;
    private Runnable whenPlayed;
    private ScheduledFuture<?> ticker;

    public CallMedia(G711 codec, SecureRandom random) {
        this.codec = codec;
        this.ssrc = random.nextInt() & 0xFFFFFFFFL;
        this.sequence = random.nextInt(0x10000);
        this.timestamp = random.nextInt() & 0xFFFFFFFFL;
    }

    /** The SSRC of the channel's stream. */
    public long ssrc() {
        return ssrc;
    }

    /** The law the channel's frames are in. */
    public G711 codec() {
        return codec;
    }

    /** Counts received and sent packets for RTCP from now on. */
    public void reportTo(ReceptionStats heard, RtcpSession rtcp) {
        this.heard = heard;
        this.rtcp = rtcp;
    }

    /** Echo(): from now on every frame read is written back; a generator stops. */
    public void echo() {
        stopGenerator();
        echo = true;
    }

    /** Plays {@code source} until replaced or stopped (Playtones, Milliwatt, busy tones). */
    public void generate(MediaSource source) {
        play(source, -1, null);
    }

    /**
     * Plays {@code frames} frames of {@code source}, then runs {@code done} (Playback). A generator
     * already playing is replaced; its {@code done} never runs.
     */
    public void play(MediaSource source, long frames, Runnable done) {
        stopGenerator();
        echo = false;
        generator = source;
        framesLeft = frames;
        whenPlayed = done;
        if (ctx != null && ctx.channel().isActive()) {
            ticker = ctx.executor().scheduleAtFixedRate(this::tick, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** StopPlaytones(), or the end of the channel's dialplan: nothing more is generated. */
    public void stopGenerator() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        generator = null;
        whenPlayed = null;
    }

    /** Whether a generator is playing. */
    public boolean generating() {
        return generator != null;
    }

    /** Stops everything and closes the RTP channel (its RTCP follows). */
    public void close() {
        stopGenerator();
        echo = false;
        if (ctx != null) {
            ctx.channel().close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopGenerator();
        ctx.fireChannelInactive();
    }

    private void tick() {
        if (generator == null) {
            return;
        }
        if (!ctx.channel().isActive()) {
            stopGenerator();
            return;
        }
        send(generator.nextFrame(), System.nanoTime());
        if (framesLeft > 0 && --framesLeft == 0) {
            Runnable done = whenPlayed;
            stopGenerator();
            if (done != null) {
                done.run();
            }
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtpPacket packet) {
        long now = System.nanoTime();
        if (rtcp != null) {
            heard.received(packet, now);
        }
        if (echo) {
            RtpPacket back = new RtpPacket(packet.payloadType(), packet.marker(), sequence, timestamp, ssrc, packet.payload());
            advance(packet.payload().length);
            ctx.writeAndFlush(back);
            sent(back, now);
        }
    }

    private void send(byte[] payload, long now) {
        RtpPacket packet = new RtpPacket(codec.payloadType(), false, sequence, timestamp, ssrc, payload);
        advance(payload.length);
        ctx.writeAndFlush(packet);
        sent(packet, now);
    }

    private void advance(int samples) {
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + samples) & 0xFFFFFFFFL;
    }

    private void sent(RtpPacket packet, long now) {
        if (rtcp != null) {
            rtcp.rtpSent(packet.timestamp(), packet.payload().length, now);
        }
    }
}

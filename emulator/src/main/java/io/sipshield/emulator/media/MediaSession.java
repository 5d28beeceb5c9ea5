package io.sipshield.emulator.media;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.RtpPacketizer;
import io.sipshield.emulator.srtp.SrtpContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call's media on the phone side: a UDP channel on the shared event loops (the phone owns
 * no thread), SRTP on it once the answer gives the remote address and key, a 20 ms sender, and
 * an {@link EchoVerifier} checking what comes back.
 */
public final class MediaSession implements AutoCloseable {

    private static final long FRAME_MILLIS = 20;

    private final Channel channel;
    private final EchoVerifier verifier = new EchoVerifier();

    private MediaSession(Channel channel) {
        this.channel = channel;
    }

    /** Binds a UDP port on {@code localAddress} (port chosen by the system). */
    public static CompletableFuture<MediaSession> open(EventLoopGroup group, String localAddress) {
        CompletableFuture<MediaSession> opened = new CompletableFuture<>();
        ChannelFuture bind = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        // SRTP is added once the remote side's key is known
                    }
                })
                .bind(new InetSocketAddress(localAddress, 0));
        bind.addListener(f -> {
            if (f.isSuccess()) {
                opened.complete(new MediaSession(bind.channel()));
            } else {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Starts SRTP to {@code remote}: outbound protected with our key, inbound checked with theirs. */
    public void start(InetSocketAddress remote, SrtpContext outbound, SrtpContext inbound) {
        channel.eventLoop().execute(() -> {
            channel.pipeline().addLast("srtp", new SrtpCodec(outbound, inbound, remote, verifier::unprotected));
            channel.pipeline().addLast("echo-verifier", verifier);
        });
    }

    /**
     * Sends {@code duration} of media from {@code source}, one frame every 20 ms, then waits up to
     * {@code drain} for the echo of the last packets. Completes with the counters at that point.
     */
    public CompletableFuture<MediaStats> send(MediaSource source, RtpPacketizer packetizer, Duration duration,
                                              Duration drain) {
        CompletableFuture<MediaStats> done = new CompletableFuture<>();
        long frames = Math.max(1, duration.toMillis() / FRAME_MILLIS);
        channel.eventLoop().execute(() -> new Sender(source, packetizer, frames, drain, done).start());
        return done;
    }

    public MediaStats stats() {
        return verifier.stats();
    }

    @Override
    public void close() {
        channel.close();
    }

    /** The 20 ms clock of one send; runs on the channel's event loop. */
    private final class Sender {
        private final MediaSource source;
        private final RtpPacketizer packetizer;
        private final long frames;
        private final Duration drain;
        private final CompletableFuture<MediaStats> done;
        private long framesSent;
        private ScheduledFuture<?> ticker;
        private long drainDeadline;

        Sender(MediaSource source, RtpPacketizer packetizer, long frames, Duration drain, CompletableFuture<MediaStats> done) {
            this.source = source;
            this.packetizer = packetizer;
            this.frames = frames;
            this.drain = drain;
            this.done = done;
        }

        void start() {
            ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            if (!channel.isActive()) {
                ticker.cancel(false);
                done.complete(verifier.stats());
                return;
            }
            if (framesSent < frames) {
                byte[] payload = source.nextFrame();
                verifier.sent(payload);
                channel.writeAndFlush(packetizer.next(payload));
                framesSent++;
                if (framesSent == frames) {
                    drainDeadline = System.nanoTime() + drain.toNanos();
                }
                return;
            }
            MediaStats stats = verifier.stats();
            if (stats.received() >= stats.sent() || System.nanoTime() >= drainDeadline) {
                ticker.cancel(false);
                done.complete(stats);
            }
        }
    }
}

package io.sipshield.emulator.media;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.sipshield.emulator.net.ChannelTypes;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * An RTP port and the RTCP port above it (RFC 3550 §11: RTP on an even port, RTCP on the next),
 * bound as UDP channels on shared event loops with empty pipelines. Random pairs in 20000-59999
 * are tried until both ports are free.
 *
 * @param rtp  the RTP channel (even port)
 * @param rtcp the RTCP channel (RTP port + 1)
 */
public record RtpPorts(Channel rtp, Channel rtcp) implements AutoCloseable {

    private static final int FIRST_PORT = 20_000;
    private static final int PORT_RANGE = 40_000;
    private static final int BIND_ATTEMPTS = 40;

    public RtpPorts {
        Objects.requireNonNull(rtp, "rtp");
        Objects.requireNonNull(rtcp, "rtcp");
    }

    /** Binds a free pair on {@code address}. */
    public static CompletableFuture<RtpPorts> bind(EventLoopGroup group, String address) {
        CompletableFuture<RtpPorts> bound = new CompletableFuture<>();
        bindPair(group, address, new SecureRandom(), 1, bound);
        return bound;
    }

    private static void bindPair(EventLoopGroup group, String address, RandomGenerator random, int attempt,
                                 CompletableFuture<RtpPorts> bound) {
        int port = FIRST_PORT + 2 * random.nextInt(PORT_RANGE / 2);
        bindOne(group, address, port).addListener(rtpBound -> {
            if (!rtpBound.isSuccess()) {
                retry(group, address, random, attempt, bound, rtpBound.cause());
                return;
            }
            Channel rtp = ((ChannelFuture) rtpBound).channel();
            bindOne(group, address, port + 1).addListener(rtcpBound -> {
                if (!rtcpBound.isSuccess()) {
                    rtp.close();
                    retry(group, address, random, attempt, bound, rtcpBound.cause());
                    return;
                }
                bound.complete(new RtpPorts(rtp, ((ChannelFuture) rtcpBound).channel()));
            });
        });
    }

    private static void retry(EventLoopGroup group, String address, RandomGenerator random, int attempt,
                              CompletableFuture<RtpPorts> bound, Throwable cause) {
        if (attempt >= BIND_ATTEMPTS) {
            bound.completeExceptionally(new IllegalStateException("no free RTP/RTCP port pair on " + address + " after "
                    + attempt + " attempts: " + cause.getMessage(), cause));
            return;
        }
        bindPair(group, address, random, attempt + 1, bound);
    }

    private static ChannelFuture bindOne(EventLoopGroup group, String address, int port) {
        return new Bootstrap().group(group).channel(ChannelTypes.datagram(group))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        // the owner adds its handlers once it knows the peer
                    }
                })
                .bind(new InetSocketAddress(address, port));
    }

    /** The local RTP address. */
    public InetSocketAddress rtpAddress() {
        return (InetSocketAddress) rtp.localAddress();
    }

    /** The local RTCP address. */
    public InetSocketAddress rtcpAddress() {
        return (InetSocketAddress) rtcp.localAddress();
    }

    /** Closes both ports. */
    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}

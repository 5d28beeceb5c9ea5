package io.sipshield.harness.mock;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.Quirk;
import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.harness.probe.HandshakeFailure;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A phone's TLS stack alone, to see which alert a server sends: connects with the phone's
 * {@link SslContext}, and after a completed handshake keeps reading for a moment, because in TLS 1.3
 * the client has finished before the server judged its certificate, so the alert comes after.
 */
final class TlsAlertClient {

    /**
     * @param handshakeCompleted whether the phone's side of the handshake completed
     * @param protocol           the version negotiated, or null
     * @param failure            the alert (or other failure) the phone saw, or null when the connection stayed up
     */
    record Outcome(boolean handshakeCompleted, String protocol, HandshakeFailure failure) {

        String alert() {
            return failure == null ? null : failure.alert();
        }
    }

    private TlsAlertClient() {
    }

    /**
     * A phone offering exactly {@code version} with its TLS stack's default suites, presenting its
     * certificate when asked. No shipped profile offers TLS 1.3, so the TLS 1.3 cases use this one.
     */
    static DeviceProfile phoneOffering(String version) {
        return new DeviceProfile("test-phone-" + version, "sipshield-test-phone", List.of(version), List.of(),
                EnumSet.of(Quirk.FACTORY_DEVICE_CERTIFICATE), "test", SrtpPolicy.ALGO_STANDARD);
    }

    static Outcome connect(SslContext context, InetSocketAddress server, EventLoopGroup group) throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        String[] protocol = new String[1];
        boolean[] completed = new boolean[1];
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc(), "pbx.sip.test", server.getPort()));
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                if (event instanceof SslHandshakeCompletionEvent done) {
                                    if (done.isSuccess()) {
                                        completed[0] = true;
                                        protocol[0] = ctx.pipeline().get(SslHandler.class).engine().getSession()
                                                .getProtocol();
                                        // Still up after a moment: the server kept the connection.
                                        ctx.executor().schedule(() -> outcome.complete(
                                                new Outcome(true, protocol[0], null)), 500, TimeUnit.MILLISECONDS);
                                    } else {
                                        outcome.complete(new Outcome(false, null, HandshakeFailure.of(done.cause())));
                                    }
                                }
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object message) {
                                ReferenceCountUtil.release(message);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                outcome.complete(new Outcome(completed[0], protocol[0], HandshakeFailure.of(cause)));
                                ctx.close();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                outcome.complete(new Outcome(completed[0], protocol[0],
                                        HandshakeFailure.closedByServer()));
                            }
                        });
                    }
                })
                .connect(server).sync().channel();
        return outcome.get(10, TimeUnit.SECONDS);
    }
}

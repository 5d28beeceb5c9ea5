package io.sipshield.emulator.cisco;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.sipshield.emulator.net.ChannelTypes;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One HTTP GET on the shared event loop (no thread per phone): {@code GET /<file> HTTP/1.1} with
 * {@code Connection: close}, the response read to the end of the connection. With an
 * {@link SslContext} it is HTTPS; a handshake the phone's trust refuses gives
 * {@link FetchResult.Status#REFUSED}.
 */
final class HttpFetcher {

    private final EventLoopGroup group;
    private final Duration timeout;
    private final String userAgent;

    HttpFetcher(EventLoopGroup group, Duration timeout, String userAgent) {
        this.group = Objects.requireNonNull(group, "group");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    }

    CompletableFuture<FetchResult> get(InetSocketAddress server, String host, String file, SslContext tls) {
        ProvisioningTransport transport = tls == null ? ProvisioningTransport.HTTP : ProvisioningTransport.HTTPS;
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        Exchange exchange = new Exchange(file, transport, host + ":" + server.getPort(), result);
        ChannelFuture connecting = new Bootstrap().group(group).channel(ChannelTypes.socket(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), host, server.getPort()));
                        }
                        channel.pipeline().addLast(exchange);
                    }
                })
                .connect(server);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                result.complete(FetchResult.failed(file, transport, FetchResult.Status.UNREACHABLE,
                        "cannot connect to " + server + ": " + done.cause().getMessage()));
                return;
            }
            Channel channel = connecting.channel();
            channel.eventLoop().schedule(() -> {
                if (result.complete(FetchResult.failed(file, transport, FetchResult.Status.UNREACHABLE,
                        "no complete response from " + server + " within " + timeout.toMillis() + " ms"))) {
                    channel.close();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        });
        return result;
    }

    /** Sends the request when connected, collects the response, judges it when the server closes. */
    private final class Exchange extends SimpleChannelInboundHandler<ByteBuf> {
        private final String file;
        private final ProvisioningTransport transport;
        private final String hostHeader;
        private final CompletableFuture<FetchResult> result;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Exchange(String file, ProvisioningTransport transport, String hostHeader, CompletableFuture<FetchResult> result) {
            this.file = file;
            this.transport = transport;
            this.hostHeader = hostHeader;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) {
            String request = "GET /" + file + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: " + userAgent
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            context.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
            context.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, ByteBuf message) {
            byte[] bytes = new byte[message.readableBytes()];
            message.readBytes(bytes);
            received.writeBytes(bytes);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (result.isDone()) {
                return;
            }
            if (received.size() == 0) {
                result.complete(FetchResult.failed(file, transport, FetchResult.Status.UNREACHABLE,
                        "the server closed the connection without a response"));
                return;
            }
            try {
                HttpResponseBytes response = HttpResponseBytes.parse(received.toByteArray());
                String detail = "HTTP " + response.status() + " " + response.reason();
                if (response.status() == 200) {
                    result.complete(FetchResult.ok(file, transport, response.body(), detail));
                } else {
                    result.complete(FetchResult.failed(file, transport, response.status() == 404
                            ? FetchResult.Status.NOT_FOUND : FetchResult.Status.ERROR, detail));
                }
            } catch (IllegalArgumentException e) {
                result.complete(FetchResult.failed(file, transport, FetchResult.Status.ERROR,
                        "malformed HTTP response: " + e.getMessage()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            boolean tlsRefused = transport == ProvisioningTransport.HTTPS && hasSslCause(cause);
            result.complete(FetchResult.failed(file, transport, tlsRefused ? FetchResult.Status.REFUSED
                    : FetchResult.Status.UNREACHABLE, (tlsRefused ? "TLS handshake refused: " : "") + describe(cause)));
            context.close();
        }
    }

    private static boolean hasSslCause(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return text.length() == 0 ? cause.getClass().getSimpleName() : text.toString();
    }
}

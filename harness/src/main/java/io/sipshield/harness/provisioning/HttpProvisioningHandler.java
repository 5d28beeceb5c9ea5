package io.sipshield.harness.provisioning;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Serves the directory over HTTP/1.1 (or HTTPS, with TLS in front): {@code GET} and {@code HEAD} of
 * a file with {@code Content-Length}, 404 for a missing file, 403 for a name that would leave the
 * directory or names a directory (no listing), 405 with {@code Allow: GET, HEAD} for any other
 * method, 400 for a request that does not parse. The query string is ignored. Keep-alive as the
 * request asks (HTTP/1.1 default on, HTTP/1.0 off). Each request is recorded in the journal once
 * its response is written.
 *
 * <p>With {@code unsignedConfigForSgn} (the server's HTTPS port by default) a request for
 * {@code SEP<MAC>.cnf.xml.sgn} gets the unsigned {@code SEP<MAC>.cnf.xml}
 * ({@link ProvisioningDirectory#findUnsignedConfig}).
 */
final class HttpProvisioningHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final int CHUNK_SIZE = 8192;

    private final ProvisioningRequest.Transport transport;
    private final ProvisioningDirectory directory;
    private final boolean unsignedConfigForSgn;
    private final ProvisioningJournal journal;
    private final Clock clock;

    HttpProvisioningHandler(ProvisioningRequest.Transport transport, ProvisioningDirectory directory,
                            boolean unsignedConfigForSgn, ProvisioningJournal journal, Clock clock) {
        this.transport = transport;
        this.directory = directory;
        this.unsignedConfigForSgn = unsignedConfigForSgn;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
        Exchange exchange = new Exchange(context, clock.instant(), request.method().name(), request.uri(),
                HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess());
        if (request.decoderResult().isFailure()) {
            exchange.fail(HttpResponseStatus.BAD_REQUEST, ProvisioningRequest.Status.BAD_REQUEST,
                    "unparsable request: " + request.decoderResult().cause().getMessage());
            return;
        }
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method())) {
            exchange.fail(HttpResponseStatus.METHOD_NOT_ALLOWED, ProvisioningRequest.Status.NOT_ALLOWED,
                    "only GET and HEAD are served");
            return;
        }
        String path;
        try {
            path = decodedPath(request.uri());
        } catch (IllegalArgumentException e) {
            exchange.fail(HttpResponseStatus.BAD_REQUEST, ProvisioningRequest.Status.BAD_REQUEST,
                    "bad request target: " + e.getMessage());
            return;
        }
        exchange.path = path;
        ProvisioningDirectory.Lookup lookup = unsignedConfigForSgn ? directory.findUnsignedConfig(path) : directory.find(path);
        switch (lookup.kind()) {
            case FORBIDDEN -> exchange.fail(HttpResponseStatus.FORBIDDEN, ProvisioningRequest.Status.FORBIDDEN, lookup.reason());
            case NOT_FOUND -> exchange.fail(HttpResponseStatus.NOT_FOUND, ProvisioningRequest.Status.NOT_FOUND, lookup.reason());
            case FOUND -> exchange.serve(lookup, head);
        }
    }

    /** The percent-decoded path of an origin-form ({@code /a/b?q}) or absolute-form ({@code http://h/a/b}) target. */
    private static String decodedPath(String target) {
        String origin = target;
        if (!target.startsWith("/")) {
            String raw = URI.create(target).getRawPath();
            if (raw == null || raw.isEmpty()) {
                throw new IllegalArgumentException("no path in '" + target + "'");
            }
            origin = raw;
        }
        return new QueryStringDecoder(origin).path();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // a TLS handshake the client broke off, a reset connection: nothing was asked, nothing to record
        context.close();
    }

    /** One request and its response. */
    private final class Exchange {
        private final ChannelHandlerContext context;
        private final Instant at;
        private final String method;
        private final boolean keepAlive;
        private String path;

        Exchange(ChannelHandlerContext context, Instant at, String method, String target, boolean keepAlive) {
            this.context = context;
            this.at = at;
            this.method = method;
            this.path = target;
            this.keepAlive = keepAlive;
        }

        void fail(HttpResponseStatus status, ProvisioningRequest.Status outcome, String reason) {
            byte[] body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
            boolean head = "HEAD".equals(method);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=us-ascii");
            HttpUtil.setContentLength(response, body.length);
            if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            }
            finish(context.writeAndFlush(withConnection(response)), "", outcome, status.code(), head ? 0 : body.length, reason);
        }

        void serve(ProvisioningDirectory.Lookup lookup, boolean head) {
            RandomAccessFile file;
            long length;
            try {
                file = new RandomAccessFile(lookup.file().toFile(), "r");
                length = file.length();
            } catch (IOException e) {
                fail(HttpResponseStatus.NOT_FOUND, ProvisioningRequest.Status.NOT_FOUND, "cannot open: " + e.getMessage());
                return;
            }
            String note = lookup.relative().equals(stripLeadingSlashes(path)) ? "" : "served the unsigned file";
            if (head) {
                closeQuietly(file);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.EMPTY_BUFFER);
                headers(response, lookup, length);
                finish(context.writeAndFlush(withConnection(response)), lookup.relative(), ProvisioningRequest.Status.SERVED,
                        200, 0, note);
                return;
            }
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            headers(response, lookup, length);
            context.write(withConnection(response));
            ChunkedFile chunks;
            try {
                chunks = new ChunkedFile(file, 0, length, CHUNK_SIZE);
            } catch (IOException e) {
                closeQuietly(file);
                context.close();
                journal.record(record(lookup.relative(), ProvisioningRequest.Status.INCOMPLETE, 200, 0,
                        "cannot read: " + e.getMessage()));
                return;
            }
            finish(context.writeAndFlush(new HttpChunkedInput(chunks)), lookup.relative(),
                    ProvisioningRequest.Status.SERVED, 200, length, note);
        }

        private void headers(HttpResponse response, ProvisioningDirectory.Lookup lookup, long length) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType(lookup.relative()));
            HttpUtil.setContentLength(response, length);
        }

        private HttpResponse withConnection(HttpResponse response) {
            response.headers().set(HttpHeaderNames.CONNECTION,
                    keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
            return response;
        }

        private void finish(ChannelFuture written, String servedFile, ProvisioningRequest.Status status, int code,
                            long bytes, String detail) {
            written.addListener((ChannelFutureListener) done -> {
                if (done.isSuccess()) {
                    journal.record(record(servedFile, status, code, bytes, detail));
                } else {
                    journal.record(record(servedFile, ProvisioningRequest.Status.INCOMPLETE, code, 0,
                            "response not delivered: " + done.cause().getMessage()));
                }
                if (!keepAlive || !done.isSuccess()) {
                    done.channel().close();
                }
            });
        }

        private ProvisioningRequest record(String servedFile, ProvisioningRequest.Status status, int code, long bytes,
                                           String detail) {
            return new ProvisioningRequest(at, transport, (InetSocketAddress) context.channel().remoteAddress(), method,
                    path, servedFile, status, code, bytes, detail);
        }
    }

    /** Enough types for what phones fetch; the rest is octets. */
    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xml")) {
            return "text/xml";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".cfg") || lower.endsWith(".conf")) {
            return "text/plain";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }

    private static String stripLeadingSlashes(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '/') {
            start++;
        }
        return name.substring(start);
    }

    private static void closeQuietly(RandomAccessFile file) {
        try {
            file.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }
}

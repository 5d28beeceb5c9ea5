package io.sipshield.harness.probe;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.internal.tcnative.SSL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;

/**
 * Writes the NSS key log line ({@code CLIENT_RANDOM <client random> <master secret>}, hex) of a
 * TLS 1.0 to 1.2 connection on the BoringSSL provider once its handshake completes, so Wireshark can
 * decrypt a capture. Only when asked ({@code --keylog}); the file holds session secrets.
 */
final class NssKeyLog extends ChannelInboundHandlerAdapter {

    private final Path file;
    private volatile String problem;

    NssKeyLog(Path file) {
        this.file = file;
    }

    /** Why nothing was written, or null. */
    String problem() {
        return problem;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
            write(ctx.pipeline().get(SslHandler.class).engine());
        }
        super.userEventTriggered(ctx, event);
    }

    private void write(SSLEngine engine) {
        if (!(engine instanceof ReferenceCountedOpenSslEngine openSsl)) {
            problem = "the key log needs the BoringSSL provider";
            return;
        }
        if ("TLSv1.3".equals(engine.getSession().getProtocol())) {
            problem = "TLS 1.3 secrets are not exported";
            return;
        }
        long ssl = openSsl.sslPointer();
        byte[] clientRandom = SSL.getClientRandom(ssl);
        byte[] masterKey = SSL.getMasterKey(ssl);
        HexFormat hex = HexFormat.of();
        String line = "CLIENT_RANDOM " + hex.formatHex(clientRandom) + " " + hex.formatHex(masterKey) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            problem = file + ": cannot write the key log: " + e.getMessage();
        }
    }
}

package io.sipshield.harness.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.tls.IdentityRule;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * MX-ONE's rule for inbound SIP (seed 004, "Strategies for certificate handling"): "SIPLP only
 * accepts inbound SIP messages that are directed to the MX-ONE system", whose official names are
 * the LIM host names in its certificate's SAN ("it shall be addressed as lim2.mx.corp.net, matching
 * name in the SAN field"). A request whose Request-URI host its server certificate does not name
 * (SAN DNS with the one-label {@code *.} wildcard MX-ONE's default certificate uses, SAN IP, then
 * CN, as {@link IdentityRule#allowingWildcards()}) is answered here and never reaches the PBX.
 *
 * <p>[GUESS] The seed gives no status code for such a request: {@link #DEFAULT_STATUS} (404) is
 * assumed and configurable ({@link MockAsterisk.Builder#mxOneRequestUriCheck}). ACKs are passed on
 * (no response is allowed to one), and so are requests inside a dialog (they go to the Contact the
 * system gave) and requests for the address the phone connected to. Confined to the connection's event loop.
 */
final class MxOneRequestUriCheck extends ChannelInboundHandlerAdapter {

    /** [GUESS] The answer to a request not addressed to the MX-ONE. */
    static final int DEFAULT_STATUS = Response.NOT_FOUND;

    private static final IdentityRule RULE = IdentityRule.allowingWildcards();

    private final X509Certificate serverCertificate;
    private final String userAgent;
    private final int status;
    private final SipMessages messages = new SipMessages();
    private final PbxLog.Writer log;

    MxOneRequestUriCheck(X509Certificate serverCertificate, String userAgent, int status, PbxLog log) {
        this.serverCertificate = serverCertificate;
        this.userAgent = userAgent;
        this.status = status;
        this.log = log.writer(MxOneRequestUriCheck.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Request request && !Request.ACK.equals(request.getMethod())
                && !inDialog(request)
                && request.getRequestURI() instanceof SipURI uri && !RULE.matches(serverCertificate, uri.getHost())
                && !uri.getHost().equals(localAddress(ctx))) {
            log.info("{} for {} refused: {} is not a name of this MX-ONE ({})", request.getMethod(), uri,
                    uri.getHost(), RULE.presentedIdentities(serverCertificate));
            ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
            Response response = messages.response(status, request, to.getTag() == null ? newTag() : null);
            response.addHeader(messages.header("Server", userAgent));
            ctx.writeAndFlush(response);
            return;
        }
        ctx.fireChannelRead(message);
    }

    /**
     * A request inside a dialog (a To tag) goes to the Contact the MX-ONE itself gave in that dialog, so
     * it is addressed to the system whatever name that Contact uses (RFC 3261 §12.2.1.1).
     */
    private static boolean inDialog(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    }

    /** The address the phone reached: a request for it is directed to this system too. */
    private static String localAddress(ChannelHandlerContext ctx) {
        return ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
    }

    private static String newTag() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}

package io.sipshield.harness.mock;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.sipshield.emulator.media.MediaDestination;
import io.sipshield.emulator.media.ReceptionStats;
import io.sipshield.emulator.media.RtcpHandler;
import io.sipshield.emulator.media.RtcpSession;
import io.sipshield.emulator.media.RtpCodec;
import io.sipshield.emulator.media.RtpPorts;
import io.sipshield.emulator.media.SrtpCodec;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.DigestStatus;
import io.sipshield.emulator.sip.DigestVerifier;
import io.sipshield.emulator.sip.SipKeepAlive;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One TLS connection's SIP conversation with the mock: registrar, authenticator and dialplan,
 * answering the way Asterisk's PJSIP stack does (see shared/fixtures/asterisk/trace-register-call-echo.txt).
 * Confined to the connection's event loop.
 */
final class PbxSipHandler extends SimpleChannelInboundHandler<Object> {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String ALLOW = "OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, "
            + "UPDATE, PRACK, INFO, REFER";

    private static final Logger LOG = LoggerFactory.getLogger(PbxSipHandler.class);

    private static final java.util.Set<String> LIST_HEADERS = java.util.Set.of("Allow", "Supported");

    private final PbxState state;
    private final SecureRandom random = new SecureRandom();
    private final SipMessages messages = new SipMessages(random);
    private final DigestVerifier digest;
    private final Map<String, MockCall> calls = new HashMap<>();

    PbxSipHandler(PbxState state) {
        this.state = state;
        this.digest = DigestVerifier.builder().realm(state.realm()).clock(state.clock()).random(random).build();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message == SipKeepAlive.PING) {
            ctx.writeAndFlush(SipKeepAlive.PONG);
            return;
        }
        if (!(message instanceof Request request)) {
            return;
        }
        record(ctx, request);
        switch (request.getMethod()) {
            case Request.REGISTER -> register(ctx, request);
            case Request.INVITE -> invite(ctx, request);
            case Request.ACK -> { }
            case Request.BYE -> bye(ctx, request);
            case Request.OPTIONS -> send(ctx, response(ctx, request, Response.OK, null));
            default -> {
                Response notAllowed = response(ctx, request, Response.METHOD_NOT_ALLOWED, null);
                addHeader(notAllowed, "Allow", ALLOW);
                send(ctx, notAllowed);
            }
        }
    }

    private void register(ChannelHandlerContext ctx, Request request) {
        MockEndpoint endpoint = authenticate(ctx, request);
        if (endpoint == null) {
            return;
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        int expires = requestedExpiry(request, contact);
        Response ok = response(ctx, request, Response.OK, tagFromBranch(request));
        addHeader(ok, "Date", HTTP_DATE.format(state.clock().instant()));
        if (expires == 0 || contact == null) {
            state.registrar().unbind(endpoint.id());
        } else {
            String rewritten = rewrittenContact(ctx, contact);
            Registrar.Binding binding = state.registrar().bind(endpoint.id(), rewritten, expires);
            addHeader(ok, ContactHeader.NAME, "<" + rewritten + ">;expires=" + state.registrar().secondsLeft(binding));
        }
        send(ctx, ok);
    }

    private void invite(ChannelHandlerContext ctx, Request request) {
        MockEndpoint endpoint = authenticate(ctx, request);
        if (endpoint == null) {
            return;
        }
        send(ctx, response(ctx, request, Response.TRYING, null));
        String extension = ((SipURI) request.getRequestURI()).getUser();
        DialplanApp app = extension == null ? null : state.extensions().get(extension);
        if (app == null) {
            send(ctx, response(ctx, request, Response.NOT_FOUND, newTag()));
            return;
        }
        MediaDescription offer;
        try {
            byte[] body = request.getRawContent();
            offer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
        } catch (SdpParseException e) {
            send(ctx, response(ctx, request, Response.NOT_ACCEPTABLE_HERE, newTag()));
            return;
        }
        AsteriskMediaNegotiation.Outcome outcome = AsteriskMediaNegotiation.negotiate(endpoint.mediaEncryption(), offer);
        if (outcome instanceof AsteriskMediaNegotiation.NotAcceptable) {
            send(ctx, response(ctx, request, Response.NOT_ACCEPTABLE_HERE, newTag()));
            return;
        }
        InetSocketAddress remote = new InetSocketAddress(offer.connectionAddress(), offer.port());
        InetSocketAddress remoteRtcp = rtcpAddress(offer, remote);
        String localAddress = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
        CryptoAttribute answerCrypto = outcome instanceof AsteriskMediaNegotiation.Srtp srtp
                ? CryptoAttribute.of(srtp.offered().tag(), srtp.offered().suite(),
                        SrtpMasterKey.random(srtp.offered().suite(), random))
                : null;
        RtpPorts.bind(ctx.channel().eventLoop(), localAddress).whenComplete((ports, failure) ->
                ctx.channel().eventLoop().execute(() -> {
                    if (failure != null) {
                        send(ctx, response(ctx, request, Response.SERVER_INTERNAL_ERROR, newTag()));
                        return;
                    }
                    try {
                        startMedia(ports, outcome, answerCrypto, remote, remoteRtcp, localAddress);
                        answer(ctx, request, extension, outcome, answerCrypto, ports.rtp(), localAddress);
                    } catch (RuntimeException e) {
                        ports.close();
                        send(ctx, response(ctx, request, Response.SERVER_INTERNAL_ERROR, newTag()));
                        throw e;
                    }
                }));
    }

    /** Where the caller wants RTCP: a=rtcp (RFC 3605) or RTP port + 1; an unreadable a=rtcp is ignored. */
    private static InetSocketAddress rtcpAddress(MediaDescription offer, InetSocketAddress remote) {
        try {
            return MediaDestination.from(offer, false).rtcp();
        } catch (IllegalArgumentException e) {
            return MediaDestination.of(remote).rtcp();
        }
    }

    /** The echo on the RTP port (SRTP or plain) and Asterisk's RTCP (SRTCP or plain, rtp.conf's interval) on the next one. */
    private void startMedia(RtpPorts ports, AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto,
                            InetSocketAddress remote, InetSocketAddress remoteRtcp, String localAddress) {
        EchoHandler echo = new EchoHandler(random);
        SrtcpContext rtcpOut = null;
        SrtcpContext rtcpIn = null;
        if (outcome instanceof AsteriskMediaNegotiation.Srtp srtp) {
            ports.rtp().pipeline().addLast("srtp", new SrtpCodec(
                    SrtpContext.create(answerCrypto.suite(), answerCrypto.key()),
                    SrtpContext.create(srtp.offered().suite(), srtp.offered().key()),
                    remote, status -> { }));
            rtcpOut = SrtcpContext.create(answerCrypto.suite(), answerCrypto.key());
            rtcpIn = SrtcpContext.create(srtp.offered().suite(), srtp.offered().key());
        } else {
            ports.rtp().pipeline().addLast("rtp", new RtpCodec(remote, status -> { }));
        }
        ports.rtp().pipeline().addLast("echo", echo);
        ReceptionStats heard = new ReceptionStats(G711.CLOCK_RATE);
        RtcpSession rtcp = new RtcpSession(echo.ssrc(), "asterisk@" + localAddress, heard, rtcpOut, rtcpIn,
                state.clock(), G711.CLOCK_RATE);
        echo.reportTo(heard, rtcp);
        ports.rtcp().pipeline().addLast("rtcp", RtcpHandler.onOwnPort(rtcp, remoteRtcp, state.rtcpInterval()));
        ports.rtp().closeFuture().addListener(f -> ports.rtcp().close());
    }

    private void answer(ChannelHandlerContext ctx, Request request, String extension,
                        AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto, Channel media,
                        String localAddress) {
        String tag = UUID.randomUUID().toString();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        calls.put(callId, new MockCall(callId, tag, extension, media));
        ctx.channel().closeFuture().addListener(f -> media.close());
        String profile = outcome instanceof AsteriskMediaNegotiation.Srtp srtp ? srtp.profile()
                : ((AsteriskMediaNegotiation.PlainRtp) outcome).profile();
        List<String> attributes = new java.util.ArrayList<>();
        if (answerCrypto != null) {
            attributes.add("crypto:" + answerCrypto.toSdpValue());
        }
        attributes.addAll(List.of("rtpmap:0 PCMU/8000", "ptime:20", "maxptime:140", "sendrecv"));
        long sessionId = random.nextInt(Integer.MAX_VALUE);
        String sdp = SessionDescription.audioBody("Asterisk", sessionId, sessionId + 2, localAddress,
                ((InetSocketAddress) media.localAddress()).getPort(), profile, List.of("0"), attributes);
        Response ok = response(ctx, request, Response.OK, tag);
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        addHeader(ok, ContactHeader.NAME, "<sip:" + local.getAddress().getHostAddress() + ":" + local.getPort()
                + ";transport=TLS>");
        addHeader(ok, "Allow", ALLOW);
        addHeader(ok, "Supported", "100rel, timer, replaces, norefersub");
        try {
            ok.setContent(sdp, (javax.sip.header.ContentTypeHeader) messages.header("Content-Type", "application/sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot attach the SDP answer", e);
        }
        send(ctx, ok);
    }

    private void bye(ChannelHandlerContext ctx, Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        MockCall call = calls.remove(callId);
        if (call == null) {
            send(ctx, response(ctx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
            return;
        }
        call.media().close();
        send(ctx, response(ctx, request, Response.OK, null));
    }

    /**
     * Asterisk's authenticator: the endpoint is identified by the From user; without valid
     * credentials the answer is a 401 with a fresh challenge (also for an unknown user or a
     * wrong password, so nothing tells them apart).
     */
    private MockEndpoint authenticate(ChannelHandlerContext ctx, Request request) {
        String user = ((SipURI) ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI()).getUser();
        MockEndpoint endpoint = user == null ? null : state.endpoints().get(user);
        if (endpoint != null && request.getHeader("Authorization") != null
                && digest.verify(request, endpoint.id(), endpoint.password()) == DigestStatus.OK) {
            return endpoint;
        }
        Response challenge = response(ctx, request, Response.UNAUTHORIZED, tagFromBranch(request));
        addHeader(challenge, "WWW-Authenticate", digest.challenge().toHeaderValue());
        send(ctx, challenge);
        return null;
    }

    private Response response(ChannelHandlerContext ctx, Request request, int status, String toTag) {
        ToHeader requestTo = (ToHeader) request.getHeader(ToHeader.NAME);
        Response response = messages.response(status, request, requestTo.getTag() == null ? toTag : null);
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        InetSocketAddress source = (InetSocketAddress) ctx.channel().remoteAddress();
        try {
            via.setReceived(source.getAddress().getHostAddress());
            via.setParameter("rport", Integer.toString(source.getPort()));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot mark the Via of " + request.getMethod() + " as received", e);
        }
        addHeader(response, "Server", state.userAgent());
        return response;
    }

    private void send(ChannelHandlerContext ctx, Response response) {
        ctx.writeAndFlush(response);
    }

    private void record(ChannelHandlerContext ctx, Request request) {
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        state.recorder().accept(new RecordedSipRequest(request, (InetSocketAddress) ctx.channel().remoteAddress(),
                session.getProtocol(), session.getCipherSuite()));
    }

    private int requestedExpiry(Request request, ContactHeader contact) {
        if (contact != null && contact.getExpires() >= 0) {
            return contact.getExpires();
        }
        if (request.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader expires) {
            return expires.getExpires();
        }
        return 3600;
    }

    /** rewrite_contact=yes: the contact's host and port become the connection's source. */
    private static String rewrittenContact(ChannelHandlerContext ctx, ContactHeader contact) {
        InetSocketAddress source = (InetSocketAddress) ctx.channel().remoteAddress();
        String user = contact.getAddress().getURI() instanceof SipURI sip ? sip.getUser() : null;
        return "sip:" + (user == null ? "" : user + "@") + source.getAddress().getHostAddress() + ":" + source.getPort()
                + ";transport=TLS";
    }

    /** Asterisk tags out-of-dialog responses with the request's branch (see the 401s in the trace). */
    private static String tagFromBranch(Request request) {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch();
    }

    private String newTag() {
        return UUID.randomUUID().toString();
    }

    /** Adds a header; a comma-separated value of a list header (Allow, Supported) becomes its entries. */
    private void addHeader(Response response, String name, String value) {
        if (LIST_HEADERS.contains(name)) {
            for (String entry : value.split(",\\s*")) {
                response.addHeader(messages.header(name, entry));
            }
        } else {
            response.addHeader(messages.header(name, value));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        calls.values().forEach(call -> call.media().close());
        calls.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

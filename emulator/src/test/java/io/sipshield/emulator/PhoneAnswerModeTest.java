package io.sipshield.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.emulator.ua.InboundRequest;
import io.sipshield.emulator.ua.SipTrace;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Answer modes and inbound requests against a bare TLS server that plays the PBX: it sends
 * INVITE, CANCEL and OPTIONS down the phone's own connection and reads every response.
 */
@Timeout(30)
class PhoneAnswerModeTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SipMessages messages = new SipMessages();
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Channel> connections = new LinkedBlockingQueue<>();
    private Channel server;
    private Channel connection;
    private Phone phone;

    private Phone connect(AnswerMode mode) throws Exception {
        IssuedCertificate pbx = PKI.get(FixtureName.PBX_SERVER);
        SslContext tls = SslContextBuilder.forServer(pbx.privateKey(), pbx.chainWithoutRoot())
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.2").build();
        server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new SipFrameDecoder(), new SipMessageCodec(),
                                new SimpleChannelInboundHandler<Response>() {
                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        connections.add(ctx.channel());
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Response response) {
                                        responses.add(response);
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101").serverHost("pbx.sip.test")
                .serverAddress((InetSocketAddress) server.localAddress())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .answerMode(mode)
                .build(), loops);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
        connection = connections.poll(10, TimeUnit.SECONDS);
        assertNotNull(connection, "the phone never connected");
        return phone;
    }

    @AfterEach
    void stop() {
        if (phone != null) {
            phone.close();
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Request invite(String callId, String profile, List<String> attributes) {
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        String body = SessionDescription.audioBody("Asterisk", 1, 1, "127.0.0.1", 40000, profile, List.of("0"),
                attributes);
        return messages.request(Request.INVITE, "sip:101@127.0.0.1;transport=tls")
                .from("sip:600@pbx.sip.test", messages.newTag())
                .to("sip:101@pbx.sip.test")
                .callId(callId)
                .cseq(1)
                .via("127.0.0.1", local.getPort(), "TLS")
                .contact("sip:asterisk@127.0.0.1:" + local.getPort() + ";transport=tls")
                .body("application/sdp", body)
                .build();
    }

    private Request srtpInvite(String callId) {
        CryptoAttribute offered = CryptoAttribute.of(1, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, new SecureRandom()));
        return invite(callId, "RTP/SAVP", List.of("crypto:" + offered.toSdpValue(), "sendrecv"));
    }

    /** The CANCEL the server sends for {@code invite} (RFC 3261 §9.1: same branch, Call-ID, CSeq number). */
    private Request cancel(Request invite, String branch) {
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        return messages.request(Request.CANCEL, invite.getRequestURI().toString())
                .from("sip:600@pbx.sip.test", ((javax.sip.header.FromHeader) invite.getHeader("From")).getTag())
                .to("sip:101@pbx.sip.test")
                .callId(((javax.sip.header.CallIdHeader) invite.getHeader("Call-ID")).getCallId())
                .cseq(1)
                .via("127.0.0.1", local.getPort(), "TLS")
                .branch(branch)
                .build();
    }

    private static String branch(Request request) {
        return ((javax.sip.header.ViaHeader) request.getHeader("Via")).getBranch();
    }

    private Response next() throws InterruptedException {
        Response response = responses.poll(10, TimeUnit.SECONDS);
        assertNotNull(response, "the phone sent no response");
        return response;
    }

    private static String method(Response response) {
        return ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
    }

    private static String toTag(Response response) {
        return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
    }

    @Test
    void manualModeRingsUntilAnsweredThenAnswers200WithTheRingingTag() throws Exception {
        connect(AnswerMode.MANUAL);
        connection.writeAndFlush(srtpInvite("manual-1"));
        Response ringing = next();
        assertEquals(180, ringing.getStatusCode());
        assertNotNull(toTag(ringing), "a 180 that creates an early dialog carries a To tag");
        assertNotNull(ringing.getHeader("Contact"));

        IncomingCall incoming = phone.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals("manual-1", incoming.callId());
        assertEquals("sip:600@pbx.sip.test", incoming.caller());
        assertEquals(IncomingCall.State.RINGING, incoming.state());
        assertNull(responses.poll(200, TimeUnit.MILLISECONDS), "a ringing phone sends nothing more on its own");
        assertTrue(phone.incomingCalls().isEmpty());

        Call call = incoming.answer().get(10, TimeUnit.SECONDS);
        Response ok = next();
        assertEquals(200, ok.getStatusCode());
        assertEquals(toTag(ringing), toTag(ok), "the 200 keeps the early dialog's tag");
        assertEquals("RTP/SAVP", call.mediaProfile());
        assertTrue(call.hasMedia());
        assertEquals(IncomingCall.State.ANSWERED, incoming.settled().get(5, TimeUnit.SECONDS));
        assertEquals(call, phone.incomingCalls().get("manual-1"));

        ExecutionException again = assertThrows(ExecutionException.class,
                () -> incoming.answer().get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, again.getCause());
        assertTrue(again.getCause().getMessage().contains("answered, not ringing"), again.getCause().getMessage());
    }

    @Test
    void manualModeRejectSendsTheStatusWithTheRingingTag() throws Exception {
        connect(AnswerMode.MANUAL);
        connection.writeAndFlush(srtpInvite("busy-1"));
        Response ringing = next();
        assertEquals(180, ringing.getStatusCode());
        IncomingCall incoming = phone.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        incoming.reject(486).get(10, TimeUnit.SECONDS);
        Response busy = next();
        assertEquals(486, busy.getStatusCode());
        assertEquals(toTag(ringing), toTag(busy));
        assertEquals(IncomingCall.State.REJECTED, incoming.state());
        assertTrue(phone.incomingCalls().isEmpty());
        ExecutionException late = assertThrows(ExecutionException.class,
                () -> incoming.reject(603).get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, late.getCause());
    }

    @Test
    void aRejectionStatusMustBeAFinalFailure() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> AnswerMode.reject(200));
        assertThrows(IllegalArgumentException.class, () -> AnswerMode.reject(700));
        connect(AnswerMode.MANUAL);
        connection.writeAndFlush(srtpInvite("bad-status-1"));
        assertEquals(180, next().getStatusCode());
        IncomingCall incoming = phone.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> incoming.reject(180));
        assertTrue(wrong.getMessage().contains("300-699"), wrong.getMessage());
        assertEquals(IncomingCall.State.RINGING, incoming.state());
    }

    @Test
    void aCancelWhileRingingGets200AndTheInvite487() throws Exception {
        connect(AnswerMode.MANUAL);
        Request invite = srtpInvite("cancel-1");
        connection.writeAndFlush(invite);
        Response ringing = next();
        assertEquals(180, ringing.getStatusCode());
        IncomingCall incoming = phone.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

        connection.writeAndFlush(cancel(invite, branch(invite)));
        Response cancelled = next();
        assertEquals(Request.CANCEL, method(cancelled));
        assertEquals(200, cancelled.getStatusCode());
        Response terminated = next();
        assertEquals(Request.INVITE, method(terminated));
        assertEquals(487, terminated.getStatusCode());
        assertEquals(toTag(ringing), toTag(terminated));

        assertEquals(IncomingCall.State.CANCELLED, incoming.settled().get(5, TimeUnit.SECONDS));
        assertTrue(incoming.cancelled());
        ExecutionException tooLate = assertThrows(ExecutionException.class,
                () -> incoming.answer().get(5, TimeUnit.SECONDS));
        assertTrue(tooLate.getCause().getMessage().contains("cancelled, not ringing"), tooLate.getCause().getMessage());
        assertTrue(phone.incomingCalls().isEmpty());
    }

    @Test
    void aCancelMatchingNoInviteIs481() throws Exception {
        connect(AnswerMode.MANUAL);
        Request invite = srtpInvite("cancel-2");
        connection.writeAndFlush(invite);
        assertEquals(180, next().getStatusCode());
        connection.writeAndFlush(cancel(invite, messages.newBranch()));
        Response unmatched = next();
        assertEquals(Request.CANCEL, method(unmatched));
        assertEquals(481, unmatched.getStatusCode());
        IncomingCall incoming = phone.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals(IncomingCall.State.RINGING, incoming.state(), "a CANCEL for another branch does not stop it");
    }

    @Test
    void aCancelAfterTheAnswerGets200AndChangesNothing() throws Exception {
        connect(AnswerMode.AUTO);
        Request invite = srtpInvite("cancel-late-1");
        connection.writeAndFlush(invite);
        assertEquals(200, next().getStatusCode(), "AUTO answers 200 with no 180 first");
        connection.writeAndFlush(cancel(invite, branch(invite)));
        Response late = next();
        assertEquals(Request.CANCEL, method(late));
        assertEquals(200, late.getStatusCode());
        assertNull(responses.poll(200, TimeUnit.MILLISECONDS), "no 487 after the 200");
        IncomingCall incoming = phone.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals(IncomingCall.State.ANSWERED, incoming.state());
        assertEquals(1, phone.incomingCalls().size());
    }

    @Test
    void rejectModeRefusesEveryAcceptableCallAtOnce() throws Exception {
        connect(AnswerMode.reject(603));
        connection.writeAndFlush(srtpInvite("dnd-1"));
        Response declined = next();
        assertEquals(603, declined.getStatusCode());
        IncomingCall incoming = phone.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals(IncomingCall.State.REJECTED, incoming.state());
    }

    @Test
    void aPolicyRejectionStaysImmediateInManualMode() throws Exception {
        connect(AnswerMode.MANUAL);
        connection.writeAndFlush(invite("plain-1", "RTP/AVP", List.of("rtpmap:0 PCMU/8000")));
        assertEquals(488, next().getStatusCode(), "a D-Series refuses RTP/AVP before it rings");
        ExecutionException none = assertThrows(ExecutionException.class,
                () -> phone.nextIncomingCall(Duration.ofMillis(300)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, none.getCause());
        assertEquals("no incoming call within 300 ms", none.getCause().getMessage());
    }

    @Test
    void everyInboundRequestIsRecordedAndTakenOnce() throws Exception {
        connect(AnswerMode.AUTO);
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        Request options = messages.request(Request.OPTIONS, "sip:101@127.0.0.1;transport=tls")
                .from("sip:asterisk@127.0.0.1", messages.newTag())
                .to("sip:101@127.0.0.1")
                .callId("qualify-1")
                .cseq(7)
                .via("127.0.0.1", local.getPort(), "TLS")
                .build();
        var waiting = phone.awaitRequest("options", Duration.ofSeconds(5));
        connection.writeAndFlush(options);
        InboundRequest received = waiting.get(10, TimeUnit.SECONDS);
        assertEquals("OPTIONS", received.method());
        assertEquals("qualify-1", received.callId());
        assertEquals("sip:101@127.0.0.1;transport=tls", received.requestUri());
        assertEquals("OPTIONS sip:101@127.0.0.1;transport=tls SIP/2.0", received.summary());
        assertEquals(200, next().getStatusCode(), "OPTIONS is answered 200");

        connection.writeAndFlush(srtpInvite("recorded-1"));
        assertEquals(200, next().getStatusCode());
        InboundRequest invite = phone.awaitRequest("INVITE", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals("recorded-1", invite.callId());
        assertTrue(invite.text().contains("inline:" + SipTrace.REDACTED), "keys are redacted: " + invite.text());
        assertEquals(List.of("OPTIONS", "INVITE"), phone.inboundRequests().stream().map(InboundRequest::method).toList());

        ExecutionException taken = assertThrows(ExecutionException.class,
                () -> phone.awaitRequest("OPTIONS", Duration.ofMillis(250)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, taken.getCause(), "each request is handed out once");
        assertEquals("no OPTIONS request within 250 ms", taken.getCause().getMessage());
    }

    @Test
    void waitingBeforeConnectFailsClearly() {
        Phone unconnected = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101").serverAddress(new InetSocketAddress("127.0.0.1", 5061)).build(), loops);
        ExecutionException request = assertThrows(ExecutionException.class,
                () -> unconnected.awaitRequest("OPTIONS", Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS));
        assertTrue(request.getCause().getMessage().contains("not connected"), request.getCause().getMessage());
        ExecutionException call = assertThrows(ExecutionException.class,
                () -> unconnected.nextIncomingCall(Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS));
        assertTrue(call.getCause().getMessage().contains("not connected"), call.getCause().getMessage());
        ExecutionException cancel = assertThrows(ExecutionException.class,
                () -> unconnected.cancelOutgoingCall().get(5, TimeUnit.SECONDS));
        assertTrue(cancel.getCause().getMessage().contains("not connected"), cancel.getCause().getMessage());
    }
}

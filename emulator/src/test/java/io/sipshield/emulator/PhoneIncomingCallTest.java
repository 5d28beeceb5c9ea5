package io.sipshield.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server sends INVITEs down the phone's own TLS connection (RFC 5626): the phone answers as its
 * profile's SRTP policy says. A D-Series takes only RTP/SAVP and answers anything else 488.
 */
@Timeout(30)
class PhoneIncomingCallTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SipMessages messages = new SipMessages();
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Channel> connections = new LinkedBlockingQueue<>();
    private Channel server;
    private Phone phone;

    @BeforeEach
    void start() throws Exception {
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
                                        if (response.getStatusCode() >= 200) {
                                            responses.add(response);
                                        }
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101").serverHost("pbx.sip.test")
                .serverAddress((InetSocketAddress) server.localAddress())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), loops);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
    }

    @AfterEach
    void stop() {
        phone.close();
        server.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Request invite(String callId, String profile, List<String> attributes) {
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        String body = SessionDescription.audioBody("Asterisk", 1, 1, "127.0.0.1", 40000, profile, List.of("0"), attributes);
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

    private Response send(Request request) throws Exception {
        Channel connection = connections.poll(10, TimeUnit.SECONDS);
        assertNotNull(connection, "the phone never connected");
        connections.add(connection);
        connection.writeAndFlush(request);
        Response response = responses.poll(10, TimeUnit.SECONDS);
        assertNotNull(response, "the phone never answered " + request.getMethod());
        return response;
    }

    @Test
    void anOfferWithoutRtpSavpIsAnswered488() throws Exception {
        Response response = send(invite("plain-1", "RTP/AVP", List.of("rtpmap:0 PCMU/8000")));
        assertEquals(488, response.getStatusCode());
        assertTrue(phone.incomingCalls().isEmpty());
    }

    @Test
    void anOptimisticOfferIsAnswered488ByADigium() throws Exception {
        CryptoAttribute crypto = CryptoAttribute.of(1, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, new SecureRandom()));
        Response response = send(invite("optimistic-1", "RTP/AVP", List.of("crypto:" + crypto.toSdpValue())));
        assertEquals(488, response.getStatusCode());
    }

    @Test
    void anSrtpOfferIsAnsweredWithTheOfferersTagAndTheDevicesOwnKey() throws Exception {
        CryptoAttribute offered = CryptoAttribute.of(5, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, new SecureRandom()));
        Response response = send(invite("srtp-1", "RTP/SAVP", List.of("crypto:" + offered.toSdpValue(), "sendrecv")));
        assertEquals(200, response.getStatusCode());
        MediaDescription answer = SessionDescription.parse(new String(response.getRawContent(), StandardCharsets.UTF_8)).audio();
        assertEquals("RTP/SAVP", answer.profile());
        CryptoAttribute chosen = CryptoAttribute.parse(answer.attributeValue("crypto").orElseThrow());
        assertEquals(5, chosen.tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, chosen.suite());
        assertNotEquals(offered.key(), chosen.key(), "the answerer keys its own direction");
        assertNotNull(response.getHeader("Contact"));
        assertEquals(1, phone.incomingCalls().size());
        assertTrue(phone.incomingCalls().get("srtp-1").answered());
    }
}

package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.sip.DigestAuthenticator;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.sip.SipRequestBuilder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CANCEL, BYE, 481 and 487 as Asterisk's PJSIP stack answers them. */
@Timeout(60)
class MockAsteriskCancelByeTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static MockAsterisk pbx;

    private final SipMessages messages = new SipMessages(RANDOM);

    @BeforeAll
    static void start() {
        pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .extension("601", DialplanApp.ECHO)
                .waitBeforeAnswer("601", Duration.ofSeconds(30))
                .extension("602", DialplanApp.ECHO)
                .waitBeforeAnswer("602", Duration.ofMillis(400))
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    @AfterAll
    static void shutdown() {
        pbx.close();
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private String sdp(RawSipClient client) {
        byte[] keyAndSalt = new byte[30];
        RANDOM.nextBytes(keyAndSalt);
        String host = client.localAddress().getAddress().getHostAddress();
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(keyAndSalt) + "\r\n";
    }

    private Request request(RawSipClient client, String method, String extension, String callId, long cseq,
                            String branch) {
        return request(client, method, extension, callId, cseq, branch, null);
    }

    private Request request(RawSipClient client, String method, String extension, String callId, long cseq,
                            String branch, String sdp) {
        String uri = "sip:" + extension + "@pbx.sip.test";
        SipRequestBuilder builder = messages.request(method, uri)
                .from("sip:101@pbx.sip.test", "caller-tag")
                .to(uri)
                .callId(callId)
                .cseq(cseq)
                .via(client.localAddress().getAddress().getHostAddress(), client.localAddress().getPort(), "TLS")
                .branch(branch)
                .contact("sip:101@" + client.localAddress().getAddress().getHostAddress() + ":"
                        + client.localAddress().getPort() + ";transport=tls");
        if (sdp != null) {
            builder.body("application/sdp", sdp);
        }
        return builder.build();
    }

    /** Sends an authenticated INVITE (answering the 401) and returns it, its 100 Trying read. */
    private Request invite(RawSipClient client, String extension, String callId) throws Exception {
        String offer = sdp(client);
        Request first = request(client, Request.INVITE, extension, callId, 1, messages.newBranch(), offer);
        client.send(first);
        Response challenge = client.next();
        assertEquals(401, challenge.getStatusCode());
        Request second = request(client, Request.INVITE, extension, callId, 2, messages.newBranch(), offer);
        second.addHeader(new DigestAuthenticator("101", "pass101").authorizationFor(challenge, second));
        client.send(second);
        assertEquals(100, client.next().getStatusCode());
        return second;
    }

    private static String branchOf(Request request) {
        return ((javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME)).getBranch();
    }

    @Test
    void cancelBeforeTheAnswerIs200ThenTheInviteIs487() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            Request invite = invite(client, "601", "cancel-me");
            client.send(request(client, Request.CANCEL, "601", "cancel-me", 2, branchOf(invite)));
            Response cancelled = client.next();
            assertEquals(200, cancelled.getStatusCode());
            assertEquals(Request.CANCEL, ((CSeqHeader) cancelled.getHeader(CSeqHeader.NAME)).getMethod());
            Response terminated = client.next();
            assertEquals(487, terminated.getStatusCode());
            assertEquals(Request.INVITE, ((CSeqHeader) terminated.getHeader(CSeqHeader.NAME)).getMethod());
            assertNotNull(((ToHeader) terminated.getHeader(ToHeader.NAME)).getTag(), "487 carries a To tag");
            assertNull(client.poll(300), "no 200 after the 487");
            client.send(request(client, Request.BYE, "601", "cancel-me", 3, messages.newBranch()));
            assertEquals(481, client.next().getStatusCode(), "no dialog was ever set up");
        }
    }

    @Test
    void cancelOfAnUnknownTransactionIs481() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            client.send(request(client, Request.CANCEL, "600", "never-invited", 1, messages.newBranch()));
            Response response = client.next();
            assertEquals(481, response.getStatusCode());
        }
    }

    @Test
    void cancelWithAnotherBranchDoesNotMatchTheInvite() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            invite(client, "601", "other-branch");
            client.send(request(client, Request.CANCEL, "601", "other-branch", 2, messages.newBranch()));
            assertEquals(481, client.next().getStatusCode());
        }
    }

    @Test
    void byeOutsideAnyDialogIs481() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            client.send(request(client, Request.BYE, "600", "no-such-call", 1, messages.newBranch()));
            assertEquals(481, client.next().getStatusCode());
        }
    }

    @Test
    void aWaitBeforeAnswerDelaysThe200AndTheCallStillEchoes() throws Exception {
        try (Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101").serverHost("pbx.sip.test").serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            long started = System.nanoTime();
            Call call = phone.call("602").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(400).toNanos(), "answered after Wait(0.4)");
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
            assertEquals(481, call.hangup().get(10, TimeUnit.SECONDS), "a second BYE finds no dialog");
        }
    }

    @Test
    void aNegativeWaitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MockAsterisk.builder().waitBeforeAnswer("600", Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("600"), e.getMessage());
    }
}

package io.sipshield.emulator.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.sipshield.emulator.sip.SipKeepAlive;
import io.sipshield.emulator.sip.SipMessages;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAgentHandlerTest {

    private final SipMessages messages = new SipMessages();
    private final RequestFactory requests = new RequestFactory(messages, "101", "pbx.sip.test", "test-phone",
            new InetSocketAddress("127.0.0.1", 15061));
    private final SipTrace trace = new SipTrace();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        UserAgentHandler handler = new UserAgentHandler(trace,
                request -> Request.ACK.equals(request.getMethod()) ? null : messages.response(200, request),
                requests::ackForNon2xx);
        channel = new EmbeddedChannel(handler);
    }

    private UserAgentHandler handler() {
        return channel.pipeline().get(UserAgentHandler.class);
    }

    private Request invite() {
        String uri = requests.extensionUri("600");
        return requests.request(Request.INVITE, uri, uri, null, "call-1", "tag-1", 5).build();
    }

    @Test
    void aFinalResponseCompletesTheMatchingRequestAndProvisionalOnesDoNot() {
        Request invite = invite();
        CompletableFuture<Response> answer = handler().send(invite);
        assertSame(invite, channel.readOutbound());
        channel.writeInbound(messages.response(100, invite));
        assertFalse(answer.isDone());
        Response ok = messages.response(200, invite, "their-tag");
        channel.writeInbound(ok);
        assertSame(ok, answer.join());
        assertFalse(channel.finish());
    }

    @Test
    void aResponseForAnotherBranchIsNotTaken() throws Exception {
        Request invite = invite();
        CompletableFuture<Response> answer = handler().send(invite);
        channel.readOutbound();
        Response other = messages.response(200, invite);
        ((ViaHeader) other.getHeader(ViaHeader.NAME)).setBranch("z9hG4bKsomethingelse");
        channel.writeInbound(other);
        assertFalse(answer.isDone());
    }

    @Test
    void aNon2xxFinalResponseToInviteIsAckedWithTheInvitesBranch() {
        Request invite = invite();
        CompletableFuture<Response> answer = handler().send(invite);
        channel.readOutbound();
        channel.writeInbound(messages.response(488, invite, "their-tag"));
        assertEquals(488, answer.join().getStatusCode());
        Request ack = channel.readOutbound();
        assertEquals(Request.ACK, ack.getMethod());
        assertEquals(((ViaHeader) invite.getHeader(ViaHeader.NAME)).getBranch(),
                ((ViaHeader) ack.getHeader(ViaHeader.NAME)).getBranch());
        assertEquals(5, ((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber());
        assertEquals(invite.getRequestURI(), ack.getRequestURI());
    }

    @Test
    void aByeFromTheServerOnTheSameConnectionIsAnswered() {
        Request bye = requests.request(Request.BYE, "sip:101@127.0.0.1:15061;transport=tls", "sip:101@pbx.sip.test",
                "tag-1", "call-1", "their-tag", 9).build();
        channel.writeInbound(bye);
        Response answer = channel.readOutbound();
        assertEquals(200, answer.getStatusCode());
        assertEquals(2, trace.entries().size(), "the BYE received and the 200 sent");
    }

    @Test
    void aKeepAlivePingIsAnsweredWithAPong() {
        channel.writeInbound(SipKeepAlive.PING);
        assertSame(SipKeepAlive.PONG, channel.readOutbound());
        channel.writeInbound(SipKeepAlive.PONG);
        assertNull(channel.readOutbound());
    }

    @Test
    void closingTheConnectionFailsWhatIsPending() {
        UserAgentHandler handler = handler();
        CompletableFuture<Response> answer = handler.send(invite());
        channel.readOutbound();
        channel.close();
        assertTrue(answer.isCompletedExceptionally());
        assertTrue(handler.send(invite()).isCompletedExceptionally(), "nothing is sent on a closed connection");
    }

    @Test
    void theTraceNeverHoldsSdesKeys() {
        String key = "zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";
        String uri = requests.extensionUri("600");
        Request invite = requests.request(Request.INVITE, uri, uri, null, "call-k", "tag-k", 1)
                .body("application/sdp", "v=0\r\nm=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key
                        + "|2^20|1:4\r\n")
                .build();
        handler().send(invite);
        channel.readOutbound();
        String recorded = trace.entries().get(0).text();
        assertFalse(recorded.contains(key), recorded);
        assertTrue(recorded.contains("inline:" + SipTrace.REDACTED + "|2^20|1:4"), recorded);
    }

    @Test
    void aRequestWithoutAnswerFailsAfterTheTransactionTimeoutNamingWhatItWaitedFor() throws Exception {
        EmbeddedChannel timed = new EmbeddedChannel(new UserAgentHandler(trace, request -> null, requests::ackForNon2xx,
                java.time.Duration.ofMillis(50)));
        UserAgentHandler handler = timed.pipeline().get(UserAgentHandler.class);
        String aor = requests.addressOfRecord();
        Request register = requests.request(Request.REGISTER, requests.registrarUri(), aor, null, "reg-1", "tag-r", 1)
                .build();
        CompletableFuture<Response> answer = handler.send(register);
        assertSame(register, timed.readOutbound());
        Thread.sleep(120);
        timed.runScheduledPendingTasks();
        java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, answer::get);
        assertEquals("no final response to REGISTER within 50 ms (Timer F, RFC 3261 §17.1.2.2)",
                failed.getCause().getMessage());
        // a late answer matches nothing
        timed.writeInbound(messages.response(200, register));
        assertFalse(timed.finish());
    }

    @Test
    void aProvisionalResponseStopsAnInvitesTimer() throws Exception {
        EmbeddedChannel timed = new EmbeddedChannel(new UserAgentHandler(trace, request -> null, requests::ackForNon2xx,
                java.time.Duration.ofMillis(50)));
        UserAgentHandler handler = timed.pipeline().get(UserAgentHandler.class);
        Request invite = invite();
        CompletableFuture<Response> answer = handler.send(invite);
        timed.readOutbound();
        timed.writeInbound(messages.response(100, invite));
        Thread.sleep(120);
        timed.runScheduledPendingTasks();
        assertFalse(answer.isDone(), "Timer B stopped at the 100 Trying (RFC 3261 §17.1.1.2)");
        Response ok = messages.response(200, invite, "their-tag");
        timed.writeInbound(ok);
        assertSame(ok, answer.join());
        timed.finishAndReleaseAll();
    }
}

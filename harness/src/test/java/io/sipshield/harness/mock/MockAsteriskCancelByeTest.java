package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.sip.SipMessages;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CANCEL, BYE, 481 and 487 as Asterisk's PJSIP stack answers them. */
@Timeout(60)
class MockAsteriskCancelByeTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .extension("600", DialplanApp.ECHO)
            .extension("601", DialplanApp.ECHO)
            .waitBeforeAnswer("601", Duration.ofSeconds(30))
            .extension("602", DialplanApp.ECHO)
            .waitBeforeAnswer("602", Duration.ofMillis(400)));

    private final SipMessages messages = new SipMessages(RANDOM);
    private final RawCaller caller = new RawCaller(messages, "101", "pass101");

    private String sdp(RawSipClient client) {
        byte[] keyAndSalt = new byte[30];
        RANDOM.nextBytes(keyAndSalt);
        String host = client.localAddress().getAddress().getHostAddress();
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(keyAndSalt) + "\r\n";
    }

    @Test
    void cancelBeforeTheAnswerIs200ThenTheInviteIs487() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            Request invite = caller.invite(client, "601", "cancel-me", sdp(client));
            client.send(caller.request(client, Request.CANCEL, "601", "cancel-me", 2, RawCaller.branchOf(invite)));
            Response cancelled = client.next();
            assertEquals(200, cancelled.getStatusCode());
            assertEquals(Request.CANCEL, ((CSeqHeader) cancelled.getHeader(CSeqHeader.NAME)).getMethod());
            Response terminated = client.next();
            assertEquals(487, terminated.getStatusCode());
            assertEquals(Request.INVITE, ((CSeqHeader) terminated.getHeader(CSeqHeader.NAME)).getMethod());
            assertNotNull(((ToHeader) terminated.getHeader(ToHeader.NAME)).getTag(), "487 carries a To tag");
            assertNull(client.poll(300), "no 200 after the 487");
            client.send(caller.request(client, Request.BYE, "601", "cancel-me", 3, messages.newBranch()));
            assertEquals(481, client.next().getStatusCode(), "no dialog was ever set up");
        }
    }

    @Test
    void cancelOfAnUnknownTransactionIs481() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            client.send(caller.request(client, Request.CANCEL, "600", "never-invited", 1, messages.newBranch()));
            Response response = client.next();
            assertEquals(481, response.getStatusCode());
        }
    }

    @Test
    void cancelWithAnotherBranchDoesNotMatchTheInvite() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            caller.invite(client, "601", "other-branch", sdp(client));
            client.send(caller.request(client, Request.CANCEL, "601", "other-branch", 2, messages.newBranch()));
            assertEquals(481, client.next().getStatusCode());
        }
    }

    @Test
    void byeOutsideAnyDialogIs481() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            client.send(caller.request(client, Request.BYE, "600", "no-such-call", 1, messages.newBranch()));
            assertEquals(481, client.next().getStatusCode());
        }
    }

    @Test
    void aWaitBeforeAnswerDelaysThe200AndTheCallStillEchoes() throws Exception {
        try (Phone phone = PBX.phone("101")) {
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

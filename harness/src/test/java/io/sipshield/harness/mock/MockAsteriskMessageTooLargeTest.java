package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.sip.SipFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request over the mock's 64 KiB message limit ({@link SipFrameDecoder#DEFAULT_MAX_MESSAGE_SIZE})
 * is answered 513 Message Too Large (RFC 3261 §21.5.14) over real TLS on loopback, and the
 * connection goes on; what cannot be answered closes the connection.
 */
@Timeout(60)
class MockAsteriskMessageTooLargeTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final int OVER_THE_LIMIT = SipFrameDecoder.DEFAULT_MAX_MESSAGE_SIZE + 1;
    private static MockAsterisk pbx;

    @BeforeAll
    static void start() {
        pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    @AfterAll
    static void shutdown() {
        pbx.close();
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String request(String method, String callId, int cseq, int contentLength) {
        return method + " sips:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5062;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sips:101@127.0.0.1>;tag=f1\r\n"
                + "To: <sips:127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private static void sendRaw(RawSipClient client, String text) {
        client.send(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    @Test
    void oversizedRequestIsAnswered513AndTheConnectionGoesOn() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            String head = request("MESSAGE", "too-large-1", 1, OVER_THE_LIMIT);
            sendRaw(client, head + "x".repeat(OVER_THE_LIMIT));

            Response tooLarge = client.next();
            assertEquals(513, tooLarge.getStatusCode());
            assertEquals("too-large-1", ((CallIdHeader) tooLarge.getHeader(CallIdHeader.NAME)).getCallId());
            assertEquals(1, ((CSeqHeader) tooLarge.getHeader(CSeqHeader.NAME)).getSeqNumber());
            assertNotNull(((ToHeader) tooLarge.getHeader(ToHeader.NAME)).getTag(), "a UAS response carries a To tag");

            sendRaw(client, request("OPTIONS", "after-513", 2, 0));
            Response next = client.next();
            assertEquals(200, next.getStatusCode(), "the message after the skipped one is read as usual");
            assertEquals("after-513", ((CallIdHeader) next.getHeader(CallIdHeader.NAME)).getCallId());
        }
    }

    @Test
    void oversizedAckIsNotAnswered() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            sendRaw(client, request("ACK", "too-large-ack", 1, OVER_THE_LIMIT) + "x".repeat(OVER_THE_LIMIT));
            sendRaw(client, request("OPTIONS", "after-ack", 2, 0));

            Response next = client.next();
            assertEquals("after-ack", ((CallIdHeader) next.getHeader(CallIdHeader.NAME)).getCallId(),
                    "no 513 to an ACK (RFC 3261 §17.1.1.3): the first response is the OPTIONS one");
        }
    }

    @Test
    void headerSectionThatNeverEndsClosesTheConnection() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            sendRaw(client, "MESSAGE sips:127.0.0.1 SIP/2.0\r\n" + "X-Filler: 0123456789\r\n".repeat(3000));

            assertTrue(client.awaitClosed(5000), "no header section to answer: the mock closes the connection");
            assertNull(client.poll(100));
        }
    }

    @Test
    void oversizedRequestWithAnUnparseableHeaderClosesTheConnection() throws Exception {
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            String head = request("MESSAGE", "too-large-bad", 1, OVER_THE_LIMIT).replace("CSeq: 1 MESSAGE", "CSeq: one MESSAGE");
            sendRaw(client, head + "x".repeat(OVER_THE_LIMIT));

            assertTrue(client.awaitClosed(5000), "a request that cannot be answered closes the connection");
            assertFalse(client.poll(100) != null, "and gets no response");
        }
    }
}

package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
import io.sipshield.emulator.sip.SipMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every SIP message through the summary handler, either way, as one line without its body. */
class SipSummaryHandlerTest {

    private static final String INVITE = "INVITE sip:600@pbx.sip.test;transport=tls SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:40000;branch=z9hG4bK-1\r\n"
            + "From: <sip:101@pbx.sip.test>;tag=a\r\n"
            + "To: <sip:600@pbx.sip.test>\r\n"
            + "Call-ID: call-1\r\n"
            + "CSeq: 2 INVITE\r\n"
            + "Max-Forwards: 70\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 54\r\n"
            + "\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:SECRETSECRET\r\n";

    private final List<SipMessageSummary> summaries = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new SipFrameDecoder(), new SipMessageCodec(),
            new SipSummaryHandler(summaries::add));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void reportsWhatArrivesAndWhatLeavesWithStartLineAndCseqOnly() {
        channel.writeInbound(Unpooled.copiedBuffer(INVITE, StandardCharsets.UTF_8));
        Request invite = channel.readInbound();
        channel.writeOutbound(new SipMessages().response(488, invite));
        ByteBuf wire = channel.readOutbound();
        wire.release();

        assertEquals(2, summaries.size(), summaries.toString());
        SipMessageSummary received = summaries.get(0);
        assertEquals(SipMessageSummary.Direction.RECEIVED, received.direction());
        assertEquals("INVITE sip:600@pbx.sip.test;transport=tls", received.firstLine());
        assertEquals("2 INVITE", received.cseq());
        assertNull(received.tlsProtocol(), "no TLS on an embedded channel");
        SipMessageSummary sent = summaries.get(1);
        assertEquals(SipMessageSummary.Direction.SENT, sent.direction());
        assertEquals("SIP/2.0 488 Not Acceptable here", sent.firstLine());
        for (SipMessageSummary summary : summaries) {
            assertFalse(summary.toLine().contains("inline:"), summary.toLine());
        }
    }

    @Test
    void theLogLineSaysWhereFromOrToAndTheConnectionsTlsForWhatArrives() {
        java.net.InetSocketAddress phone = new java.net.InetSocketAddress("127.0.0.1", 40000);
        assertEquals("REGISTER sip:pbx.sip.test;transport=tls from /127.0.0.1:40000 (TLSv1.2, "
                        + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)",
                new SipMessageSummary(SipMessageSummary.Direction.RECEIVED, phone, "REGISTER sip:pbx.sip.test;transport=tls",
                        "1 REGISTER", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").toLine());
        assertEquals("SIP/2.0 401 Unauthorized to /127.0.0.1:40000 (CSeq: 1 REGISTER)",
                new SipMessageSummary(SipMessageSummary.Direction.SENT, phone, "SIP/2.0 401 Unauthorized",
                        "1 REGISTER", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").toLine());
        assertEquals("SIP/2.0 200 OK from /127.0.0.1:40000 (TLSv1.2, X) (CSeq: 7 OPTIONS)",
                new SipMessageSummary(SipMessageSummary.Direction.RECEIVED, phone, "SIP/2.0 200 OK",
                        "7 OPTIONS", "TLSv1.2", "X").toLine());
    }
}

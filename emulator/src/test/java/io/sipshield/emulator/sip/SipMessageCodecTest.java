package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipMessageCodecTest {

    private static final String REGISTER_WITH_BAD_MAX_FORWARDS = """
            REGISTER sip:127.0.0.1:5161;transport=tls SIP/2.0\r
            Via: SIP/2.0/TLS 127.0.0.1:15061;branch=z9hG4bK532c7058f960726c;rport\r
            To: <sip:101@127.0.0.1:5161>\r
            Max-Forwards: seventy\r
            From: <sip:101@127.0.0.1:5161>;tag=0b3a6ca15d320d24\r
            Call-ID: b6c3771b7e3b9aea\r
            CSeq: 27986 REGISTER\r
            Content-Length: 0\r
            \r
            """;

    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new SipFrameDecoder(), new SipMessageCodec());
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finish(), "nothing may be left over");
    }

    @Test
    void decodesTheRealRegister() {
        Request register = assertInstanceOf(Request.class, decode(AsteriskTrace.message(AsteriskTrace.REGISTER)));

        assertEquals(Request.REGISTER, register.getMethod());
        assertEquals("sip:127.0.0.1:5161;transport=tls", register.getRequestURI().toString());
        assertEquals("b6c3771b7e3b9aea", ((CallIdHeader) register.getHeader(CallIdHeader.NAME)).getCallId());
        assertEquals(27986L, ((CSeqHeader) register.getHeader(CSeqHeader.NAME)).getSeqNumber());
        ViaHeader via = (ViaHeader) register.getHeader(ViaHeader.NAME);
        assertEquals("TLS", via.getTransport());
        assertEquals("z9hG4bK532c7058f960726c", via.getBranch());
    }

    @Test
    void decodesTheReal401WithItsChallenge() {
        Response unauthorized = assertInstanceOf(Response.class,
                decode(AsteriskTrace.message(AsteriskTrace.REGISTER_401)));

        assertEquals(401, unauthorized.getStatusCode());
        DigestChallenge challenge = DigestChallenge.from(unauthorized.getHeader("WWW-Authenticate"));
        assertEquals("1795348758/962fc329ce1e416ee85bc26cf96ac4c2", challenge.nonce());
        assertEquals("0cfebdcf4ced6e99", challenge.opaque());
    }

    @Test
    void decodesTheRealInviteWithItsSdpBody() {
        Request invite = assertInstanceOf(Request.class, decode(AsteriskTrace.message(AsteriskTrace.INVITE)));

        String trace = AsteriskTrace.text(AsteriskTrace.INVITE);
        String sdp = trace.substring(trace.indexOf("\r\n\r\n") + 4);
        assertEquals(Request.INVITE, invite.getMethod());
        assertArrayEquals(sdp.getBytes(StandardCharsets.UTF_8), invite.getRawContent());
        assertEquals(401, ((ContentLengthHeader) invite.getHeader(ContentLengthHeader.NAME)).getContentLength());
    }

    @ParameterizedTest
    @ValueSource(ints = {AsteriskTrace.REGISTER, AsteriskTrace.REGISTER_401, AsteriskTrace.REGISTER_AUTHORIZED,
        AsteriskTrace.INVITE, AsteriskTrace.INVITE_401, AsteriskTrace.INVITE_200, AsteriskTrace.BYE_AUTHORIZED})
    void roundTripsTheRealTrace(int index) {
        byte[] original = AsteriskTrace.message(index);
        Message decoded = decode(original);

        assertTrue(channel.writeOutbound(decoded));
        byte[] encoded = readOutbound();
        Message again = decode(encoded);

        assertEquals(new String(SipMessageCodec.encode(decoded), StandardCharsets.UTF_8),
                new String(SipMessageCodec.encode(again), StandardCharsets.UTF_8));
        assertEquals(decoded, again);
        String text = new String(encoded, StandardCharsets.UTF_8);
        for (String name : List.of("Via", "Call-ID", "CSeq")) {
            assertTrue(text.contains(name + ": " + AsteriskTrace.headerValue(index, name) + "\r\n"), name + " in " + text);
        }
        String trace = AsteriskTrace.text(index);
        assertTrue(text.endsWith(trace.substring(trace.indexOf("\r\n\r\n"))), "same empty line and body");
    }

    @Test
    void jainSipCollapsesARepeatedUriParameter() {
        Request invite = (Request) decode(AsteriskTrace.message(AsteriskTrace.INVITE));

        // baresip sent ";transport=tls;transport=tls"; a digest-uri must be taken from the
        // Authorization header, never rebuilt from the parsed Request-URI.
        assertEquals("sip:600@127.0.0.1:5161;transport=tls", invite.getRequestURI().toString());
    }

    @Test
    void encodingKeepsTheTransportTheViaNames() {
        String tcp = AsteriskTrace.text(AsteriskTrace.REGISTER).replace("SIP/2.0/TLS", "SIP/2.0/TCP");
        Message message = decode(tcp.getBytes(StandardCharsets.UTF_8));

        channel.writeOutbound(message);

        assertTrue(new String(readOutbound(), StandardCharsets.UTF_8).contains("Via: SIP/2.0/TCP 127.0.0.1:15061;"));
    }

    @Test
    void badHeaderIsAParseErrorNamingTheLine() {
        SipParseException e = assertThrows(SipParseException.class, () -> channel.writeInbound(
                Unpooled.copiedBuffer(REGISTER_WITH_BAD_MAX_FORWARDS, StandardCharsets.UTF_8)));

        assertEquals(4, e.lineNumber());
        assertEquals("Max-Forwards: seventy", e.line());
        assertTrue(e.getMessage().startsWith("line 4: invalid Max-Forwards header 'Max-Forwards: seventy': "),
                e.getMessage());
        assertNull(channel.readInbound());
    }

    @Test
    void withoutTheRethrowingListenerJainSipWouldDropTheBadHeader() throws Exception {
        byte[] bytes = REGISTER_WITH_BAD_MAX_FORWARDS.getBytes(StandardCharsets.UTF_8);

        SIPMessage lenient = new StringMsgParser().parseSIPMessage(bytes, true, false, null);

        assertNotNull(lenient, "JAIN-SIP alone accepts the message");
        assertNull(lenient.getHeader("Max-Forwards"), "and silently drops the header it could not parse");
    }

    /** Found by ParserFuzzTest.sipMessage (seed crash-775141b8...): JAIN-SIP alone fails with NoClassDefFoundError. */
    @Test
    void onlyControlAndHighBytesAreAParseErrorNotAnError() {
        EmbeddedChannel codecOnly = new EmbeddedChannel(new SipMessageCodec());
        SipParseException e = assertThrows(SipParseException.class,
                () -> codecOnly.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00, (byte) 0xFF, '\n', '\n'})));

        assertTrue(e.getMessage().startsWith("no start line: the message holds only control characters"), e.getMessage());
        assertNull(codecOnly.readInbound());
        codecOnly.finishAndReleaseAll();
    }

    @Test
    void badStartLineIsAParseErrorOnLineOne() {
        String bad = AsteriskTrace.text(AsteriskTrace.REGISTER)
                .replace("REGISTER sip:127.0.0.1:5161;transport=tls SIP/2.0", "REGISTER sip:127.0.0.1:5161 HTTP/1.1");

        SipParseException e = assertThrows(SipParseException.class,
                () -> channel.writeInbound(Unpooled.copiedBuffer(bad, StandardCharsets.UTF_8)));

        assertEquals(1, e.lineNumber());
        assertTrue(e.getMessage().startsWith("line 1: invalid start line 'REGISTER sip:127.0.0.1:5161 HTTP/1.1'"),
                e.getMessage());
    }

    @Test
    void missingMandatoryHeaderIsAParseError() {
        String noCallId = AsteriskTrace.text(AsteriskTrace.REGISTER).replace("Call-ID: b6c3771b7e3b9aea\r\n", "");

        SipParseException e = assertThrows(SipParseException.class,
                () -> channel.writeInbound(Unpooled.copiedBuffer(noCallId, StandardCharsets.UTF_8)));

        assertTrue(e.getMessage().contains("missing mandatory header Call-ID"), e.getMessage());
    }

    @Test
    void releasesTheFrameEvenWhenParsingFails() {
        EmbeddedChannel codecOnly = new EmbeddedChannel(new SipMessageCodec());
        ByteBuf frame = Unpooled.copiedBuffer(REGISTER_WITH_BAD_MAX_FORWARDS, StandardCharsets.UTF_8);

        assertThrows(SipParseException.class, () -> codecOnly.writeInbound(frame));

        assertEquals(0, frame.refCnt());
        assertFalse(codecOnly.finish());
    }

    @Test
    void keepAlivesPassThroughInbound() {
        channel.writeInbound(Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII));

        assertSame(SipKeepAlive.PING, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void keepAlivesAreWrittenAsTheirBytes() {
        channel.writeOutbound(SipKeepAlive.PING, SipKeepAlive.PONG);

        assertEquals("\r\n\r\n", new String(readOutbound(), StandardCharsets.US_ASCII));
        assertEquals("\r\n", new String(readOutbound(), StandardCharsets.US_ASCII));
        assertNull(channel.readOutbound());
    }

    @Test
    void theWholeTraceDecodesThroughFramingAndCodec() {
        List<byte[]> messages = AsteriskTrace.messages();
        for (byte[] message : messages) {
            channel.writeInbound(Unpooled.wrappedBuffer(message));
        }

        for (byte[] message : messages) {
            Message decoded = channel.readInbound();
            String[] startLine = new String(message, StandardCharsets.UTF_8).split("\r\n", 2)[0].split(" ");
            if (decoded instanceof Response response) {
                assertEquals(startLine[1], Integer.toString(response.getStatusCode()));
            } else {
                assertEquals(startLine[0], assertInstanceOf(Request.class, decoded).getMethod());
            }
        }
        assertNull(channel.readInbound());
    }

    private Message decode(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        Message message = channel.readInbound();
        assertNotNull(message, "expected a decoded message");
        return message;
    }

    private byte[] readOutbound() {
        ByteBuf buf = channel.readOutbound();
        assertNotNull(buf, "expected encoded bytes");
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }
}

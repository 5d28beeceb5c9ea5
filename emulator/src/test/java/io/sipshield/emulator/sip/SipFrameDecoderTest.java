package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SipFrameDecoderTest {

    private static final String BODY = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n";

    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new SipFrameDecoder());
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finish(), "nothing may be left over");
    }

    enum Split { WHOLE, BYTE_BY_BYTE, MID_HEADER, MID_BODY }

    static Stream<Arguments> lineEndingsAndSplits() {
        return Stream.of("\r\n", "\n").flatMap(eol -> Arrays.stream(Split.values()).map(s -> Arguments.of(eol, s)));
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("lineEndingsAndSplits")
    void emitsExactlyTheMessageWhereverTheReadsAreCut(String eol, Split split) {
        byte[] message = traceInviteWithLineEnding(eol);
        List<byte[]> pieces = cut(message, cutPoints(message, eol, split));

        for (int i = 0; i < pieces.size() - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(pieces.get(i)));
            assertNull(channel.readInbound(), "no frame before piece " + (i + 2) + " of " + pieces.size());
        }
        channel.writeInbound(Unpooled.wrappedBuffer(pieces.get(pieces.size() - 1)));

        assertEquals(text(message), readFrame());
        assertNull(channel.readInbound());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 5", "content-length:5", "CONTENT-LENGTH :  5", "l: 5", "L:5",
        "Content-Length:\r\n 5", "Content-Length: 5\r\nContent-Length: 5"})
    void readsContentLengthInEveryForm(String contentLength) {
        String first = "MESSAGE sip:101@127.0.0.1 SIP/2.0\r\nCall-ID: a\r\n" + contentLength + "\r\n\r\nhello";
        String second = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nl:0\r\n\r\n";

        channel.writeInbound(buffer(first + second));

        assertEquals(first, readFrame());
        assertEquals(second, readFrame());
        assertNull(channel.readInbound());
    }

    @Test
    void cutsTheRealAsteriskTraceIntoItsThirteenMessages() {
        List<byte[]> messages = AsteriskTrace.messages();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        messages.forEach(stream::writeBytes);

        channel.writeInbound(Unpooled.wrappedBuffer(stream.toByteArray()));

        for (byte[] message : messages) {
            assertEquals(text(message), readFrame());
        }
        assertNull(channel.readInbound());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 100})
    void emitsEveryMessageCoalescedInOneRead(int count) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(i % 2 == 0 ? options(i) : withBody(i));
        }

        channel.writeInbound(buffer(String.join("", messages)));

        for (String message : messages) {
            assertEquals(message, readFrame());
        }
        assertNull(channel.readInbound());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n"})
    void doubleLineEndIsAPingAndSingleIsAPong(String eol) {
        String message = options(1);

        channel.writeInbound(buffer(eol + eol + message + eol + message));

        assertSame(SipKeepAlive.PING, channel.readInbound());
        assertEquals(message, readFrame());
        assertSame(SipKeepAlive.PONG, channel.readInbound());
        assertEquals(message, readFrame());
        assertNull(channel.readInbound());
    }

    @Test
    void loneCrlfEndingARead() {
        channel.writeInbound(buffer("\r\n"));

        assertSame(SipKeepAlive.PONG, channel.readInbound(), "a pong is emitted when the read completes");
        assertNull(channel.readInbound());
    }

    @Test
    void pingArrivingByteByByteWithinOneReadIsOnePing() {
        for (byte b : "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
            channel.writeOneInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        channel.flushInbound();

        assertSame(SipKeepAlive.PING, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void pingInItsOwnReadThenAMessage() {
        channel.writeInbound(buffer("\r\n\r\n"));
        assertSame(SipKeepAlive.PING, channel.readInbound());

        channel.writeInbound(buffer(options(2)));
        assertEquals(options(2), readFrame());
        assertNull(channel.readInbound());
    }

    @Test
    void crWithoutLfBetweenMessagesIsAFramingError() {
        SipFramingException e = assertThrows(SipFramingException.class,
                () -> channel.writeInbound(buffer("\rOPTIONS sip:x SIP/2.0\r\n")));

        assertTrue(e.getMessage().contains("CR not followed by LF"), e.getMessage());
    }

    @Test
    void messageOverTheLimitIsSkippedAndTheNextOneDecoded() {
        useDecoder(new SipFrameDecoder(1024));
        String oversized = "MESSAGE sip:101@127.0.0.1 SIP/2.0\r\nContent-Length: 2000\r\n\r\n" + "x".repeat(2000);
        String next = options(3);
        byte[] bytes = (oversized + next).getBytes(StandardCharsets.US_ASCII);

        TooLongSipMessageException e = assertThrows(TooLongSipMessageException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 1500)));
        assertTrue(e.getMessage().contains("exceeds the limit of 1024 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("Content-Length 2000)"), e.getMessage());
        assertTrue(e.getMessage().contains("MESSAGE sip:101@127.0.0.1 SIP/2.0"), e.getMessage());
        assertEquals("MESSAGE sip:101@127.0.0.1 SIP/2.0\r\nContent-Length: 2000\r\n\r\n",
                new String(e.headerSection().orElseThrow(), StandardCharsets.US_ASCII), "the header section, to answer 513");
        assertNull(channel.readInbound());

        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 1500, bytes.length - 1500));
        assertEquals(next, readFrame());
        assertNull(channel.readInbound());
    }

    @Test
    void headerSectionOverTheLimitLosesTheStream() {
        useDecoder(new SipFrameDecoder(1024));
        String endless = "MESSAGE sip:101@127.0.0.1 SIP/2.0\r\n" + "X-Filler: 0123456789\r\n".repeat(60);

        TooLongSipMessageException e = assertThrows(TooLongSipMessageException.class,
                () -> channel.writeInbound(buffer(endless)));
        assertTrue(e.getMessage().contains("header section exceeds the limit of 1024 bytes"), e.getMessage());
        assertTrue(e.headerSection().isEmpty(), "no complete header section to answer");

        channel.writeInbound(buffer("\r\n" + options(4)));
        assertNull(channel.readInbound(), "framing is lost: later bytes are discarded");
    }

    @Test
    void missingContentLengthIsAFramingError() {
        SipFramingException e = assertThrows(SipFramingException.class,
                () -> channel.writeInbound(buffer("OPTIONS sip:127.0.0.1 SIP/2.0\r\nCall-ID: a\r\n\r\n")));

        assertEquals(SipFramingException.class, e.getClass());
        assertTrue(e.getMessage().contains("missing Content-Length"), e.getMessage());
        assertTrue(e.getMessage().contains("OPTIONS sip:127.0.0.1 SIP/2.0"), e.getMessage());

        channel.writeInbound(buffer(options(5)));
        assertNull(channel.readInbound(), "framing is lost: later bytes are discarded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "+5", "5 5", "12345678901", ""})
    void invalidContentLengthIsAFramingErrorNamingTheLine(String value) {
        SipFramingException e = assertThrows(SipFramingException.class, () -> channel.writeInbound(
                buffer("OPTIONS sip:127.0.0.1 SIP/2.0\r\nCall-ID: a\r\nContent-Length: " + value + "\r\n\r\n")));

        assertTrue(e.getMessage().startsWith("line 3: invalid Content-Length '" + value + "'"), e.getMessage());
    }

    @Test
    void conflictingContentLengthsAreAFramingError() {
        SipFramingException e = assertThrows(SipFramingException.class, () -> channel.writeInbound(
                buffer("OPTIONS sip:127.0.0.1 SIP/2.0\r\nContent-Length: 5\r\nl: 6\r\n\r\nhello!")));

        assertTrue(e.getMessage().contains("line 3: Content-Length 6 conflicts with the earlier Content-Length 5"),
                e.getMessage());
    }

    @Test
    void connectionClosedInTheMiddleOfAMessage() {
        EmbeddedChannel closing = new EmbeddedChannel(new SipFrameDecoder());
        closing.writeInbound(buffer(withBody(6).substring(0, 80)));

        SipFramingException e = assertThrows(SipFramingException.class, closing::finish);
        assertTrue(e.getMessage().contains("connection closed in the middle of SIP message 'MESSAGE sip:101@"),
                e.getMessage());
        assertNull(closing.readInbound());
    }

    @Test
    void rejectsANonPositiveLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SipFrameDecoder(0));
        assertEquals("maxMessageSize must be positive, was 0", e.getMessage());
    }

    private void useDecoder(SipFrameDecoder decoder) {
        assertFalse(channel.finish());
        channel = new EmbeddedChannel(decoder);
    }

    /** The real INVITE from the trace, header lines re-ended with {@code eol}, SDP body untouched. */
    private static byte[] traceInviteWithLineEnding(String eol) {
        String invite = AsteriskTrace.text(AsteriskTrace.INVITE);
        int end = invite.indexOf("\r\n\r\n");
        String headers = String.join(eol, invite.substring(0, end).split("\r\n"));
        String body = invite.substring(end + 4);
        assertEquals(401, body.length(), "the trace's INVITE has a 401-byte SDP body");
        return (headers + eol + eol + body).getBytes(StandardCharsets.UTF_8);
    }

    private static int[] cutPoints(byte[] message, String eol, Split split) {
        String text = text(message);
        int headerEnd = text.indexOf(eol + eol) + 2 * eol.length();
        return switch (split) {
            case WHOLE -> new int[0];
            case BYTE_BY_BYTE -> IntStream.range(1, message.length).toArray();
            case MID_HEADER -> new int[] {
                text.indexOf(eol) + 1,                  // inside the first line end (between CR and LF)
                text.indexOf("Via:") + 10,              // inside a header value
                text.indexOf("Content-Length") + 10,    // inside the Content-Length name
                text.indexOf("Content-Length") + 17,    // inside the Content-Length value
                headerEnd - 1                           // inside the empty line
            };
            case MID_BODY -> new int[] {headerEnd, headerEnd + 100, message.length - 1};
        };
    }

    private static List<byte[]> cut(byte[] message, int[] points) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int point : points) {
            pieces.add(Arrays.copyOfRange(message, from, point));
            from = point;
        }
        pieces.add(Arrays.copyOfRange(message, from, message.length));
        return pieces;
    }

    private String readFrame() {
        Object frame = channel.readInbound();
        ByteBuf buf = assertInstanceOf(ByteBuf.class, frame, "expected a framed message");
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private static String options(int n) {
        return "OPTIONS sip:127.0.0.1:5161 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:15061;branch=z9hG4bK" + n
                + "\r\nCall-ID: call-" + n + "\r\nCSeq: " + n + " OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private static String withBody(int n) {
        return "MESSAGE sip:101@127.0.0.1:5161 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:15061;branch=z9hG4bK" + n
                + "\r\nCall-ID: call-" + n + "\r\nContent-Type: application/sdp\r\nContent-Length: " + BODY.length()
                + "\r\n\r\n" + BODY;
    }

    private static ByteBuf buffer(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The framer refuses a first line holding control bytes: garbage, not SIP (issue 11). */
class SipStartLineCheckTest {

    @Test
    void randomBytesAreRefusedAtTheirFirstLineNotAfterSixtyFourKilobytes() {
        EmbeddedChannel channel = new EmbeddedChannel(new SipFrameDecoder());
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[100] = '\n';
        SipFramingException e = assertThrows(SipFramingException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(garbage)));
        assertTrue(e.getMessage().startsWith("not a SIP start line: control byte 0x"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == 0xFFFD),
                "the garbage is quoted printable: " + e.getMessage());
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS sip:pbx.sip.test SIP/3.0", "OPTIONS sip:pbx.sip.test HTTP/1.1", "OPTIONS\tsip:x SIP/2.0"})
    void aTextualStartLineIsFramedForTheCodecToJudge(String startLine) {
        EmbeddedChannel channel = new EmbeddedChannel(new SipFrameDecoder());
        String message = startLine + "\r\nContent-Length: 0\r\n\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(message, StandardCharsets.US_ASCII));
        ByteBuf framed = channel.readInbound();
        assertEquals(message, framed.toString(StandardCharsets.US_ASCII));
        framed.release();
        channel.finishAndReleaseAll();
    }
}

package io.sipshield.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipFramingException;
import io.sipshield.emulator.sip.SipMessageCodec;
import io.sipshield.emulator.sip.SipParseException;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.emulator.srtp.SrtpMki;
import io.sipshield.emulator.srtp.SrtpResult;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sip.message.Message;

/**
 * Fuzz targets for the emulator's parsers of untrusted input (issue 11, docs/fuzzing.md).
 *
 * <p>Under plain {@code mvn test} each target runs once per file of its committed seed corpus in
 * {@code src/test/resources/io/sipshield/emulator/ParserFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes the one selected target. A declared parse error
 * ({@link SipFramingException}, {@link SipParseException}, {@link SdpParseException}, an SRTP status
 * other than OK) is a pass; any other exception, a hang or a broken invariant is a finding.
 */
class ParserFuzzTest {

    /** Small, so that the fuzzer reaches the size limit quickly. */
    private static final int MAX_MESSAGE = 600;

    /** A fixed, made-up master key: its bytes are 0, 1, 2, ... Never a real key. */
    private static byte[] fixedKey(SrtpCryptoSuite suite) {
        byte[] keyAndSalt = new byte[suite.keyAndSaltLength()];
        for (int i = 0; i < keyAndSalt.length; i++) {
            keyAndSalt[i] = (byte) i;
        }
        return keyAndSalt;
    }

    /**
     * A TCP/TLS byte stream through {@link SipFrameDecoder}: fed whole and fed in chunks (the first
     * byte chooses the chunk size), both must cut the same messages, each at most the limit, and every
     * error must be a {@link SipFramingException}.
     */
    @FuzzTest(maxDuration = "60s")
    void sipFraming(byte[] stream) {
        if (stream.length == 0) {
            return;
        }
        int chunk = (stream[0] & 0x3F) + 1;
        List<String> whole = frames(stream, stream.length);
        List<String> chunked = frames(stream, chunk);
        assertEquals(whole, chunked, "framing depends on how the stream is cut into reads (chunk " + chunk + ")");
    }

    private static List<String> frames(byte[] stream, int chunk) {
        ErrorSink errors = new ErrorSink();
        EmbeddedChannel channel = new EmbeddedChannel(new SipFrameDecoder(MAX_MESSAGE), errors);
        List<String> frames = new ArrayList<>();
        for (int at = 0; at < stream.length; at += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(chunk, stream.length - at)));
            collect(channel, frames);
        }
        channel.finish(); // decodeLast: a message cut short is a SipFramingException
        collect(channel, frames);
        channel.finishAndReleaseAll();
        errors.rethrowUnexpected();
        return frames;
    }

    /**
     * Takes the decoder's errors at the end of the pipeline: a {@link SipFramingException} is declared
     * (after it the decoder discards the rest of the stream itself, so feeding goes on); anything else,
     * such as a DecoderException wrapping a bug, is kept and fails the target.
     */
    private static final class ErrorSink extends ChannelInboundHandlerAdapter {
        private Throwable unexpected;

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof SipFramingException) && unexpected == null) {
                unexpected = cause;
            }
        }

        void rethrowUnexpected() {
            if (unexpected != null) {
                throw new AssertionError("undeclared exception from SipFrameDecoder", unexpected);
            }
        }
    }

    private static void collect(EmbeddedChannel channel, List<String> frames) {
        for (Object out; (out = channel.readInbound()) != null; ) {
            if (out instanceof ByteBuf frame) {
                assertTrue(frame.readableBytes() <= MAX_MESSAGE, "frame of " + frame.readableBytes() + " bytes");
                frames.add(ByteBufUtil.hexDump(frame));
            }
            ReferenceCountUtil.release(out);
        }
    }

    /**
     * One framed message through {@link SipMessageCodec}: a parsed message must encode again; every
     * rejection must be a {@link SipParseException}.
     */
    @FuzzTest(maxDuration = "60s")
    void sipMessage(byte[] frame) {
        EmbeddedChannel channel = new EmbeddedChannel(new SipMessageCodec());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(frame));
        } catch (SipParseException e) {
            channel.finishAndReleaseAll();
            return;
        }
        Message message = channel.readInbound();
        if (message != null) {
            assertTrue(channel.writeOutbound(message));
            ByteBuf encoded = channel.readOutbound();
            assertTrue(encoded.readableBytes() > 0);
            encoded.release();
        }
        channel.finishAndReleaseAll();
    }

    /** SDP bodies: {@link SdpParseException} or a description whose audio section can be asked for. */
    @FuzzTest(maxDuration = "60s")
    void sdp(byte[] body) {
        try {
            SessionDescription description = SessionDescription.parse(new String(body, StandardCharsets.UTF_8));
            description.audio();
        } catch (SdpParseException expected) {
            // declared
        }
    }

    /**
     * {@code a=crypto} values (RFC 4568 §9.1), by both parsers: a parsed attribute must print and parse
     * back to an equal value.
     */
    @FuzzTest(maxDuration = "60s")
    void crypto(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        CryptoAttribute parsed;
        try {
            parsed = CryptoAttribute.parse(text);
        } catch (SdpParseException expected) {
            parsed = null;
        }
        if (parsed != null) {
            assertEquals(parsed.toSdpValue(), CryptoAttribute.parse(parsed.toSdpValue()).toSdpValue());
        }
        try {
            CryptoAttribute.parseKeying(text);
        } catch (SdpParseException expected) {
            // declared
        }
    }

    /**
     * SRTP with a fixed key, for a counter-mode suite, a GCM suite and one with an MKI. The input is
     * unprotected as it is (any status, never an exception); and when it is an RTP packet, its
     * protected form must unprotect back to it, and with one bit flipped must not be OK.
     */
    @FuzzTest(maxDuration = "60s")
    void srtp(byte[] packet) {
        for (SrtpCryptoSuite suite : List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, SrtpCryptoSuite.AEAD_AES_128_GCM)) {
            SrtpMasterKey key = SrtpMasterKey.of(suite, fixedKey(suite));
            SrtpContext plain = SrtpContext.create(suite, key);
            SrtpContext withMki = SrtpContext.builder().suite(suite).masterKey(key, SrtpMki.of(7, 2)).build();
            for (SrtpContext context : List.of(plain, withMki)) {
                SrtpResult raw = context.unprotect(packet);
                if (raw.isOk()) {
                    assertEquals(packet.length - context.overhead(), raw.rtpPacket().length);
                }
            }
            SrtpContext sender = SrtpContext.create(suite, key);
            byte[] protectedPacket;
            try {
                protectedPacket = sender.protect(packet);
            } catch (IllegalArgumentException notRtp) {
                continue;
            }
            SrtpContext receiver = SrtpContext.create(suite, key);
            byte[] tampered = protectedPacket.clone();
            int bit = packet.length == 0 ? 0 : (packet[packet.length - 1] & 0xFF) % (tampered.length * 8);
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            SrtpStatus tamperedStatus = receiver.unprotect(tampered).status();
            assertTrue(tamperedStatus != SrtpStatus.OK, "a flipped bit " + bit + " was accepted");
            SrtpResult back = receiver.unprotect(protectedPacket);
            assertEquals(SrtpStatus.OK, back.status(), suite + " round trip");
            assertArrayEquals(packet, back.rtpPacket());
        }
    }

    /** SRTCP with a fixed key, as {@link #srtp}: unprotect never throws; protect then unprotect is the identity. */
    @FuzzTest(maxDuration = "60s")
    void srtcp(byte[] packet) {
        for (SrtpCryptoSuite suite : List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, SrtpCryptoSuite.AEAD_AES_128_GCM)) {
            SrtpMasterKey key = SrtpMasterKey.of(suite, fixedKey(suite));
            SrtpResult raw = SrtcpContext.create(suite, key).unprotect(packet);
            SrtcpContext receiver = SrtcpContext.create(suite, key);
            if (raw.isOk()) {
                assertEquals(packet.length - receiver.overhead(), raw.rtpPacket().length);
            }
            byte[] protectedPacket;
            try {
                protectedPacket = SrtcpContext.create(suite, key).protect(packet);
            } catch (IllegalArgumentException notRtcp) {
                continue;
            }
            SrtpResult back = receiver.unprotect(protectedPacket);
            assertEquals(SrtpStatus.OK, back.status(), suite + " round trip of " + Arrays.toString(packet));
            assertArrayEquals(packet, back.rtpPacket());
        }
    }
}

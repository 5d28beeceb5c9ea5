package io.sipshield.harness.mock.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sipshield.emulator.fault.CloseConnection;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.fault.Stall;
import io.sipshield.emulator.sip.SipMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** The fault handlers alone, on an {@link EmbeddedChannel}. */
class FaultHandlersTest {

    private final SipMessages messages = new SipMessages();

    private Request register() {
        return messages.request(Request.REGISTER, "sip:pbx.sip.test")
                .from("sip:101@pbx.sip.test", "t1").to("sip:101@pbx.sip.test").callId("c1").cseq(1)
                .via("127.0.0.1", 5060, "TLS").branch("z9hG4bK-1").contact("sip:101@127.0.0.1:5060;transport=tls")
                .build();
    }

    @Test
    void theRecordShaperCutsAWriteIntoSlicesEachFlushed() {
        EmbeddedChannel channel = new EmbeddedChannel(new RecordShaper(3));
        channel.writeAndFlush(Unpooled.copiedBuffer("REGISTER", StandardCharsets.US_ASCII));
        List<String> slices = new java.util.ArrayList<>();
        for (ByteBuf slice; (slice = channel.readOutbound()) != null; ) {
            slices.add(slice.toString(StandardCharsets.US_ASCII));
            slice.release();
        }
        assertEquals(List.of("REG", "IST", "ER"), slices);
        assertFalse(channel.finish());
    }

    @Test
    void aShortWritePassesUnchanged() {
        EmbeddedChannel channel = new EmbeddedChannel(new RecordShaper(16));
        ByteBuf small = Unpooled.copiedBuffer("OK", StandardCharsets.US_ASCII);
        channel.writeAndFlush(small);
        ByteBuf out = channel.readOutbound();
        assertSame(small, out);
        out.release();
        assertFalse(channel.finish());
    }

    private static EmbeddedChannel moments(ServerFault... faults) {
        return new EmbeddedChannel(new ConnectionFaultHandler(new ServerFaults(List.of(faults))));
    }

    @Test
    void aCloseOnRegisterDropsTheRequestAndClosesOnce() {
        ServerFaults faults = new ServerFaults(List.of(CloseConnection.at(FaultMoment.ON_REGISTER)));
        EmbeddedChannel first = new EmbeddedChannel(new ConnectionFaultHandler(faults));
        first.writeInbound(register());
        assertNull(first.readInbound(), "the REGISTER never reaches the PBX");
        assertFalse(first.isOpen());
        EmbeddedChannel second = new EmbeddedChannel(new ConnectionFaultHandler(faults));
        Request again = register();
        second.writeInbound(again);
        assertSame(again, second.readInbound(), "times: 1, so the second connection is left alone");
        assertTrue(second.isOpen());
        assertEquals(1, faults.journal().entries(CloseConnection.NAME).size());
        assertFalse(second.finish());
    }

    @Test
    void aStallLetsRequestsInAndNothingOut() {
        EmbeddedChannel channel = moments(new Stall(FaultMoment.ON_REGISTER, Duration.ZERO));
        Request register = register();
        channel.writeInbound(register);
        assertSame(register, channel.readInbound());
        channel.writeAndFlush(messages.response(401, register));
        assertNull(channel.readOutbound(), "the 401 was swallowed");
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
    }

    @Test
    void withoutItsMomentAFaultDoesNothing() {
        EmbeddedChannel channel = moments(new Stall(FaultMoment.ON_INVITE, Duration.ZERO),
                CloseConnection.at(FaultMoment.IN_CALL));
        Request register = register();
        channel.writeInbound(register);
        assertSame(register, channel.readInbound());
        Response ok = messages.response(200, register);
        channel.writeAndFlush(ok);
        assertSame(ok, channel.readOutbound());
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
    }
}

package io.sipshield.emulator.media.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.rtp.RtpPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handler on a channel: datagrams in, impaired datagrams on, held ones let out when the stream pauses. */
class MediaImpairmentHandlerTest {

    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress TO = new InetSocketAddress("127.0.0.1", 40002);

    private static DatagramPacket datagram(int sequence) {
        byte[] rtp = new RtpPacket(0, false, sequence, sequence * 160L, 1, new byte[] {1, 2, 3}).encode();
        return new DatagramPacket(Unpooled.wrappedBuffer(rtp), TO, FROM);
    }

    private static int sequence(DatagramPacket datagram) {
        byte[] bytes = new byte[datagram.content().readableBytes()];
        datagram.content().readBytes(bytes);
        datagram.release();
        return RtpPacket.decode(bytes).sequenceNumber();
    }

    @Test
    void aHeldPacketIsLetOutWhenTheStreamPauses() {
        // every packet but the first is held (100 %), each until one later packet has passed (depth 1)
        MediaImpairmentHandler handler = new MediaImpairmentHandler(
                new PacketImpairment(MediaFaults.of(new Reorder(100, 1, 3))), Duration.ofMillis(100));
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        channel.writeInbound(datagram(0), datagram(1));
        assertEquals(0, sequence(channel.readInbound()));
        assertNull(channel.readInbound(), "packet 1 is held: nothing after it has been delivered yet");
        assertEquals(1, handler.tally().inFlight());

        channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        DatagramPacket late = channel.readInbound();
        assertEquals(1, sequence(late));
        assertEquals(FROM, late.sender(), "delivered as sent by the peer");
        assertEquals(0, handler.tally().inFlight());
        channel.finishAndReleaseAll();
    }

    @Test
    void aPauseMustBePositive() {
        PacketImpairment impairment = new PacketImpairment(MediaFaults.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MediaImpairmentHandler(impairment, Duration.ZERO));
        assertEquals("flushAfter: expected a positive pause, got PT0S", e.getMessage());
    }
}

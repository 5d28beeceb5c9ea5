package io.sipshield.emulator.media;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * The sink of an echo call: every decrypted packet that comes back must carry a payload the
 * phone sent and has not yet seen back (an echo re-packetizes, so sequence numbers, timestamps
 * and SSRC are the echoer's own; the payload is what must survive). Counts everything into
 * {@link MediaStats}. Confined to the channel's event loop.
 */
public final class EchoVerifier extends SimpleChannelInboundHandler<RtpPacket> {

    private final Deque<byte[]> outstanding = new ArrayDeque<>();
    private long sent;
    private long received;
    private long verified;
    private long mismatched;
    private long authFailures;
    private long replays;
    private long malformed;

    /** Records a payload the phone is sending. */
    public void sent(byte[] payload) {
        sent++;
        outstanding.addLast(payload);
    }

    /** Records the outcome of unprotecting one received datagram. */
    public void unprotected(SrtpStatus status) {
        received++;
        switch (status) {
            case OK -> { }
            case AUTH_FAIL -> authFailures++;
            case REPLAY, TOO_OLD -> replays++;
            case MALFORMED -> malformed++;
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtpPacket packet) {
        Iterator<byte[]> pending = outstanding.iterator();
        while (pending.hasNext()) {
            if (Arrays.equals(pending.next(), packet.payload())) {
                pending.remove();
                verified++;
                return;
            }
        }
        mismatched++;
    }

    public MediaStats stats() {
        return new MediaStats(sent, received, verified, mismatched, authFailures, replays, malformed);
    }
}

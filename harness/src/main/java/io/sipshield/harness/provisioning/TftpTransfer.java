package io.sipshield.harness.provisioning;

import io.sipshield.emulator.tftp.TftpPackets;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One TFTP read transfer (RFC 1350 §2 and §4), on its own UDP socket (the server's transfer ID)
 * and the shared event loop, one block in flight:
 * <ul>
 *   <li>an OACK first when the request's options were accepted (RFC 2347), acknowledged as block 0;</li>
 *   <li>DATA blocks of the block size, numbered from 1; a block shorter than the block size ends
 *       the transfer, so a file of an exact multiple ends with an empty block;</li>
 *   <li>the packet in flight is sent again when no ACK comes within the timeout, up to the retry
 *       limit, then the transfer is given up ({@link ProvisioningRequest.Status#INCOMPLETE});</li>
 *   <li>an ACK of an earlier block is ignored: resending on duplicate ACKs is the "Sorcerer's
 *       Apprentice" bug (RFC 1123 §4.2.3.1);</li>
 *   <li>a packet from another address or port gets ERROR 5 and does not disturb the transfer (§4);</li>
 *   <li>an ERROR from the client ends the transfer; anything else gets ERROR 4 and ends it.</li>
 * </ul>
 * Block numbers past 65535 wrap to 0, as tftp-hpa's in.tftpd does (RFC 1350 does not say).
 */
final class TftpTransfer extends SimpleChannelInboundHandler<DatagramPacket> {

    /** What the transfer came to, reported once. */
    record Result(ProvisioningRequest.Status status, int errorSent, long bytesAcknowledged, String detail) {
    }

    private final InetSocketAddress client;
    private final TftpSource source;
    private final int blockSize;
    private final Map<String, String> acceptedOptions;
    private final Duration timeout;
    private final int retries;
    private final Consumer<Result> onEnd;

    private Channel channel;
    /** The block in flight, counted from 1 without wrapping; 0 while the OACK is in flight. */
    private long block;
    private int inFlightLength;
    private ByteBuf inFlight;
    private int triesLeft;
    private long timer;
    private long acknowledged;
    private int retransmissions;
    private boolean done;

    /**
     * @param acceptedOptions the options to acknowledge in an OACK first; empty to start with block 1
     */
    TftpTransfer(InetSocketAddress client, TftpSource source, int blockSize, Map<String, String> acceptedOptions,
                 Duration timeout, int retries, Consumer<Result> onEnd) {
        this.client = client;
        this.source = source;
        this.blockSize = blockSize;
        this.acceptedOptions = new LinkedHashMap<>(acceptedOptions);
        this.timeout = timeout;
        this.retries = retries;
        this.onEnd = onEnd;
    }

    /** Sends the first packet; call on the channel's event loop once it is bound. */
    void start(Channel bound) {
        this.channel = bound;
        if (!acceptedOptions.isEmpty()) {
            block = 0;
            inFlightLength = -1;
            send(TftpPackets.optionAcknowledgement(acceptedOptions));
        } else {
            sendBlock(1);
        }
    }

    private void sendBlock(long number) {
        ByteBuf content;
        try {
            content = source.read((number - 1) * blockSize, blockSize);
        } catch (IOException e) {
            channel.writeAndFlush(new DatagramPacket(TftpPackets.error(TftpPackets.ERROR_NOT_DEFINED,
                    "read error"), client));
            end(ProvisioningRequest.Status.INCOMPLETE, TftpPackets.ERROR_NOT_DEFINED, "cannot read block " + number
                    + ": " + e.getMessage());
            return;
        }
        block = number;
        inFlightLength = content.readableBytes();
        send(TftpPackets.data((int) number, content));
    }

    private void send(ByteBuf packet) {
        if (inFlight != null) {
            inFlight.release();
        }
        inFlight = packet;
        triesLeft = retries;
        transmit();
    }

    private void transmit() {
        channel.writeAndFlush(new DatagramPacket(inFlight.retainedDuplicate(), client));
        long armed = ++timer;
        channel.eventLoop().schedule(() -> onTimeout(armed), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onTimeout(long armed) {
        if (armed != timer || done) {
            return;
        }
        if (triesLeft-- > 0) {
            retransmissions++;
            transmit();
            return;
        }
        end(ProvisioningRequest.Status.INCOMPLETE, 0, "no ACK for " + (block == 0 ? "the OACK" : "block " + block)
                + " after " + (retries + 1) + " tries of " + timeout.toMillis() + " ms");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
        if (done) {
            return;
        }
        if (!packet.sender().equals(client)) {
            context.writeAndFlush(new DatagramPacket(TftpPackets.error(TftpPackets.ERROR_UNKNOWN_TRANSFER_ID,
                    "Unknown transfer ID"), packet.sender()));
            return;
        }
        ByteBuf content = packet.content();
        if (content.readableBytes() < 4) {
            illegal("a " + content.readableBytes() + "-byte packet");
            return;
        }
        int opcode = content.readUnsignedShort();
        int number = content.readUnsignedShort();
        switch (opcode) {
            case TftpPackets.ACK -> onAck(number);
            case TftpPackets.ERROR -> end(ProvisioningRequest.Status.INCOMPLETE, 0,
                    "the client sent error " + number + ": " + TftpPackets.text(content));
            default -> illegal("opcode " + opcode + " where an ACK was expected");
        }
    }

    private void onAck(int number) {
        if (number != (block & 0xFFFF)) {
            return; // a duplicate of an earlier ACK, or one from the future: no resend (RFC 1123 §4.2.3.1)
        }
        if (block > 0) {
            acknowledged += inFlightLength;
            if (inFlightLength < blockSize) {
                end(ProvisioningRequest.Status.SERVED, 0, block + " block(s) of " + blockSize
                        + (retransmissions > 0 ? ", " + retransmissions + " retransmission(s)" : ""));
                return;
            }
        }
        sendBlock(block + 1);
    }

    private void illegal(String what) {
        channel.writeAndFlush(new DatagramPacket(TftpPackets.error(TftpPackets.ERROR_ILLEGAL_OPERATION,
                "Illegal TFTP operation"), client));
        end(ProvisioningRequest.Status.INCOMPLETE, TftpPackets.ERROR_ILLEGAL_OPERATION, what);
    }

    private void end(ProvisioningRequest.Status status, int errorSent, String detail) {
        if (done) {
            return;
        }
        done = true;
        timer++;
        if (inFlight != null) {
            inFlight.release();
            inFlight = null;
        }
        source.close();
        channel.close();
        onEnd.accept(new Result(status, errorSent, acknowledged, detail));
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        // the server closed under the transfer (shutdown)
        end(ProvisioningRequest.Status.INCOMPLETE, 0, "the server stopped");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        end(ProvisioningRequest.Status.INCOMPLETE, 0, "UDP error: " + cause.getMessage());
    }
}

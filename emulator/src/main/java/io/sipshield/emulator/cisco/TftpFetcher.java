package io.sipshield.emulator.cisco;

import io.sipshield.emulator.net.ChannelTypes;
import io.sipshield.emulator.tftp.TftpPackets;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TFTP read (RFC 1350) on the shared event loop: RRQ in octet mode to the server's port, then
 * DATA blocks of 512 bytes from the server's transfer ID, each acknowledged; a block shorter than
 * 512 ends the transfer. The last packet sent is retransmitted when nothing arrives within the
 * timeout (§2), up to the retry limit; a duplicate DATA is acknowledged again (§2), a packet from
 * another transfer ID gets ERROR 5 and is otherwise ignored (§4), an ERROR ends the transfer
 * (error 1 = not found).
 */
final class TftpFetcher {

    private final EventLoopGroup group;
    private final Duration timeout;
    private final int retries;

    TftpFetcher(EventLoopGroup group, Duration timeout, int retries) {
        this.group = Objects.requireNonNull(group, "group");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (retries < 0) {
            throw new IllegalArgumentException("tftp retries: expected 0 or more, got " + retries);
        }
        this.retries = retries;
    }

    CompletableFuture<FetchResult> get(InetSocketAddress server, String file) {
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        Transfer transfer = new Transfer(server, file, result);
        ChannelFuture binding = new Bootstrap().group(group).channel(ChannelTypes.datagram(group)).handler(transfer)
                .bind(new InetSocketAddress(0));
        binding.addListener(done -> {
            if (!done.isSuccess()) {
                result.complete(FetchResult.failed(file, ProvisioningTransport.TFTP, FetchResult.Status.UNREACHABLE,
                        "cannot open a UDP socket: " + done.cause().getMessage()));
                return;
            }
            transfer.start(binding.channel());
        });
        result.whenComplete((r, e) -> binding.channel().close());
        return result;
    }

    /** One transfer's state; touched only on its channel's event loop. */
    private final class Transfer extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress server;
        private final String file;
        private final CompletableFuture<FetchResult> result;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Channel channel;
        private InetSocketAddress transferId;
        private int expectedBlock = 1;
        private ByteBuf lastSent;
        private InetSocketAddress lastSentTo;
        private int triesLeft;
        private long generation;

        Transfer(InetSocketAddress server, String file, CompletableFuture<FetchResult> result) {
            this.server = server;
            this.file = file;
            this.result = result;
        }

        void start(Channel bound) {
            this.channel = bound;
            bound.eventLoop().execute(() -> send(TftpPackets.readRequest(file), server));
        }

        private void send(ByteBuf packet, InetSocketAddress to) {
            if (lastSent != null) {
                lastSent.release();
            }
            lastSent = packet;
            lastSentTo = to;
            triesLeft = retries;
            transmit();
        }

        private void transmit() {
            channel.writeAndFlush(new DatagramPacket(lastSent.retainedDuplicate(), lastSentTo));
            long armed = ++generation;
            channel.eventLoop().schedule(() -> onTimeout(armed), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void onTimeout(long armed) {
            if (armed != generation || result.isDone()) {
                return;
            }
            if (triesLeft-- > 0) {
                transmit();
                return;
            }
            finish(FetchResult.failed(file, ProvisioningTransport.TFTP, FetchResult.Status.UNREACHABLE,
                    "no answer from " + (transferId != null ? transferId : server) + " after " + (retries + 1)
                            + " tries of " + timeout.toMillis() + " ms (block " + expectedBlock + ")"));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            if (result.isDone()) {
                return;
            }
            InetSocketAddress sender = packet.sender();
            if (transferId == null && sender.getAddress().equals(server.getAddress())) {
                transferId = sender;
            }
            if (!sender.equals(transferId)) {
                context.writeAndFlush(new DatagramPacket(TftpPackets.error(TftpPackets.ERROR_UNKNOWN_TRANSFER_ID,
                        "Unknown transfer ID"), sender));
                return;
            }
            ByteBuf content = packet.content();
            if (content.readableBytes() < 4) {
                fail("a " + content.readableBytes() + "-byte packet, shorter than any TFTP packet");
                return;
            }
            int opcode = content.readUnsignedShort();
            int number = content.readUnsignedShort();
            switch (opcode) {
                case TftpPackets.DATA -> onData(number, content);
                case TftpPackets.ERROR -> {
                    String message = TftpPackets.text(content);
                    finish(FetchResult.failed(file, ProvisioningTransport.TFTP, number == TftpPackets.ERROR_FILE_NOT_FOUND
                            ? FetchResult.Status.NOT_FOUND : FetchResult.Status.ERROR,
                            "TFTP error " + number + " (" + TftpPackets.describeError(number) + "): " + message));
                }
                default -> fail("opcode " + opcode + " where DATA or ERROR was expected");
            }
        }

        private void onData(int block, ByteBuf content) {
            if (block == expectedBlock) {
                int length = content.readableBytes();
                byte[] data = new byte[length];
                content.readBytes(data);
                received.writeBytes(data);
                if (length < TftpPackets.DEFAULT_BLOCK_SIZE) {
                    channel.writeAndFlush(new DatagramPacket(TftpPackets.ack(block), transferId));
                    finish(FetchResult.ok(file, ProvisioningTransport.TFTP, received.toByteArray(),
                            "TFTP " + block + " block(s) from " + transferId));
                    return;
                }
                send(TftpPackets.ack(block), transferId);
                expectedBlock = (expectedBlock + 1) & 0xFFFF;
            } else if (block == ((expectedBlock - 1) & 0xFFFF)) {
                channel.writeAndFlush(new DatagramPacket(TftpPackets.ack(block), transferId));   // our ACK was lost
            }
        }

        private void fail(String problem) {
            channel.writeAndFlush(new DatagramPacket(TftpPackets.error(TftpPackets.ERROR_ILLEGAL_OPERATION, problem), transferId));
            finish(FetchResult.failed(file, ProvisioningTransport.TFTP, FetchResult.Status.ERROR, "TFTP protocol error: " + problem));
        }

        private void finish(FetchResult outcome) {
            generation++;
            if (lastSent != null) {
                lastSent.release();
                lastSent = null;
            }
            result.complete(outcome);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            finish(FetchResult.failed(file, ProvisioningTransport.TFTP, FetchResult.Status.UNREACHABLE,
                    "UDP error: " + cause.getMessage()));
        }
    }
}

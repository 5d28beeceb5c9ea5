package io.sipshield.harness.provisioning;

import io.sipshield.emulator.tftp.TftpPackets;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.DatagramPacket;
import io.sipshield.emulator.net.ChannelTypes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TFTP server's well-known port: reads RRQ and WRQ (RFC 1350 §4) and starts a
 * {@link TftpTransfer} on a fresh UDP port (the server's transfer ID) for each read it grants.
 * Refusals are an ERROR packet from the well-known port, recorded like any request:
 * <ul>
 *   <li>no such file: error 1 ("File not found");</li>
 *   <li>a name leaving the directory ({@code ../}), a directory, a control character: error 2
 *       ("Access violation");</li>
 *   <li>WRQ (the directory is read-only), mode {@code mail} or an unknown mode, a malformed request:
 *       error 4 ("Illegal TFTP operation").</li>
 * </ul>
 * Modes: {@code octet} as is, {@code netascii} converted ({@link TftpSource#netascii}). Options
 * (RFC 2347): {@code blksize} (RFC 2348, 8..65464, capped at the configured maximum) and
 * {@code tsize} (RFC 2349: the server puts the size) are acknowledged in an OACK; others are ignored,
 * as RFC 2347 lets a server do. DATA, ACK or OACK sent to the well-known port get error 4;
 * ERROR packets are never answered (RFC 1350 §7).
 */
final class TftpRequestHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    /** RFC 2348: the blksize range a client may ask for. */
    static final int MIN_BLOCK_SIZE = 8;
    static final int MAX_BLOCK_SIZE = 65464;

    private final ProvisioningDirectory directory;
    private final ProvisioningJournal journal;
    private final Clock clock;
    private final InetAddress bindAddress;
    private final Duration timeout;
    private final int retries;
    private final int maxBlockSize;
    private final ChannelGroup open;

    TftpRequestHandler(ProvisioningDirectory directory, ProvisioningJournal journal, Clock clock, InetAddress bindAddress,
                       Duration timeout, int retries, int maxBlockSize, ChannelGroup open) {
        this.directory = directory;
        this.journal = journal;
        this.clock = clock;
        this.bindAddress = bindAddress;
        this.timeout = timeout;
        this.retries = retries;
        this.maxBlockSize = maxBlockSize;
        this.open = open;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
        Instant at = clock.instant();
        InetSocketAddress client = packet.sender();
        ByteBuf content = packet.content();
        if (content.readableBytes() < 2) {
            return; // not even an opcode: nothing to answer to
        }
        int opcode = content.readUnsignedShort();
        if (opcode == TftpPackets.ERROR) {
            return;
        }
        if (opcode != TftpPackets.RRQ && opcode != TftpPackets.WRQ) {
            refuse(context, new Refusal(at, client, "opcode " + opcode, "", ProvisioningRequest.Status.BAD_REQUEST,
                    TftpPackets.ERROR_ILLEGAL_OPERATION, "Illegal TFTP operation",
                    "opcode " + opcode + " on the request port: only RRQ starts a transfer"));
            return;
        }
        String method = opcode == TftpPackets.RRQ ? "RRQ" : "WRQ";
        TftpPackets.Request request;
        try {
            request = TftpPackets.readRequest(opcode, content);
        } catch (TftpPackets.MalformedPacketException e) {
            refuse(context, new Refusal(at, client, method, "", ProvisioningRequest.Status.BAD_REQUEST,
                    TftpPackets.ERROR_ILLEGAL_OPERATION, "Illegal TFTP operation", "malformed " + method + ": " + e.getMessage()));
            return;
        }
        if (opcode == TftpPackets.WRQ) {
            refuse(context, new Refusal(at, client, method, request.filename(), ProvisioningRequest.Status.NOT_ALLOWED,
                    TftpPackets.ERROR_ILLEGAL_OPERATION, "Illegal TFTP operation: read-only server",
                    "write requests are refused: the directory is served read-only"));
            return;
        }
        boolean netascii = request.mode().equals("netascii");
        if (!netascii && !request.mode().equals("octet")) {
            refuse(context, new Refusal(at, client, method, request.filename(), ProvisioningRequest.Status.NOT_ALLOWED,
                    TftpPackets.ERROR_ILLEGAL_OPERATION, "Illegal TFTP operation: mode " + request.mode(),
                    "mode '" + request.mode() + "': only octet and netascii are served"));
            return;
        }
        ProvisioningDirectory.Lookup lookup = directory.find(request.filename());
        switch (lookup.kind()) {
            case FORBIDDEN -> refuse(context, new Refusal(at, client, method, request.filename(),
                    ProvisioningRequest.Status.FORBIDDEN, TftpPackets.ERROR_ACCESS_VIOLATION, "Access violation",
                    lookup.reason()));
            case NOT_FOUND -> refuse(context, new Refusal(at, client, method, request.filename(),
                    ProvisioningRequest.Status.NOT_FOUND, TftpPackets.ERROR_FILE_NOT_FOUND, "File not found",
                    lookup.reason()));
            case FOUND -> serve(context, at, client, request, lookup, netascii);
        }
    }

    private void serve(ChannelHandlerContext context, Instant at, InetSocketAddress client, TftpPackets.Request request,
                       ProvisioningDirectory.Lookup lookup, boolean netascii) {
        TftpSource source;
        try {
            source = netascii ? TftpSource.netascii(lookup.file()) : TftpSource.octet(lookup.file());
        } catch (IOException e) {
            refuse(context, new Refusal(at, client, "RRQ", request.filename(), ProvisioningRequest.Status.NOT_FOUND,
                    TftpPackets.ERROR_NOT_DEFINED, "Cannot read the file", "cannot read: " + e.getMessage()));
            return;
        }
        Map<String, String> accepted = new LinkedHashMap<>();
        int blockSize = TftpPackets.DEFAULT_BLOCK_SIZE;
        String asked = request.options().get("blksize");
        if (asked != null) {
            try {
                int wanted = Integer.parseInt(asked.trim());
                if (wanted >= MIN_BLOCK_SIZE && wanted <= MAX_BLOCK_SIZE) {
                    blockSize = Math.min(wanted, maxBlockSize);
                    accepted.put("blksize", Integer.toString(blockSize));
                }
            } catch (NumberFormatException e) {
                // RFC 2347: an option the server cannot honour is left out of the OACK
            }
        }
        if (request.options().containsKey("tsize")) {
            accepted.put("tsize", Long.toString(source.length()));
        }
        String mode = request.mode();
        String served = lookup.relative();
        int size = blockSize;
        TftpTransfer transfer = new TftpTransfer(client, source, blockSize,
                accepted, timeout, retries,
                result -> journal.record(new ProvisioningRequest(at, ProvisioningRequest.Transport.TFTP, client, "RRQ",
                        request.filename(), served, result.status(), result.errorSent(), result.bytesAcknowledged(),
                        mode + (size != TftpPackets.DEFAULT_BLOCK_SIZE ? ", blksize " + size : "") + ": " + result.detail())));
        EventLoopGroup loops = context.channel().eventLoop().parent();
        ChannelFuture bound = new Bootstrap().group(loops).channel(ChannelTypes.datagram(loops))
                .handler(transfer).bind(new InetSocketAddress(bindAddress, 0));
        bound.addListener(done -> {
            if (done.isSuccess()) {
                open.add(bound.channel());
                transfer.start(bound.channel());
            } else {
                source.close();
                refuse(context, new Refusal(at, client, "RRQ", request.filename(), ProvisioningRequest.Status.INCOMPLETE,
                        TftpPackets.ERROR_NOT_DEFINED, "Server cannot open a transfer port",
                        "cannot open a transfer port: " + done.cause().getMessage()));
            }
        });
    }

    private record Refusal(Instant at, InetSocketAddress client, String method, String path,
                           ProvisioningRequest.Status status, int code, String message, String detail) {
    }

    private void refuse(ChannelHandlerContext context, Refusal refusal) {
        context.writeAndFlush(new DatagramPacket(TftpPackets.error(refusal.code(), refusal.message()), refusal.client()));
        journal.record(new ProvisioningRequest(refusal.at(), ProvisioningRequest.Transport.TFTP, refusal.client(),
                refusal.method(), refusal.path(), "", refusal.status(), refusal.code(), 0, refusal.detail()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // an ICMP "port unreachable" surfacing on the socket: the server keeps listening
    }
}

package io.sipshield.emulator.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads the TLS records of a connection as they cross the wire, both ways, without changing them:
 * the alerts sent in the clear (RFC 5246 §6.2.1 record type 21 with its two bytes, level and
 * description: every alert before the handshake's keys are in use) and who sent each, and the
 * ClientHello (RFC 5246 §7.4.1.2). It sits below the {@code SslHandler}, nearer the socket, on the
 * phone (which side sent an alert is then known on both providers, whatever their error texts say)
 * and on the mock (what the phone offered, even when the handshake then fails).
 *
 * <p>An encrypted alert (after ChangeCipherSpec, or any TLS 1.3 alert after the ServerHello) is not
 * readable here; a direction stops being read at its first application_data record or a record
 * that is not TLS. The bytes are copied, never retained. One per channel, confined to its event loop;
 * the results may be read from any thread.
 */
public final class TlsRecordObserver extends ChannelDuplexHandler {

    private static final int HEADER = 5;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;
    private static final int HEARTBEAT = 24;
    /** How much of a direction is read at most: a handshake's plaintext part fits many times over. */
    private static final int MAX_OBSERVED = 256 * 1024;

    private final TlsAlert.Sender local;
    private final Direction inbound;
    private final Direction outbound;
    private final List<TlsAlert> alerts = new CopyOnWriteArrayList<>();
    private volatile TlsClientHello clientHello;
    private volatile String clientHelloProblem;

    /**
     * @param local which side this channel is: {@link TlsAlert.Sender#PHONE} on the phone,
     *              {@link TlsAlert.Sender#SERVER} on the mock
     */
    public TlsRecordObserver(TlsAlert.Sender local) {
        this.local = Objects.requireNonNull(local, "local");
        TlsAlert.Sender remote = local == TlsAlert.Sender.PHONE ? TlsAlert.Sender.SERVER : TlsAlert.Sender.PHONE;
        this.inbound = new Direction(remote);
        this.outbound = new Direction(local);
    }

    /** Every alert seen in the clear, in order, with its sender. */
    public List<TlsAlert> alerts() {
        return List.copyOf(alerts);
    }

    /** The first fatal alert seen, by either side. */
    public Optional<TlsAlert> firstFatalAlert() {
        return alerts.stream().filter(TlsAlert::fatal).findFirst();
    }

    /** The phone's ClientHello, once it was read whole and parsed. */
    public Optional<TlsClientHello> clientHello() {
        return Optional.ofNullable(clientHello);
    }

    /** Why the ClientHello could not be parsed, when it could not. */
    public Optional<String> clientHelloProblem() {
        return Optional.ofNullable(clientHelloProblem);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            inbound.observe(bytes);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            outbound.observe(bytes);
        }
        super.write(ctx, msg, promise);
    }

    /** One direction of the stream: its unparsed bytes and, from the phone, the ClientHello's fragments. */
    private final class Direction {
        private final TlsAlert.Sender sender;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        private int observed;
        private boolean done;

        Direction(TlsAlert.Sender sender) {
            this.sender = sender;
        }

        void observe(ByteBuf bytes) {
            if (done || !bytes.isReadable()) {
                return;
            }
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.getBytes(bytes.readerIndex(), copy);
            observed += copy.length;
            pending.writeBytes(copy);
            byte[] data = pending.toByteArray();
            int offset = 0;
            while (!done && data.length - offset >= HEADER) {
                int type = data[offset] & 0xFF;
                int major = data[offset + 1] & 0xFF;
                int length = ((data[offset + 3] & 0xFF) << 8) | (data[offset + 4] & 0xFF);
                if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT || major != 3) {
                    done = true; // not TLS records (an SSLv2 hello, or garbage): nothing more to read here
                    break;
                }
                if (data.length - offset - HEADER < length) {
                    break;
                }
                record(type, Arrays.copyOfRange(data, offset + HEADER, offset + HEADER + length));
                offset += HEADER + length;
            }
            pending.reset();
            if (done || observed > MAX_OBSERVED) {
                done = true;
                return;
            }
            pending.write(data, offset, data.length - offset);
        }

        private void record(int type, byte[] fragment) {
            if (type == ALERT && fragment.length == 2) {
                alerts.add(new TlsAlert(fragment[1] & 0xFF, TlsAlert.nameOf(fragment[1] & 0xFF),
                        (fragment[0] & 0xFF) == 2, sender));
            } else if (type == HANDSHAKE && sender == TlsAlert.Sender.PHONE && clientHello == null
                    && clientHelloProblem == null) {
                handshake.writeBytes(fragment);
                readClientHello();
            } else if (type == APPLICATION_DATA) {
                done = true;
            }
        }

        private void readClientHello() {
            byte[] messages = handshake.toByteArray();
            if (messages.length < 4) {
                return;
            }
            int length = ((messages[1] & 0xFF) << 16) | ((messages[2] & 0xFF) << 8) | (messages[3] & 0xFF);
            if (messages.length < 4 + length) {
                return;
            }
            try {
                clientHello = TlsClientHello.parse(Arrays.copyOf(messages, 4 + length));
            } catch (IllegalArgumentException e) {
                clientHelloProblem = e.getMessage();
            }
            handshake.reset();
        }
    }

    @Override
    public String toString() {
        return "TlsRecordObserver(" + local.label() + "; alerts " + alerts + ")";
    }
}

package io.sipshield.harness.pcap;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The packets of one TCP connection, synthesized from the bytes each side wrote: the three-way
 * handshake, data segments whose sequence and acknowledgement numbers follow each direction's
 * byte count (so Wireshark reassembles the stream and follows it), and the FIN exchange. Data
 * larger than {@link #SEGMENT_SIZE} is split. Not thread-safe; one per connection.
 */
public final class TcpConversation {

    /** The most payload one synthesized segment carries. */
    public static final int SEGMENT_SIZE = 16_384;

    /** [GUESS] fixed initial sequence numbers: Wireshark shows relative numbers anyway, and captures stay reproducible. */
    private static final long CLIENT_ISN = 0x1000_0000L;
    private static final long SERVER_ISN = 0x5000_0000L;

    private final InetSocketAddress client;
    private final InetSocketAddress server;
    private long clientNext = CLIENT_ISN;
    private long serverNext = SERVER_ISN;
    private boolean open;
    private boolean closed;

    /**
     * @param client the side that connected (the phone)
     * @param server the side that accepted
     */
    public TcpConversation(InetSocketAddress client, InetSocketAddress server) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
    }

    /** SYN, SYN-ACK, ACK; empty when already open. */
    public List<byte[]> open() {
        if (open) {
            return List.of();
        }
        open = true;
        List<byte[]> packets = new ArrayList<>();
        packets.add(IpPackets.tcp(client, server, clientNext, 0, IpPackets.SYN, new byte[0]));
        clientNext++;
        packets.add(IpPackets.tcp(server, client, serverNext, clientNext, IpPackets.SYN | IpPackets.ACK, new byte[0]));
        serverNext++;
        packets.add(IpPackets.tcp(client, server, clientNext, serverNext, IpPackets.ACK, new byte[0]));
        return packets;
    }

    /** PSH-ACK segments carrying {@code bytes} from the client (or the server); opens the connection first if needed. */
    public List<byte[]> data(boolean fromClient, byte[] bytes) {
        List<byte[]> packets = new ArrayList<>(open());
        for (int at = 0; at < bytes.length; at += SEGMENT_SIZE) {
            byte[] piece = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + SEGMENT_SIZE));
            if (fromClient) {
                packets.add(IpPackets.tcp(client, server, clientNext, serverNext, IpPackets.PSH | IpPackets.ACK, piece));
                clientNext += piece.length;
            } else {
                packets.add(IpPackets.tcp(server, client, serverNext, clientNext, IpPackets.PSH | IpPackets.ACK, piece));
                serverNext += piece.length;
            }
        }
        return packets;
    }

    /** FIN-ACK from the client, FIN-ACK from the server, the last ACK; empty when never opened or already closed. */
    public List<byte[]> close() {
        if (!open || closed) {
            return List.of();
        }
        closed = true;
        List<byte[]> packets = new ArrayList<>();
        packets.add(IpPackets.tcp(client, server, clientNext, serverNext, IpPackets.FIN | IpPackets.ACK, new byte[0]));
        clientNext++;
        packets.add(IpPackets.tcp(server, client, serverNext, clientNext, IpPackets.FIN | IpPackets.ACK, new byte[0]));
        serverNext++;
        packets.add(IpPackets.tcp(client, server, clientNext, serverNext, IpPackets.ACK, new byte[0]));
        return packets;
    }

    public InetSocketAddress client() {
        return client;
    }

    public InetSocketAddress server() {
        return server;
    }
}

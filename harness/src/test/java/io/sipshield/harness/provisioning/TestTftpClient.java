package io.sipshield.harness.provisioning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blocking TFTP client for tests, packet by packet so that a test can drop an ACK, send a WRQ or
 * speak from another port. Written from RFC 1350 §5, independent of the server's code.
 */
final class TestTftpClient implements AutoCloseable {

    static final int RRQ = 1;
    static final int WRQ = 2;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    static final int OACK = 6;

    private final DatagramSocket socket;

    TestTftpClient(int receiveTimeoutMillis) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(receiveTimeoutMillis);
    }

    /** A received packet: opcode, block number or error code, the rest, and who sent it. */
    record Packet(int opcode, int number, byte[] payload, InetSocketAddress sender) {
        String text() {
            int end = 0;
            while (end < payload.length && payload[end] != 0) {
                end++;
            }
            return new String(payload, 0, end, StandardCharsets.US_ASCII);
        }

        /** OACK options (opcode 6 has no number: the payload starts right after the opcode). */
        Map<String, String> options() {
            Map<String, String> options = new LinkedHashMap<>();
            List<String> fields = new ArrayList<>();
            byte[] all = ByteBuffer.allocate(2 + payload.length).putShort((short) number).put(payload).array();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == 0) {
                    fields.add(new String(all, start, i - start, StandardCharsets.US_ASCII));
                    start = i + 1;
                }
            }
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                options.put(fields.get(i), fields.get(i + 1));
            }
            return options;
        }
    }

    /** Result of a whole read. */
    record Download(byte[] content, List<Integer> blockLengths, InetSocketAddress transferId) {
    }

    static byte[] request(int opcode, String name, String mode, String... options) {
        ByteBuffer packet = ByteBuffer.allocate(1024);
        packet.putShort((short) opcode);
        packet.put(name.getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0);
        packet.put(mode.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        for (String option : options) {
            packet.put(option.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        }
        return Arrays.copyOf(packet.array(), packet.position());
    }

    static byte[] ack(int block) {
        return ByteBuffer.allocate(4).putShort((short) ACK).putShort((short) block).array();
    }

    void send(byte[] packet, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    /** The next packet; throws SocketTimeoutException when none comes in time. */
    Packet receive() throws IOException {
        byte[] buffer = new byte[65536 + 4];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        socket.receive(datagram);
        ByteBuffer bytes = ByteBuffer.wrap(datagram.getData(), 0, datagram.getLength());
        int opcode = bytes.getShort() & 0xFFFF;
        int number = bytes.remaining() >= 2 ? bytes.getShort() & 0xFFFF : -1;
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return new Packet(opcode, number, payload, (InetSocketAddress) datagram.getSocketAddress());
    }

    /** The next packet, or null when nothing comes within the socket timeout. */
    Packet receiveOrNull() throws IOException {
        try {
            return receive();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** A whole octet-mode read with 512-byte blocks; fails on an ERROR. */
    Download read(InetSocketAddress server, String name) throws IOException {
        send(request(RRQ, name, "octet"), server);
        return receiveBlocks(512, 1);
    }

    /** Receives DATA blocks from {@code firstBlock} on, acknowledging each, until a short one. */
    Download receiveBlocks(int blockSize, int firstBlock) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<Integer> lengths = new ArrayList<>();
        InetSocketAddress transferId = null;
        int expected = firstBlock;
        while (true) {
            Packet packet = receive();
            if (packet.opcode() == ERROR) {
                throw new IOException("TFTP error " + packet.number() + ": " + packet.text());
            }
            if (packet.opcode() != DATA) {
                throw new IOException("expected DATA, got opcode " + packet.opcode());
            }
            transferId = packet.sender();
            if (packet.number() != (expected & 0xFFFF)) {
                send(ack(packet.number()), transferId);
                continue;
            }
            content.writeBytes(packet.payload());
            lengths.add(packet.payload().length);
            send(ack(packet.number()), transferId);
            expected++;
            if (packet.payload().length < blockSize) {
                return new Download(content.toByteArray(), lengths, transferId);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

package io.sipshield.emulator.cisco;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny RFC 1350 read-only server for tests, written independently of the client: RRQ on its
 * port, each transfer from a new socket (its transfer ID), 512-byte blocks, DATA retransmitted
 * when the ACK does not come, ERROR 1 for a missing file. {@link #ignoreRequests(int)} drops the
 * first requests so that the client's retransmission is exercised.
 */
final class TftpTestServer implements AutoCloseable {

    private final Map<String, byte[]> files;
    private final DatagramSocket socket;
    private final Thread listener;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ignore = new AtomicInteger();
    private volatile boolean duplicateFirstBlock;

    TftpTestServer(Map<String, byte[]> files) throws SocketException {
        this.files = files;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.listener = new Thread(this::listen, "tftp-test-server");
        listener.setDaemon(true);
        listener.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The file names asked for, every RRQ counted (ignored ones too). */
    List<String> requests() {
        return List.copyOf(requests);
    }

    void ignoreRequests(int count) {
        ignore.set(count);
    }

    /** Sends DATA block 1 twice, as a server whose timer fired early would. */
    void duplicateFirstBlock() {
        duplicateFirstBlock = true;
    }

    private void listen() {
        byte[] buffer = new byte[1024];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            if (data.length < 4 || data[1] != 1) {
                continue;
            }
            int end = 2;
            while (end < data.length && data[end] != 0) {
                end++;
            }
            String name = new String(data, 2, end - 2, StandardCharsets.US_ASCII);
            requests.add(name);
            if (ignore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                continue;
            }
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            Thread transfer = new Thread(() -> serve(name, client), "tftp-test-transfer");
            transfer.setDaemon(true);
            transfer.start();
        }
    }

    private void serve(String name, InetSocketAddress client) {
        try (DatagramSocket transfer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            transfer.setSoTimeout(300);
            byte[] file = files.get(name);
            if (file == null) {
                send(transfer, client, error(1, "File not found"));
                return;
            }
            int blocks = file.length / 512 + 1;
            for (int block = 1; block <= blocks; block++) {
                int from = (block - 1) * 512;
                int length = Math.min(512, file.length - from);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(0);
                out.write(3);
                out.write(block >> 8);
                out.write(block);
                out.write(file, from, length);
                byte[] data = out.toByteArray();
                if (!sendUntilAcked(transfer, client, data, block)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the test sees the client's view
        }
    }

    private boolean sendUntilAcked(DatagramSocket transfer, InetSocketAddress client, byte[] data, int block) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            send(transfer, client, data);
            if (block == 1 && duplicateFirstBlock) {
                send(transfer, client, data);
            }
            byte[] buffer = new byte[516];
            try {
                while (true) {
                    DatagramPacket ack = new DatagramPacket(buffer, buffer.length);
                    transfer.receive(ack);
                    if (ack.getLength() >= 4 && buffer[1] == 4 && ((buffer[2] & 0xFF) << 8 | (buffer[3] & 0xFF)) == block) {
                        return true;
                    }
                }
            } catch (SocketTimeoutException e) {
                // retransmit
            }
        }
        return false;
    }

    private static byte[] error(int code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(5);
        out.write(0);
        out.write(code);
        out.writeBytes(message.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        return out.toByteArray();
    }

    private static void send(DatagramSocket from, InetSocketAddress to, byte[] bytes) throws IOException {
        from.send(new DatagramPacket(bytes, bytes.length, to));
    }

    @Override
    public void close() {
        socket.close();
    }
}

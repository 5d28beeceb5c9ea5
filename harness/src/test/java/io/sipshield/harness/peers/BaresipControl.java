package io.sipshield.harness.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A client of baresip's {@code ctrl_tcp} module: JSON in netstrings ({@code len:json,}) both ways.
 * Commands are {@code {"command":"dial","params":"sip:...","token":"1"}}, answered by
 * {@code {"response":true,"ok":true,"data":"...","token":"1"}}; events arrive unasked as
 * {@code {"event":true,"type":"CALL_ESTABLISHED","class":"call","peeruri":"...",...}}
 * (baresip {@code modules/ctrl_tcp/ctrl_tcp.c}, {@code src/event.c} {@code event_encode_dict}).
 * Every message read is kept, so a test can wait for one that came before it asked.
 */
public final class BaresipControl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();

    private BaresipControl(Socket socket) {
        this.socket = socket;
        Thread reader = new Thread(this::readMessages, "baresip-ctrl_tcp");
        reader.setDaemon(true);
        reader.start();
    }

    static BaresipControl connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5000);
        return new BaresipControl(socket);
    }

    private void readMessages() {
        try (InputStream in = socket.getInputStream()) {
            for (byte[] message = readNetstring(in); message != null; message = readNetstring(in)) {
                JsonNode node = JSON.readTree(message);
                synchronized (received) {
                    received.add(node);
                    received.notifyAll();
                }
            }
        } catch (IOException e) {
            // baresip closed the connection or stopped
        }
    }

    /** One netstring, or null at the end of the stream. */
    static byte[] readNetstring(InputStream in) throws IOException {
        int length = 0;
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c != ':') {
            if (c < '0' || c > '9') {
                throw new IOException("ctrl_tcp: expected a netstring length digit or ':', got byte " + c);
            }
            length = length * 10 + (c - '0');
            c = in.read();
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length || in.read() != ',') {
            throw new IOException("ctrl_tcp: netstring of " + length + " bytes not ended by ','");
        }
        return body;
    }

    static byte[] netstring(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
        out.writeBytes((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.write(',');
        return out.toByteArray();
    }

    /**
     * Sends a command ({@code dial}, {@code hangup}, {@code accept}, ...) and waits for its response.
     *
     * @return the response's {@code data}
     * @throws IOException when baresip answers {@code "ok":false} or not within {@code timeout}
     */
    public String command(String command, String params, Duration timeout) throws IOException, InterruptedException {
        String token = Integer.toString(tokens.incrementAndGet());
        ObjectNode request = JSON.createObjectNode().put("command", command).put("params", params).put("token", token);
        OutputStream out = socket.getOutputStream();
        synchronized (out) {
            out.write(netstring(JSON.writeValueAsBytes(request)));
            out.flush();
        }
        JsonNode response;
        try {
            response = await(node -> node.path("response").asBoolean() && token.equals(node.path("token").asText()),
                    timeout, "a response to '" + command + " " + params + "'");
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!response.path("ok").asBoolean()) {
            throw new IOException("baresip refused '" + command + " " + params + "': " + response);
        }
        return response.path("data").asText();
    }

    /** The first event of {@code type} ({@code CALL_ESTABLISHED}, {@code CALL_MENC}, {@code CALL_CLOSED}). */
    public JsonNode awaitEvent(String type, Duration timeout) throws TimeoutException, InterruptedException {
        return await(node -> node.path("event").asBoolean() && type.equals(node.path("type").asText()), timeout,
                "a " + type + " event");
    }

    /** Every event received so far, in order. */
    public List<JsonNode> events() {
        synchronized (received) {
            return received.stream().filter(node -> node.path("event").asBoolean()).toList();
        }
    }

    private JsonNode await(Predicate<JsonNode> wanted, Duration timeout, String what)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (JsonNode node : received) {
                    if (wanted.test(node)) {
                        return node;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException("no " + what + " from baresip's ctrl_tcp within "
                            + timeout.toSeconds() + " s; received: " + received);
                }
                received.wait(Math.min(left, 200));
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

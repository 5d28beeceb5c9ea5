package io.sipshield.harness.capture;

import io.sipshield.emulator.capture.Direction;
import io.sipshield.emulator.capture.PacketTap;
import io.sipshield.emulator.capture.SecretsTap;
import io.sipshield.emulator.capture.SrtpKeys;
import io.sipshield.emulator.capture.TappedPacket;
import io.sipshield.emulator.capture.Transport;
import io.sipshield.harness.pcap.IpPackets;
import io.sipshield.harness.pcap.TcpConversation;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects one scenario's capture from its phones' taps: turns the TLS bytes of each connection
 * into TCP segments ({@link TcpConversation}: the phone is the client) and the SRTP/SRTCP
 * datagrams into UDP packets, all raw IP; and keeps the TLS key log lines and SDES keys. The
 * capture is held in memory until {@link #contents()} (a scenario lasts seconds: a 3 s call is
 * about 300 datagrams). Thread-safe: the phones' event loops call it at once.
 */
public final class ScenarioCapture implements PacketTap, SecretsTap {

    private final List<CaptureContents.Frame> frames = new ArrayList<>();
    private final Map<List<InetSocketAddress>, TcpConversation> connections = new LinkedHashMap<>();
    private final Set<String> keyLog = new LinkedHashSet<>();
    private final List<SrtpKeys> srtpKeys = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final Set<Integer> tlsServerPorts = new LinkedHashSet<>();

    @Override
    public synchronized void opened(long timestampNanos, InetSocketAddress local, InetSocketAddress remote) {
        add(timestampNanos, connection(local, remote).open());
    }

    @Override
    public synchronized void packet(TappedPacket packet) {
        if (packet.transport() == Transport.UDP) {
            add(packet.timestampNanos(), List.of(IpPackets.udp(packet.source(), packet.destination(), packet.bytes())));
            return;
        }
        TcpConversation connection = connection(packet.local(), packet.remote());
        add(packet.timestampNanos(), connection.data(packet.direction() == Direction.SENT, packet.bytes()));
    }

    @Override
    public synchronized void closed(long timestampNanos, InetSocketAddress local, InetSocketAddress remote) {
        TcpConversation connection = connections.get(List.of(local, remote));
        if (connection != null) {
            add(timestampNanos, connection.close());
        }
    }

    @Override
    public synchronized void tlsKeyLog(String line) {
        keyLog.add(line);
    }

    @Override
    public synchronized void tlsSecretsUnavailable(String reason) {
        notes.add(reason);
    }

    @Override
    public synchronized void srtpKeys(SrtpKeys keys) {
        srtpKeys.add(keys);
    }

    /** What was captured so far. */
    public synchronized CaptureContents contents() {
        return new CaptureContents(frames, List.copyOf(keyLog), srtpKeys, List.copyOf(notes), List.copyOf(tlsServerPorts));
    }

    private TcpConversation connection(InetSocketAddress local, InetSocketAddress remote) {
        tlsServerPorts.add(remote.getPort());
        return connections.computeIfAbsent(List.of(local, remote), key -> new TcpConversation(local, remote));
    }

    private void add(long timestampNanos, List<byte[]> packets) {
        for (byte[] packet : packets) {
            frames.add(new CaptureContents.Frame(timestampNanos, packet));
        }
    }
}

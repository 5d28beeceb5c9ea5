package io.sipshield.emulator.capture;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Taps that keep everything they are given, for tests. */
final class RecordingTaps implements PacketTap, SecretsTap {

    final List<TappedPacket> packets = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> keyLog = new CopyOnWriteArrayList<>();
    final List<String> unavailable = new CopyOnWriteArrayList<>();
    final List<SrtpKeys> srtpKeys = new CopyOnWriteArrayList<>();

    @Override
    public void opened(long timestampNanos, InetSocketAddress local, InetSocketAddress remote) {
        events.add("opened " + local + " " + remote);
    }

    @Override
    public void packet(TappedPacket packet) {
        packets.add(packet);
    }

    @Override
    public void closed(long timestampNanos, InetSocketAddress local, InetSocketAddress remote) {
        events.add("closed " + local + " " + remote);
    }

    @Override
    public void tlsKeyLog(String line) {
        keyLog.add(line);
    }

    @Override
    public void tlsSecretsUnavailable(String reason) {
        unavailable.add(reason);
    }

    @Override
    public void srtpKeys(SrtpKeys keys) {
        srtpKeys.add(keys);
    }
}

package io.sipshield.harness.capture;

import io.sipshield.emulator.capture.SrtpKeys;
import java.util.List;
import java.util.Objects;

/**
 * One scenario's capture: the packets and the secrets to read them.
 *
 * @param frames         raw IP packets in the order the phones saw them
 * @param keyLog         NSS key log lines, one per TLS secret, in the order produced
 * @param srtpKeys       the SDES keys of each call
 * @param notes          why something could not be captured (a JDK-provider phone's TLS secrets)
 * @param tlsServerPorts the TCP ports the phones connected to (where Wireshark must find TLS)
 */
public record CaptureContents(List<Frame> frames, List<String> keyLog, List<SrtpKeys> srtpKeys, List<String> notes,
                              List<Integer> tlsServerPorts) {

    public CaptureContents {
        frames = List.copyOf(frames);
        keyLog = List.copyOf(keyLog);
        srtpKeys = List.copyOf(srtpKeys);
        notes = List.copyOf(notes);
        tlsServerPorts = List.copyOf(tlsServerPorts);
    }

    /**
     * One packet.
     *
     * @param timestampNanos when it was seen, nanoseconds since 1970
     * @param ipPacket       the packet from its IP header on
     */
    public record Frame(long timestampNanos, byte[] ipPacket) {
        public Frame {
            Objects.requireNonNull(ipPacket, "ipPacket");
        }
    }
}

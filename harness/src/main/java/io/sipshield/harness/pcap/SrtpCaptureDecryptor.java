package io.sipshield.harness.pcap;

import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpResult;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Finds the SRTP stream in a capture that one SDES key protects, and decrypts it: its SRTP
 * packets and the SRTCP packets its sender sent. Without an SSRC, each stream (most packets first)
 * is tried until one of its first packets authenticates with the key. The same packet captured
 * twice (as {@code tcpdump -i any} does on loopback) decrypts to the same plain packet.
 */
public final class SrtpCaptureDecryptor {

    private static final int TRIAL_PACKETS = 5;
    private static final int REPLAY_WINDOW = 1024;
    private static final int COPIES_REMEMBERED = 512;

    private final CryptoAttribute crypto;
    private final OptionalLong ssrc;
    private final long roc;

    /**
     * @param crypto the sender's a=crypto line (suite, key, MKI, lifetime)
     * @param ssrc   the stream to decrypt, or empty to find the one the key fits
     * @param roc    the rollover counter at the first captured packet (a capture started mid-call)
     */
    public SrtpCaptureDecryptor(CryptoAttribute crypto, OptionalLong ssrc, long roc) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.ssrc = Objects.requireNonNull(ssrc, "ssrc");
        if (roc < 0 || roc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("roc: expected 0 to 2^32-1, got " + roc);
        }
        this.roc = roc;
    }

    /**
     * Decrypts the stream.
     *
     * @throws NoStreamException when no stream has the SSRC asked for, or none authenticates with the key
     */
    public Result decrypt(List<CapturedPacket> capture) throws NoStreamException {
        Map<Long, List<Integer>> streams = new LinkedHashMap<>();
        List<UdpDatagram> datagrams = new ArrayList<>(capture.size());
        for (int i = 0; i < capture.size(); i++) {
            UdpDatagram datagram = UdpDatagram.parse(capture.get(i)).orElse(null);
            datagrams.add(datagram);
            if (datagram != null && looksLikeSrtp(datagram)) {
                streams.computeIfAbsent(ssrcAt(datagram, 8), key -> new ArrayList<>()).add(i);
            }
        }
        long chosen = choose(streams, datagrams);
        return decryptStream(chosen, streams.get(chosen), capture, datagrams);
    }

    private long choose(Map<Long, List<Integer>> streams, List<UdpDatagram> datagrams) throws NoStreamException {
        if (streams.isEmpty()) {
            throw new NoStreamException("no RTP or SRTP packet in the capture (UDP payloads starting with version 2)");
        }
        if (ssrc.isPresent()) {
            if (!streams.containsKey(ssrc.getAsLong())) {
                throw new NoStreamException("no RTP packet with SSRC " + hex(ssrc.getAsLong()) + "; the capture has "
                        + describe(streams));
            }
            return ssrc.getAsLong();
        }
        List<Long> byCount = streams.keySet().stream()
                .sorted(Comparator.comparingInt((Long s) -> streams.get(s).size()).reversed()).toList();
        for (long candidate : byCount) {
            SrtpContext context = srtpContext();
            for (int index : streams.get(candidate).subList(0, Math.min(TRIAL_PACKETS, streams.get(candidate).size()))) {
                if (context.unprotect(datagrams.get(index).payload()).isOk()) {
                    return candidate;
                }
            }
        }
        throw new NoStreamException("no stream authenticates with this key: wrong key, wrong suite, or a rollover counter"
                + " other than " + roc + " (--roc); the capture has " + describe(streams));
    }

    private Result decryptStream(long chosen, List<Integer> indexes, List<CapturedPacket> capture,
                                 List<UdpDatagram> datagrams) {
        SrtpContext srtp = srtpContext();
        SrtcpContext srtcp = crypto.srtcpContext().replayWindow(REPLAY_WINDOW).build();
        Map<SrtpStatus, Long> counts = new EnumMap<>(SrtpStatus.class);
        long srtcpOk = 0;
        long srtcpFailed = 0;
        long copies = 0;
        Map<ByteBuffer, byte[]> recent = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
                return size() > COPIES_REMEMBERED;
            }
        };
        List<CapturedPacket> output = new ArrayList<>(capture.size());
        List<RtpPacket> rtp = new ArrayList<>(indexes.size());
        java.util.Set<Integer> streamIndexes = new java.util.HashSet<>(indexes);
        for (int i = 0; i < capture.size(); i++) {
            UdpDatagram datagram = datagrams.get(i);
            boolean isSrtp = streamIndexes.contains(i);
            boolean isSrtcp = !isSrtp && datagram != null && looksLikeRtcp(datagram) && ssrcAt(datagram, 4) == chosen;
            if (!isSrtp && !isSrtcp) {
                output.add(capture.get(i));
                continue;
            }
            byte[] payload = datagram.payload();
            ByteBuffer key = ByteBuffer.wrap(payload);
            SrtpResult result = isSrtp ? srtp.unprotect(payload) : srtcp.unprotect(payload);
            byte[] plain = result.isOk() ? result.rtpPacket() : null;
            boolean copy = plain == null && result.status() == SrtpStatus.REPLAY && recent.containsKey(key);
            if (copy) {
                plain = recent.get(key);
                copies += isSrtp ? 1 : 0;
            } else if (isSrtp) {
                counts.merge(result.status(), 1L, Long::sum);
            } else if (result.isOk()) {
                srtcpOk++;
            } else {
                srtcpFailed++;
            }
            if (plain == null) {
                continue;
            }
            recent.put(key, plain);
            output.add(datagram.withPayload(plain));
            if (isSrtp && !copy) {
                rtp.add(RtpPacket.decode(plain));
            }
        }
        UdpDatagram first = datagrams.get(indexes.get(0));
        return new Result(chosen, first, output, rtp, counts, srtcpOk, srtcpFailed, copies,
                srtp.rolloverCounter(chosen).orElse(roc));
    }

    private SrtpContext srtpContext() {
        return crypto.srtpContext().initialRolloverCounter(roc).replayWindow(REPLAY_WINDOW).build();
    }

    private static boolean looksLikeSrtp(UdpDatagram datagram) {
        byte[] data = datagram.packet().data();
        int at = datagram.udpOffset() + 8;
        if (datagram.payloadLength() < 12 || ((data[at] & 0xFF) >>> 6) != 2) {
            return false;
        }
        int second = data[at + 1] & 0xFF;
        return second < 192 || second > 223;
    }

    private static boolean looksLikeRtcp(UdpDatagram datagram) {
        byte[] data = datagram.packet().data();
        int at = datagram.udpOffset() + 8;
        int second = datagram.payloadLength() >= 8 ? data[at + 1] & 0xFF : 0;
        return ((data[at] & 0xFF) >>> 6) == 2 && second >= 200 && second <= 204;
    }

    private static long ssrcAt(UdpDatagram datagram, int offset) {
        byte[] data = datagram.packet().data();
        int at = datagram.udpOffset() + 8 + offset;
        return ((data[at] & 0xFFL) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
    }

    private static String describe(Map<Long, List<Integer>> streams) {
        return streams.entrySet().stream().map(e -> hex(e.getKey()) + " (" + e.getValue().size() + " packets)")
                .collect(Collectors.joining(", "));
    }

    static String hex(long ssrc) {
        return String.format("0x%08x", ssrc);
    }

    /**
     * What decrypting a stream gave.
     *
     * @param ssrc        the stream's SSRC
     * @param first       its first packet, for the addresses
     * @param capture     the whole capture with the stream's packets decrypted (packets that failed are left out)
     * @param rtp         the decrypted RTP packets in capture order (copies once)
     * @param srtp        SRTP packets by unprotect outcome (copies not counted)
     * @param srtcpOk     SRTCP packets of the stream's sender decrypted
     * @param srtcpFailed SRTCP packets of the stream's sender that did not authenticate
     * @param copies      SRTP packets captured more than once, decrypted once
     * @param rocAtEnd    the rollover counter after the last packet
     */
    public record Result(long ssrc, UdpDatagram first, List<CapturedPacket> capture, List<RtpPacket> rtp,
                         Map<SrtpStatus, Long> srtp, long srtcpOk, long srtcpFailed, long copies, long rocAtEnd) {

        public Result {
            capture = List.copyOf(capture);
            rtp = List.copyOf(rtp);
            srtp = Map.copyOf(srtp);
        }

        /** SRTP packets with this outcome. */
        public long count(SrtpStatus status) {
            return srtp.getOrDefault(status, 0L);
        }

        /** SRTP packets of the stream, copies not counted. */
        public long packets() {
            return srtp.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** No stream to decrypt, and why. */
    public static final class NoStreamException extends Exception {

        private static final long serialVersionUID = 1L;

        public NoStreamException(String message) {
            super(message);
        }
    }
}

package io.sipshield.emulator.rtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RTCP compound packet as a phone sends and reads it (RFC 3550 §6.1): a sender report (SR) or
 * receiver report (RR) first, then an SDES chunk with the CNAME, and a BYE when leaving. Reading
 * accepts any compound that passes the validity checks of RFC 3550 Appendix A.2 and skips packet
 * types it does not need (APP, feedback).
 *
 * @param ssrc       the reporter's SSRC
 * @param senderInfo the SR sender information, or null for an RR
 * @param reports    reception report blocks, at most 31 (one SR or RR)
 * @param cname      the SDES CNAME, or null when the compound carries none
 * @param bye        whether a BYE for {@code ssrc} ends the compound
 */
public record RtcpCompound(long ssrc, RtcpSenderInfo senderInfo, List<RtcpReportBlock> reports, String cname,
                           boolean bye) {

    /** RTCP packet types (RFC 3550 §12.1). */
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    private static final int MAX_BLOCKS = 31;
    private static final int CNAME = 1;
    private static final int BLOCK_LENGTH = 24;

    public RtcpCompound {
        RtcpSenderInfo.checkUnsigned32("ssrc", ssrc);
        reports = List.copyOf(reports);
        if (reports.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("reports: at most " + MAX_BLOCKS + " blocks in one report, got " + reports.size());
        }
        if (cname != null && cname.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("cname: at most 255 bytes of UTF-8");
        }
    }

    /** Whether this is a sender report. */
    public boolean isSenderReport() {
        return senderInfo != null;
    }

    /** The block about {@code source}, if the reporter sent one. */
    public java.util.Optional<RtcpReportBlock> reportAbout(long source) {
        return reports.stream().filter(block -> block.ssrc() == source).findFirst();
    }

    /** The compound on the wire (before SRTCP protection). */
    public byte[] encode() {
        byte[] cnameBytes = cname == null ? null : cname.getBytes(StandardCharsets.UTF_8);
        int reportLength = 8 + (senderInfo != null ? 20 : 0) + BLOCK_LENGTH * reports.size();
        int sdesLength = cnameBytes == null ? 0 : align(8 + 2 + cnameBytes.length + 1);
        int byeLength = bye ? 8 : 0;
        byte[] out = new byte[reportLength + sdesLength + byeLength];
        header(out, 0, reports.size(), senderInfo != null ? SR : RR, reportLength);
        writeInt(out, 4, ssrc);
        int at = 8;
        if (senderInfo != null) {
            writeInt(out, at, senderInfo.ntpTimestamp() >>> 32);
            writeInt(out, at + 4, senderInfo.ntpTimestamp() & 0xFFFF_FFFFL);
            writeInt(out, at + 8, senderInfo.rtpTimestamp());
            writeInt(out, at + 12, senderInfo.packetCount());
            writeInt(out, at + 16, senderInfo.octetCount());
            at += 20;
        }
        for (RtcpReportBlock block : reports) {
            writeInt(out, at, block.ssrc());
            writeInt(out, at + 4, ((long) block.fractionLost() << 24) | (block.cumulativeLost() & 0xFFFFFFL));
            writeInt(out, at + 8, block.highestSequence());
            writeInt(out, at + 12, block.jitter());
            writeInt(out, at + 16, block.lastSr());
            writeInt(out, at + 20, block.delaySinceLastSr());
            at += BLOCK_LENGTH;
        }
        if (cnameBytes != null) {
            header(out, at, 1, SDES, sdesLength);
            writeInt(out, at + 4, ssrc);
            out[at + 8] = CNAME;
            out[at + 9] = (byte) cnameBytes.length;
            System.arraycopy(cnameBytes, 0, out, at + 10, cnameBytes.length);
            at += sdesLength;
        }
        if (bye) {
            header(out, at, 1, BYE, byeLength);
            writeInt(out, at + 4, ssrc);
        }
        return out;
    }

    /**
     * Reads a compound packet (after SRTCP unprotection).
     *
     * @throws IllegalArgumentException naming what breaks RFC 3550 A.2: version, first packet type,
     *                                  a length that does not add up, padding before the last packet
     */
    public static RtcpCompound decode(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length < 8) {
            throw new IllegalArgumentException("RTCP: " + length + " bytes, shorter than one 8-byte header");
        }
        int firstType = data[offset + 1] & 0xFF;
        if (firstType != SR && firstType != RR) {
            throw new IllegalArgumentException("RTCP: a compound starts with SR (200) or RR (201), got type " + firstType);
        }
        long ssrc = -1;
        RtcpSenderInfo senderInfo = null;
        List<RtcpReportBlock> reports = new ArrayList<>();
        String cname = null;
        boolean bye = false;
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (end - at < 4) {
                throw new IllegalArgumentException("RTCP: " + (end - at) + " bytes left after the last packet, not a header");
            }
            int first = data[at] & 0xFF;
            if (first >>> 6 != 2) {
                throw new IllegalArgumentException("RTCP: version " + (first >>> 6) + " at byte " + (at - offset) + ", expected 2");
            }
            int count = first & 0x1F;
            int type = data[at + 1] & 0xFF;
            int packetLength = 4 * (1 + (((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF)));
            if (at + packetLength > end) {
                throw new IllegalArgumentException("RTCP: packet type " + type + " declares " + packetLength
                        + " bytes, only " + (end - at) + " left");
            }
            if ((first & 0x20) != 0 && at + packetLength != end) {
                throw new IllegalArgumentException("RTCP: padding on packet type " + type + ", which is not the last");
            }
            switch (type) {
                case SR, RR -> {
                    int fixed = type == SR ? 28 : 8;
                    if (packetLength < fixed + BLOCK_LENGTH * count) {
                        throw new IllegalArgumentException("RTCP: " + (type == SR ? "SR" : "RR") + " with " + count
                                + " blocks needs " + (fixed + BLOCK_LENGTH * count) + " bytes, has " + packetLength);
                    }
                    long reporter = readInt(data, at + 4);
                    if (ssrc < 0) {
                        ssrc = reporter;
                        if (type == SR) {
                            senderInfo = new RtcpSenderInfo((readInt(data, at + 8) << 32) | readInt(data, at + 12),
                                    readInt(data, at + 16), readInt(data, at + 20), readInt(data, at + 24));
                        }
                    }
                    for (int i = 0; i < count; i++) {
                        reports.add(block(data, at + fixed + BLOCK_LENGTH * i));
                    }
                }
                case SDES -> {
                    String found = cname(data, at, packetLength, count, ssrc);
                    cname = found != null ? found : cname;
                }
                case BYE -> bye = true;
                default -> {
                    // APP (204), RTPFB (205), PSFB (206), XR (207): nothing a phone needs
                }
            }
            at += packetLength;
        }
        return new RtcpCompound(ssrc, senderInfo, reports, cname, bye);
    }

    /** Reads a whole array. */
    public static RtcpCompound decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** RFC 5761 §4: whether a datagram on a multiplexed port is RTCP (packet types 192-223) rather than RTP. */
    public static boolean looksLikeRtcp(byte[] data, int offset, int length) {
        if (length < 8 || ((data[offset] & 0xFF) >>> 6) != 2) {
            return false;
        }
        int type = data[offset + 1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    private static RtcpReportBlock block(byte[] data, int at) {
        long word = readInt(data, at + 4);
        int cumulative = (int) (word & 0xFFFFFF);
        if ((cumulative & 0x800000) != 0) {
            cumulative |= 0xFF000000;
        }
        return new RtcpReportBlock(readInt(data, at), (int) (word >>> 24), cumulative, readInt(data, at + 8),
                readInt(data, at + 12), readInt(data, at + 16), readInt(data, at + 20));
    }

    /** The CNAME of the chunk for {@code ssrc} (or of the first chunk), or null. */
    private static String cname(byte[] data, int at, int packetLength, int chunks, long ssrc) {
        int end = at + packetLength;
        int p = at + 4;
        String first = null;
        for (int c = 0; c < chunks && p + 4 <= end; c++) {
            long source = readInt(data, p);
            p += 4;
            String found = null;
            while (p < end && data[p] != 0) {
                if (p + 2 > end || p + 2 + (data[p + 1] & 0xFF) > end) {
                    throw new IllegalArgumentException("RTCP: SDES item runs past the end of its packet");
                }
                int itemLength = data[p + 1] & 0xFF;
                if (data[p] == CNAME) {
                    found = new String(data, p + 2, itemLength, StandardCharsets.UTF_8);
                }
                p += 2 + itemLength;
            }
            p = align(p - at + 1) + at;
            if (source == ssrc && found != null) {
                return found;
            }
            first = first == null ? found : first;
        }
        return first;
    }

    private static void header(byte[] out, int at, int count, int type, int length) {
        out[at] = (byte) (0x80 | count);
        out[at + 1] = (byte) type;
        int words = length / 4 - 1;
        out[at + 2] = (byte) (words >>> 8);
        out[at + 3] = (byte) words;
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }

    private static long readInt(byte[] data, int at) {
        return ((data[at] & 0xFFL) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] data, int at, long value) {
        data[at] = (byte) (value >>> 24);
        data[at + 1] = (byte) (value >>> 16);
        data[at + 2] = (byte) (value >>> 8);
        data[at + 3] = (byte) value;
    }
}

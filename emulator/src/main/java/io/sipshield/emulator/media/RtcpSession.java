package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.RtcpCompound;
import io.sipshield.emulator.rtp.RtcpReportBlock;
import io.sipshield.emulator.rtp.RtcpSenderInfo;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The RTCP side of one media session (RFC 3550 §6): builds this side's reports, a sender report
 * while it is sending (§6.4: a sender in the last two intervals) and a receiver report otherwise,
 * each with a report block about the stream it receives and the SDES CNAME; reads the peer's
 * reports, remembering its last SR (for LSR/DLSR) and what it says about our stream, and
 * computes the round trip from LSR and DLSR (§6.4.1). With SDES-SRTP the compounds are SRTCP.
 *
 * <p>No I/O and no timers: the channel handler decides when. Any thread (methods are synchronized).
 */
public final class RtcpSession {

    private static final long NANOS = 1_000_000_000L;

    private final long ssrc;
    private final String cname;
    private final ReceptionStats reception;
    private final SrtcpContext outbound;
    private final SrtcpContext inbound;
    private final Clock clock;
    private final int clockRate;

    private long packetsSent;
    private long octetsSent;
    private long lastRtpTimestamp;
    private long lastRtpNanos;
    private boolean sentSinceReport;
    private boolean sentBeforeLastReport;

    private long lastSrSsrc = -1;
    private long lastSr;
    private long lastSrArrivalNanos;

    private long reportsSent;
    private long reportsReceived;
    private long rejected;
    private RtcpReportBlock peerReport;
    private Duration roundTrip;
    private boolean peerLeft;

    /**
     * @param ssrc      this side's SSRC (of the RTP stream it sends)
     * @param cname     the SDES CNAME
     * @param reception statistics of the stream this side receives
     * @param outbound  SRTCP protecting what this side sends (its own key), or null for plain RTCP
     * @param inbound   SRTCP for what the peer sends (the peer's key), or null for plain RTCP
     * @param clock     the wallclock for NTP timestamps
     * @param clockRate the RTP clock rate of the streams
     */
    public RtcpSession(long ssrc, String cname, ReceptionStats reception, SrtcpContext outbound, SrtcpContext inbound,
                       Clock clock, int clockRate) {
        if ((outbound == null) != (inbound == null)) {
            throw new IllegalArgumentException("outbound, inbound: SRTCP both ways or plain RTCP both ways");
        }
        this.ssrc = ssrc;
        this.cname = Objects.requireNonNull(cname, "cname");
        this.reception = Objects.requireNonNull(reception, "reception");
        this.outbound = outbound;
        this.inbound = inbound;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockRate = clockRate;
    }

    /** Counts one RTP packet this side sent, for the next sender report. */
    public synchronized void rtpSent(long rtpTimestamp, int payloadOctets, long nowNanos) {
        packetsSent++;
        octetsSent += payloadOctets;
        lastRtpTimestamp = rtpTimestamp;
        lastRtpNanos = nowNanos;
        sentSinceReport = true;
    }

    /**
     * This side's next compound packet, ready to send (SRTCP-protected when keyed).
     *
     * @param nowNanos {@link System#nanoTime()}
     * @param bye      whether to end it with a BYE (leaving the session)
     */
    public synchronized byte[] nextReport(long nowNanos, boolean bye) {
        boolean sender = sentSinceReport || sentBeforeLastReport;
        sentBeforeLastReport = sentSinceReport;
        sentSinceReport = false;
        RtcpSenderInfo info = null;
        if (sender) {
            long rtpNow = lastRtpTimestamp + (nowNanos - lastRtpNanos) * clockRate / NANOS;
            info = new RtcpSenderInfo(RtcpSenderInfo.ntpTimestamp(clock.instant()), rtpNow & 0xFFFF_FFFFL,
                    packetsSent & 0xFFFF_FFFFL, octetsSent & 0xFFFF_FFFFL);
        }
        boolean haveSr = lastSrSsrc >= 0 && lastSrSsrc == reception.ssrc();
        long delay = haveSr ? Math.min(0xFFFF_FFFFL, (nowNanos - lastSrArrivalNanos) * 65536 / NANOS) : 0;
        RtcpReportBlock block = reception.reportBlock(haveSr ? lastSr : 0, delay);
        byte[] compound = new RtcpCompound(ssrc, info, block == null ? List.of() : List.of(block), cname, bye).encode();
        reportsSent++;
        return outbound == null ? compound : outbound.protect(compound);
    }

    /** Reads one datagram from the peer; one that does not authenticate or is not RTCP is counted and dropped. */
    public synchronized void received(byte[] datagram, long nowNanos) {
        byte[] plain = datagram;
        if (inbound != null) {
            SrtpResult result = inbound.unprotect(datagram);
            if (!result.isOk()) {
                rejected++;
                return;
            }
            plain = result.rtpPacket();
        }
        RtcpCompound compound;
        try {
            compound = RtcpCompound.decode(plain);
        } catch (IllegalArgumentException e) {
            rejected++;
            return;
        }
        reportsReceived++;
        if (compound.senderInfo() != null) {
            lastSrSsrc = compound.ssrc();
            lastSr = RtcpSenderInfo.middle32(compound.senderInfo().ntpTimestamp());
            lastSrArrivalNanos = nowNanos;
        }
        compound.reportAbout(ssrc).ifPresent(this::peerReported);
        peerLeft |= compound.bye();
    }

    private void peerReported(RtcpReportBlock block) {
        peerReport = block;
        if (block.lastSr() != 0) {
            long now = RtcpSenderInfo.middle32(RtcpSenderInfo.ntpTimestamp(clock.instant()));
            long units = (now - block.lastSr() - block.delaySinceLastSr()) & 0xFFFF_FFFFL;
            if (units < 0x8000_0000L) {
                roundTrip = Duration.ofNanos(units * NANOS / 65536);
            }
        }
    }

    public long ssrc() {
        return ssrc;
    }

    /** The counters and the peer's view as they are now. */
    public synchronized RtcpStats stats() {
        return new RtcpStats(reportsSent, reportsReceived, rejected, peerReport, roundTrip, peerLeft);
    }
}

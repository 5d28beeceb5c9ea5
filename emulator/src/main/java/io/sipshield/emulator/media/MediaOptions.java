package io.sipshield.emulator.media;

import io.sipshield.emulator.capture.CaptureTaps;
import io.sipshield.emulator.media.impair.MediaFaults;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MediaSession} runs its RTCP.
 *
 * @param rtcpInterval the mean time between reports (RFC 3550 §6.2: 5 s), at least 10 ms
 * @param rtcpMux      whether to offer RTCP on the RTP port (RFC 5761, {@code a=rtcp-mux}); used only when the answer accepts
 * @param cname        the SDES CNAME, e.g. {@code 101@127.0.0.1}
 * @param clock        the wallclock for RTCP's NTP timestamps
 * @param capture      where the session copies its SRTP/SRTCP datagrams and SDES keys, or null (no capture)
 * @param timelineInterval the bucket length of the session's {@link MediaTimeline}, at least 1 ms (default 100 ms)
 * @param timelineBuckets  how many buckets the timeline keeps at most (default 6000: 10 minutes at 100 ms, about
 *                         0.5 MB per call at most); 0 records none (many long calls at once, as a load run makes)
 * @param faults           media faults played on this session (issue 11): a sequence number wrap of the sender,
 *                         loss, reordering, duplication, tampering and replays of what it receives;
 *                         {@link MediaFaults#NONE} by default
 * @param frameClocks      the 20 ms clocks shared by the sessions of each event loop ({@link FrameClocks}: one
 *                         timer per loop for a load run's calls), or null: the session keeps a clock of its own
 */
public record MediaOptions(Duration rtcpInterval, boolean rtcpMux, String cname, Clock clock, CaptureTaps capture,
                           Duration timelineInterval, int timelineBuckets, MediaFaults faults,
                           FrameClocks frameClocks) {

    /** RFC 3550 §6.2: the minimum (and usual) interval between reports. */
    public static final Duration DEFAULT_RTCP_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MIN_RTCP_INTERVAL = Duration.ofMillis(10);

    public MediaOptions {
        Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(clock, "clock");
        if (rtcpInterval.compareTo(MIN_RTCP_INTERVAL) < 0) {
            throw new IllegalArgumentException("rtcpInterval: expected at least 10 ms, got " + rtcpInterval.toMillis() + " ms");
        }
        Objects.requireNonNull(timelineInterval, "timelineInterval");
        if (timelineInterval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("timelineInterval: expected at least 1 ms, got " + timelineInterval);
        }
        if (timelineBuckets < 0) {
            throw new IllegalArgumentException("timelineBuckets: expected 0 or more, got " + timelineBuckets);
        }
        Objects.requireNonNull(faults, "faults");
    }

    /** Options without media faults, each session on a clock of its own. */
    public MediaOptions(Duration rtcpInterval, boolean rtcpMux, String cname, Clock clock, CaptureTaps capture,
                        Duration timelineInterval, int timelineBuckets) {
        this(rtcpInterval, rtcpMux, cname, clock, capture, timelineInterval, timelineBuckets, MediaFaults.NONE, null);
    }

    /** Options with the default timeline (100 ms buckets, at most 6000). */
    public MediaOptions(Duration rtcpInterval, boolean rtcpMux, String cname, Clock clock, CaptureTaps capture) {
        this(rtcpInterval, rtcpMux, cname, clock, capture, MediaTimelineRecorder.DEFAULT_INTERVAL,
                MediaTimelineRecorder.DEFAULT_MAX_BUCKETS);
    }

    /** 5 s reports on RTP port + 1, CNAME {@code sipshield@<address>}. */
    public static MediaOptions defaults(String address) {
        return builder().cname("sipshield@" + address).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MediaOptions}; unset values take the defaults. */
    public static final class Builder {
        private Duration rtcpInterval = DEFAULT_RTCP_INTERVAL;
        private boolean rtcpMux;
        private String cname = "sipshield";
        private Clock clock = Clock.systemUTC();
        private CaptureTaps capture;
        private Duration timelineInterval = MediaTimelineRecorder.DEFAULT_INTERVAL;
        private int timelineBuckets = MediaTimelineRecorder.DEFAULT_MAX_BUCKETS;
        private MediaFaults faults = MediaFaults.NONE;
        private FrameClocks frameClocks;

        private Builder() {
        }

        /** Mean time between RTCP reports; default 5 s, at least 10 ms (shorter makes tests quick). */
        public Builder rtcpInterval(Duration interval) {
            this.rtcpInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Whether to offer RTCP multiplexed on the RTP port. Default false. */
        public Builder rtcpMux(boolean mux) {
            this.rtcpMux = mux;
            return this;
        }

        public Builder cname(String cname) {
            this.cname = Objects.requireNonNull(cname, "cname");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Copies the session's datagrams and keys to {@code taps}; null (the default) captures nothing. */
        public Builder capture(CaptureTaps taps) {
            this.capture = taps;
            return this;
        }

        /**
         * The session's {@link MediaTimeline}: buckets of {@code interval} (default 100 ms), at most
         * {@code maxBuckets} of them (default 6000); 0 records no timeline.
         */
        public Builder timeline(Duration interval, int maxBuckets) {
            this.timelineInterval = Objects.requireNonNull(interval, "interval");
            this.timelineBuckets = maxBuckets;
            return this;
        }

        /** Media faults to play on the session (issue 11); default none. */
        public Builder faults(MediaFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /**
         * Shares the 20 ms clock of each event loop with the other sessions given the same {@code clocks};
         * null (the default): the session keeps a clock of its own.
         */
        public Builder frameClocks(FrameClocks clocks) {
            this.frameClocks = clocks;
            return this;
        }

        public MediaOptions build() {
            return new MediaOptions(rtcpInterval, rtcpMux, cname, clock, capture, timelineInterval, timelineBuckets,
                    faults, frameClocks);
        }
    }
}

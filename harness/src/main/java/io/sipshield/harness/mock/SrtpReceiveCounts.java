package io.sipshield.harness.mock;

import io.sipshield.emulator.srtp.SrtpStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What became of every SRTP packet the mock received, over all its channels: each packet handed
 * to a channel's {@code SrtpCodec} is counted under its {@link SrtpStatus} (OK, AUTH_FAIL, REPLAY,
 * TOO_OLD, MALFORMED, KEY_EXPIRED). Asterisk's res_srtp.c drops a packet that fails
 * {@code srtp_unprotect} and logs "SRTP unprotect failed ... authentication failure"; the mock drops
 * it too (the codec never passes it on) and counts it here, so a load run can show failures on
 * the server side as well as on the phones'. Written from any event loop, read from any thread.
 */
public final class SrtpReceiveCounts {

    private final Map<SrtpStatus, LongAdder> counts = new EnumMap<>(SrtpStatus.class);

    public SrtpReceiveCounts() {
        for (SrtpStatus status : SrtpStatus.values()) {
            counts.put(status, new LongAdder());
        }
    }

    /** Counts one received packet's outcome (the {@code SrtpCodec} status listener). */
    public void record(SrtpStatus status) {
        counts.get(status).increment();
    }

    /** Packets received so far with {@code status}. */
    public long count(SrtpStatus status) {
        return counts.get(status).sum();
    }

    /** Packets received so far whose authentication tag failed (or whose MKI named no key). */
    public long authFailures() {
        return count(SrtpStatus.AUTH_FAIL);
    }

    /** Packets received so far that were not passed on, whatever the reason (everything but OK). */
    public long rejected() {
        long sum = 0;
        for (SrtpStatus status : SrtpStatus.values()) {
            if (status != SrtpStatus.OK) {
                sum += count(status);
            }
        }
        return sum;
    }
}

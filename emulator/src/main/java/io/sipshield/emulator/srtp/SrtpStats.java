package io.sipshield.emulator.srtp;

/**
 * Counters of one SRTP or SRTCP context: packets protected, and packets unprotected by outcome.
 * Confined to the context's thread; read them through an immutable {@link Snapshot}.
 */
public final class SrtpStats {

    private long protectedPackets;
    private long unprotectedOk;
    private long authFail;
    private long replay;
    private long tooOld;
    private long malformed;

    SrtpStats() {
    }

    void recordProtected() {
        protectedPackets++;
    }

    void record(SrtpStatus status) {
        switch (status) {
            case OK -> unprotectedOk++;
            case AUTH_FAIL -> authFail++;
            case REPLAY -> replay++;
            case TOO_OLD -> tooOld++;
            case MALFORMED -> malformed++;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(protectedPackets, unprotectedOk, authFail, replay, tooOld, malformed);
    }

    /** The counters at one moment. */
    public record Snapshot(long protectedPackets, long unprotectedOk, long authFail, long replay,
            long tooOld, long malformed) {

        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, 0);

        /** The count for one unprotect outcome. */
        public long count(SrtpStatus status) {
            return switch (status) {
                case OK -> unprotectedOk;
                case AUTH_FAIL -> authFail;
                case REPLAY -> replay;
                case TOO_OLD -> tooOld;
                case MALFORMED -> malformed;
            };
        }

        /** Packets handed to unprotect that were dropped, whatever the reason. */
        public long rejected() {
            return authFail + replay + tooOld + malformed;
        }

        /** Both sets of counters added, e.g. to total several contexts. */
        public Snapshot plus(Snapshot other) {
            return new Snapshot(protectedPackets + other.protectedPackets, unprotectedOk + other.unprotectedOk,
                    authFail + other.authFail, replay + other.replay, tooOld + other.tooOld,
                    malformed + other.malformed);
        }
    }
}

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
    private long keyExpired;

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
            case KEY_EXPIRED -> keyExpired++;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(protectedPackets, unprotectedOk, authFail, replay, tooOld, malformed, keyExpired);
    }

    /**
     * The counters at one moment.
     *
     * @param keyExpired packets refused because the master key's lifetime was used up, in either
     *                   direction (a refused {@code protect} throws {@link SrtpKeyExpiredException})
     */
    public record Snapshot(long protectedPackets, long unprotectedOk, long authFail, long replay,
            long tooOld, long malformed, long keyExpired) {

        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, 0, 0);

        /** Counters without key expiry, as before lifetimes were enforced. */
        public Snapshot(long protectedPackets, long unprotectedOk, long authFail, long replay, long tooOld,
                long malformed) {
            this(protectedPackets, unprotectedOk, authFail, replay, tooOld, malformed, 0);
        }

        /** The count for one unprotect outcome. */
        public long count(SrtpStatus status) {
            return switch (status) {
                case OK -> unprotectedOk;
                case AUTH_FAIL -> authFail;
                case REPLAY -> replay;
                case TOO_OLD -> tooOld;
                case MALFORMED -> malformed;
                case KEY_EXPIRED -> keyExpired;
            };
        }

        /** Packets refused, whatever the reason (for a sending context: the ones refused for key expiry). */
        public long rejected() {
            return authFail + replay + tooOld + malformed + keyExpired;
        }

        /** Both sets of counters added, e.g. to total several contexts. */
        public Snapshot plus(Snapshot other) {
            return new Snapshot(protectedPackets + other.protectedPackets, unprotectedOk + other.unprotectedOk,
                    authFail + other.authFail, replay + other.replay, tooOld + other.tooOld,
                    malformed + other.malformed, keyExpired + other.keyExpired);
        }
    }
}

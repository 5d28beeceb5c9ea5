package io.sipshield.emulator.media.impair;

import io.sipshield.emulator.fault.Duplicate;
import io.sipshield.emulator.fault.MediaFault;
import io.sipshield.emulator.fault.PacketLoss;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.fault.ReplaySrtp;
import io.sipshield.emulator.fault.RocWrap;
import io.sipshield.emulator.fault.TamperSrtp;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The media faults of one phone, at most one of each kind: {@link RocWrap} sets where its RTP sender
 * starts; the others are played by a {@link PacketImpairment} on the datagrams that reach its media
 * port (see {@link MediaImpairmentHandler} for where and why).
 *
 * @param faults the faults, each kind at most once
 */
public record MediaFaults(List<MediaFault> faults) {

    /** No fault: the media path is left alone. */
    public static final MediaFaults NONE = new MediaFaults(List.of());

    public MediaFaults {
        faults = List.copyOf(faults);
        Set<String> names = new HashSet<>();
        for (MediaFault fault : faults) {
            if (!names.add(fault.name())) {
                throw new IllegalArgumentException("media faults: " + fault.name()
                        + " is given twice; give each media fault at most once");
            }
        }
    }

    public static MediaFaults of(MediaFault... faults) {
        return new MediaFaults(List.of(faults));
    }

    /** Whether there is no fault at all. */
    public boolean none() {
        return faults.isEmpty();
    }

    /** The sequence number wrap the sender plays, if any. */
    public Optional<RocWrap> rocWrap() {
        return find(RocWrap.class);
    }

    /** Whether any fault acts on received datagrams (all but {@link RocWrap}). */
    public boolean impairsDelivery() {
        return faults.stream().anyMatch(fault -> !(fault instanceof RocWrap));
    }

    Optional<PacketLoss> loss() {
        return find(PacketLoss.class);
    }

    Optional<Reorder> reorder() {
        return find(Reorder.class);
    }

    Optional<Duplicate> duplicate() {
        return find(Duplicate.class);
    }

    Optional<TamperSrtp> tamper() {
        return find(TamperSrtp.class);
    }

    Optional<ReplaySrtp> replay() {
        return find(ReplaySrtp.class);
    }

    private <T extends MediaFault> Optional<T> find(Class<T> kind) {
        return faults.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}

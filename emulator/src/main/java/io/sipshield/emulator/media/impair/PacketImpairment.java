package io.sipshield.emulator.media.impair;

import io.sipshield.emulator.fault.Duplicate;
import io.sipshield.emulator.fault.PacketLoss;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.fault.ReplaySrtp;
import io.sipshield.emulator.fault.TamperSrtp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A bad network in front of one media port, deterministic: each RTP datagram that arrives is
 * dropped, held back, tampered with, duplicated or replayed as the {@link MediaFaults} say, and what
 * is left is handed on in the order a receiver would see it. No clock and no socket: the caller feeds
 * datagrams in ({@link #arrive}) and, when the stream pauses, lets held packets out ({@link #flush}).
 *
 * <p>Decisions per arriving packet, numbered from 0 in arrival order:
 * <ul>
 *   <li>packet 0 always passes untouched, so the receiver's counts start where the tally's do
 *       (RFC 3550 A.1: {@code base_seq} is the first packet received);</li>
 *   <li>{@link PacketLoss}, {@link Reorder} and {@link Duplicate} each draw from their own
 *       {@link Random} seeded with the fault's seed, once per packet whatever the other faults do, so
 *       each fault's choices depend on its seed and the packet number only;</li>
 *   <li>a dropped packet is gone; {@link TamperSrtp} flips the lowest bit of the first payload byte of
 *       packets N, 2N, 3N... (the encrypted payload under SRTP);</li>
 *   <li>a packet {@link Reorder} picks is held until 1 to {@code depth} later packets have been
 *       delivered;</li>
 *   <li>a packet {@link Duplicate} picks is delivered twice in a row; packets N, 2N... of
 *       {@link ReplaySrtp} are delivered again once {@code lag} more packets have been delivered. A
 *       tampered packet is never copied, so every copy is a true replay for the receiver.</li>
 * </ul>
 *
 * <p>Datagrams that are not RTP version 2, and RTCP multiplexed on the RTP port (RFC 5761 §4: second
 * byte 192 to 223), pass untouched and uncounted. Confined to one thread, except {@link #tally()}.
 */
public final class PacketImpairment {

    private static final int RTP_HEADER = 12;

    private final PacketLoss loss;
    private final Reorder reorder;
    private final Duplicate duplicate;
    private final TamperSrtp tamper;
    private final ReplaySrtp replay;
    private final Random lossRandom;
    private final Random reorderRandom;
    private final Random duplicateRandom;
    private final List<Held> held = new ArrayList<>();
    private final List<Held> replays = new ArrayList<>();

    private long arrived;
    private long forwarded;
    private long dropped;
    private long late;
    private long duplicated;
    private long tampered;
    private long replayed;
    private long highestIntact = -1;
    private long inFlight;

    public PacketImpairment(MediaFaults faults) {
        this.loss = faults.loss().orElse(null);
        this.reorder = faults.reorder().orElse(null);
        this.duplicate = faults.duplicate().orElse(null);
        this.tamper = faults.tamper().orElse(null);
        this.replay = faults.replay().orElse(null);
        this.lossRandom = loss == null ? null : new Random(loss.seed());
        this.reorderRandom = reorder == null ? null : new Random(reorder.seed());
        this.duplicateRandom = duplicate == null ? null : new Random(duplicate.seed());
    }

    /** Whether this datagram is one the impairment acts on: RTP version 2 and not multiplexed RTCP. */
    public static boolean isRtp(byte[] datagram) {
        if (datagram.length < RTP_HEADER || (datagram[0] & 0xC0) != 0x80) {
            return false;
        }
        int secondByte = datagram[1] & 0xFF;
        return secondByte < 192 || secondByte > 223;
    }

    /**
     * One datagram arrives; {@code deliver} gets what goes on now, in order (maybe nothing, maybe
     * this packet, copies, and packets held before).
     */
    public void arrive(byte[] datagram, Consumer<byte[]> deliver) {
        if (!isRtp(datagram)) {
            deliver.accept(datagram);
            return;
        }
        long ordinal;
        boolean drop;
        boolean hold;
        int wait = 0;
        boolean copy;
        synchronized (this) {
            ordinal = arrived++;
        }
        drop = loss != null && lossRandom.nextDouble() * 100 < loss.percent();
        if (reorder != null) {
            hold = reorderRandom.nextDouble() * 100 < reorder.percent();
            wait = 1 + reorderRandom.nextInt(reorder.depth());
        } else {
            hold = false;
        }
        copy = duplicate != null && duplicateRandom.nextDouble() * 100 < duplicate.percent();
        if (ordinal == 0) {
            deliverFrom(new Held(ordinal, datagram, false, false, false, 0), deliver);
            return;
        }
        if (drop) {
            synchronized (this) {
                dropped++;
            }
            return;
        }
        boolean flip = tamper != null && ordinal % tamper.everyNth() == 0;
        byte[] bytes = flip ? flipped(datagram) : datagram;
        boolean again = !flip && replay != null && ordinal % replay.everyNth() == 0;
        Held packet = new Held(ordinal, bytes, flip, copy && !flip, again, wait);
        if (hold) {
            held.add(packet);
        } else {
            deliverFrom(packet, deliver);
        }
        countInFlight();
    }

    private synchronized void countInFlight() {
        inFlight = held.size() + replays.size();
    }

    /** Delivers every packet still held and every replay still due, oldest first (the stream has paused). */
    public void flush(Consumer<byte[]> deliver) {
        while (!held.isEmpty() || !replays.isEmpty()) {
            if (!held.isEmpty()) {
                held.sort(Comparator.comparingLong(Held::ordinal));
                deliverFrom(held.remove(0), deliver);
            } else {
                Held due = replays.remove(0);
                deliver.accept(due.bytes);
                synchronized (this) {
                    replayed++;
                }
            }
        }
        countInFlight();
    }

    /** Whether packets are held back or replays are due: a {@link #flush} would deliver something. */
    public boolean holding() {
        return !held.isEmpty() || !replays.isEmpty();
    }

    /** The counts so far. Any thread. */
    public synchronized ImpairmentTally tally() {
        long lost = highestIntact < 0 ? 0 : highestIntact + 1 - forwarded;
        return new ImpairmentTally(arrived, forwarded, dropped, late, duplicated, tampered, replayed, lost, inFlight);
    }

    /** Delivers {@code first}, then whatever its delivery releases (held packets, due replays), in order. */
    private void deliverFrom(Held first, Consumer<byte[]> deliver) {
        List<Held> queue = new ArrayList<>();
        queue.add(first);
        while (!queue.isEmpty()) {
            Held packet = queue.remove(0);
            emit(packet, deliver);
            List<Held> released = tick(deliver);
            if (packet.replay) {
                replays.add(new Held(packet.ordinal, packet.bytes.clone(), false, false, false, replay.lag()));
            }
            queue.addAll(released);
        }
    }

    private void emit(Held packet, Consumer<byte[]> deliver) {
        deliver.accept(packet.bytes);
        synchronized (this) {
            if (packet.tampered) {
                tampered++;
            } else {
                forwarded++;
                if (packet.ordinal < highestIntact) {
                    late++;
                } else {
                    highestIntact = packet.ordinal;
                }
            }
        }
        if (packet.duplicate) {
            deliver.accept(packet.bytes.clone());
            synchronized (this) {
                duplicated++;
            }
        }
    }

    /** One packet was delivered: held packets and due replays count down; returns the held ones released. */
    private List<Held> tick(Consumer<byte[]> deliver) {
        for (Iterator<Held> due = replays.iterator(); due.hasNext(); ) {
            Held copy = due.next();
            if (--copy.wait == 0) {
                due.remove();
                deliver.accept(copy.bytes);
                synchronized (this) {
                    replayed++;
                }
            }
        }
        List<Held> released = new ArrayList<>();
        for (Iterator<Held> waiting = held.iterator(); waiting.hasNext(); ) {
            Held packet = waiting.next();
            if (--packet.wait == 0) {
                waiting.remove();
                released.add(packet);
            }
        }
        released.sort(Comparator.comparingLong(Held::ordinal));
        return released;
    }

    /** A copy with the lowest bit of the first payload byte flipped (past header, CSRCs and extension). */
    static byte[] flipped(byte[] datagram) {
        byte[] copy = datagram.clone();
        int at = RTP_HEADER + 4 * (copy[0] & 0x0F);
        if ((copy[0] & 0x10) != 0 && at + 4 <= copy.length) {
            at += 4 + 4 * (((copy[at + 2] & 0xFF) << 8) | (copy[at + 3] & 0xFF));
        }
        copy[Math.min(at, copy.length - 1)] ^= 0x01;
        return copy;
    }

    /** A packet in flight: held back, or a replay copy due {@code wait} deliveries from now. */
    private static final class Held {
        final long ordinal;
        final byte[] bytes;
        final boolean tampered;
        final boolean duplicate;
        final boolean replay;
        int wait;

        Held(long ordinal, byte[] bytes, boolean tampered, boolean duplicate, boolean replay, int wait) {
            this.ordinal = ordinal;
            this.bytes = bytes;
            this.tampered = tampered;
            this.duplicate = duplicate;
            this.replay = replay;
            this.wait = wait;
        }

        long ordinal() {
            return ordinal;
        }
    }
}

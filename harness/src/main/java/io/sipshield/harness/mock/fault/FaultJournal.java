package io.sipshield.harness.mock.fault;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the mock's faults did, in order: which fault acted on which connection, when, and how
 * ("closed the connection (close_notify, FIN) when a REGISTER arrived"). A test or a scenario report
 * reads it after the run, like MockWebServer's recorded requests. Thread-safe: connections on
 * different event loops write to it.
 */
public final class FaultJournal {

    /**
     * One action of a fault.
     *
     * @param fault  the fault's name ({@code close-connection})
     * @param remote the phone's address, or null for a server-wide action (a restart)
     * @param at     when
     * @param detail what was done
     */
    public record Entry(String fault, InetSocketAddress remote, Instant at, String detail) {

        @Override
        public String toString() {
            return fault + (remote == null ? "" : " " + remote) + ": " + detail;
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final AtomicInteger coalescedSent = new AtomicInteger();
    private final AtomicInteger coalescedAnswered = new AtomicInteger();

    public void record(String fault, InetSocketAddress remote, String detail) {
        entries.add(new Entry(fault, remote, Instant.now(), detail));
    }

    /** Every action so far, oldest first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The actions of one fault, by its name. */
    public List<Entry> entries(String fault) {
        return entries.stream().filter(entry -> entry.fault().equals(fault)).toList();
    }

    /** Requests the {@code coalesced-messages} fault sent, all connections together. */
    public int coalescedSent() {
        return coalescedSent.get();
    }

    /** Final responses the phones sent to those requests. */
    public int coalescedAnswered() {
        return coalescedAnswered.get();
    }

    void addCoalescedSent(int count) {
        coalescedSent.addAndGet(count);
    }

    void addCoalescedAnswer() {
        coalescedAnswered.incrementAndGet();
    }
}

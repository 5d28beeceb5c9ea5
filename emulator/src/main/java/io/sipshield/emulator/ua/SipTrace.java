package io.sipshield.emulator.ua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every SIP message a phone sent or received, in order: the material of a ladder diagram.
 * Thread-safe: written on the event loop, read by whoever reports.
 */
public final class SipTrace {

    /** Which way a message went. */
    public enum Direction { SENT, RECEIVED }

    /**
     * @param at        when it was sent or received
     * @param direction which way
     * @param firstLine the request or status line
     * @param text      the whole message
     */
    public record Entry(Instant at, Direction direction, String firstLine, String text) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void record(Direction direction, String text) {
        int end = text.indexOf('\r');
        String firstLine = end < 0 ? text : text.substring(0, end);
        entries.add(new Entry(Instant.now(), direction, firstLine, text));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}

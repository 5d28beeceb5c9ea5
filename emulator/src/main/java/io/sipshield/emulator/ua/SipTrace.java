package io.sipshield.emulator.ua;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SIP messages a phone sent or received, in order: the material of a ladder diagram.
 * SDES keys ({@code a=crypto ... inline:<key||salt>}) are redacted as they are recorded, so a trace
 * can go into any report without leaking SRTP master keys. Thread-safe: written on the event loop,
 * read by whoever reports.
 *
 * <p>A trace keeps every message ({@link #SipTrace()}) or, for phones held for hours (a load run's
 * re-registrations and keep-alive answers), only the first and the last few ({@link #keeping}), counting
 * those left out between them; a trace keeping none does not even render the messages.
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

    private final List<Entry> first = new ArrayList<>();
    private final ArrayDeque<Entry> last = new ArrayDeque<>();
    private final int keepFirst;
    private final int keepLast;
    private long omitted;

    /** A trace that keeps every message. */
    public SipTrace() {
        this(Integer.MAX_VALUE, 0);
    }

    private SipTrace(int keepFirst, int keepLast) {
        this.keepFirst = keepFirst;
        this.keepLast = keepLast;
    }

    /**
     * A trace that keeps the first {@code first} messages and the last {@code last}, and counts the
     * ones between; {@code keeping(0, 0)} keeps none.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public static SipTrace keeping(int first, int last) {
        if (first < 0 || last < 0) {
            throw new IllegalArgumentException("keeping: expected 0 or more first and last messages, got "
                    + first + " and " + last);
        }
        return new SipTrace(first, last);
    }

    /** False when the trace keeps no message: callers need not render one for it. */
    public boolean recording() {
        return keepFirst > 0 || keepLast > 0;
    }

    /** An inline key parameter (RFC 4568 §6.1): base64 key||salt, then optional |lifetime|MKI. */
    private static final Pattern INLINE_KEY = Pattern.compile("(inline:)[A-Za-z0-9+/=]+");

    /** What a recorded message shows in place of an SDES key. */
    public static final String REDACTED = "[key redacted]";

    synchronized void record(Direction direction, String message) {
        if (first.size() < keepFirst) {
            first.add(entry(direction, message));
            return;
        }
        if (keepLast == 0) {
            omitted++;
            return;
        }
        if (last.size() == keepLast) {
            last.removeFirst();
            omitted++;
        }
        last.addLast(entry(direction, message));
    }

    private static Entry entry(Direction direction, String message) {
        String text = redact(message);
        int end = text.indexOf('\r');
        String firstLine = end < 0 ? text : text.substring(0, end);
        return new Entry(Instant.now(), direction, firstLine, text);
    }

    /** {@code message} with every SDES inline key replaced by {@link #REDACTED}. */
    public static String redact(String message) {
        return INLINE_KEY.matcher(message).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(REDACTED));
    }

    /** The messages kept, in order: the first ones, then the last ones (see {@link #omitted()}). */
    public synchronized List<Entry> entries() {
        List<Entry> kept = new ArrayList<>(first.size() + last.size());
        kept.addAll(first);
        kept.addAll(last);
        return List.copyOf(kept);
    }

    /** How many messages were left out between the first and the last kept (0 for a trace that keeps all). */
    public synchronized long omitted() {
        return omitted;
    }
}

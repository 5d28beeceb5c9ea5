package io.sipshield.emulator.ua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every SIP message a phone sent or received, in order: the material of a ladder diagram.
 * SDES keys ({@code a=crypto ... inline:<key||salt>}) are redacted as they are recorded, so a trace
 * can go into any report without leaking SRTP master keys. Thread-safe: written on the event loop,
 * read by whoever reports.
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

    /** An inline key parameter (RFC 4568 §6.1): base64 key||salt, then optional |lifetime|MKI. */
    private static final Pattern INLINE_KEY = Pattern.compile("(inline:)[A-Za-z0-9+/=]+");

    /** What a recorded message shows in place of an SDES key. */
    public static final String REDACTED = "[key redacted]";

    synchronized void record(Direction direction, String message) {
        String text = redact(message);
        int end = text.indexOf('\r');
        String firstLine = end < 0 ? text : text.substring(0, end);
        entries.add(new Entry(Instant.now(), direction, firstLine, text));
    }

    /** {@code message} with every SDES inline key replaced by {@link #REDACTED}. */
    public static String redact(String message) {
        return INLINE_KEY.matcher(message).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(REDACTED));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}

package io.sipshield.harness.mock;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * What one mock said in its own log, kept for the report of the scenario it served: Asterisk writes a
 * {@code WARNING} line when it refuses something (a REGISTER, a client certificate after the handshake, an
 * unusable answer), and a tester looking at one failing case wants those lines next to it. Every line goes to
 * SLF4J as before, under the logger of the class that wrote it and at its level, so {@code mock.log}
 * ({@code sipshield run}) and a user's Logback configuration still apply; the lines at {@link #RECORDED} and
 * above ({@code WARN}, {@code ERROR}: Asterisk's WARNING and ERROR) are also kept here, whatever level SLF4J
 * lets through. INFO and DEBUG lines (Asterisk's VERBOSE and DEBUG) are forwarded only: a busy mock writes one
 * per connection, and they would push out the warnings.
 *
 * <p>Bounded: the last {@code capacity} lines are kept and the older ones counted as dropped. Thread-safe: the
 * mock's connections write from their event loops. Nothing the mock logs holds a private key or an SRTP master
 * key, and nothing may.
 */
public final class PbxLog {

    /** How many lines a mock keeps unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 200;
    /** The lowest level kept: Asterisk's WARNING. */
    public static final Level RECORDED = Level.WARN;

    private final Clock clock;
    private final int capacity;
    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private long dropped;

    /**
     * @param clock    stamps each line
     * @param capacity how many lines to keep, at least 1
     */
    public PbxLog(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a PBX log keeps at least 1 line, got capacity " + capacity);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    /** A log that keeps the last {@link #DEFAULT_CAPACITY} lines. */
    public PbxLog(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    /** Where {@code source} writes: SLF4J's logger of that class, and this log. */
    public Writer writer(Class<?> source) {
        return new Writer(LoggerFactory.getLogger(source), source.getSimpleName());
    }

    /** The lines kept so far, oldest first, and how many older ones were dropped. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(lines), dropped);
    }

    /** The lines kept so far, oldest first. */
    public List<Line> lines() {
        return snapshot().lines();
    }

    private void keep(Level level, String source, String format, Object[] arguments) {
        String text = MessageFormatter.arrayFormat(format, arguments).getMessage();
        Line line = new Line(clock.instant(), level, source, text);
        synchronized (this) {
            if (lines.size() == capacity) {
                lines.removeFirst();
                dropped++;
            }
            lines.addLast(line);
        }
    }

    /**
     * One line the mock logged.
     *
     * @param at     when
     * @param level  its SLF4J level ({@code WARN} is Asterisk's WARNING)
     * @param source the simple name of the class that wrote it, as Asterisk names its source file
     * @param text   the message with its arguments filled in
     */
    public record Line(Instant at, Level level, String source, String text) {

        public Line {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
        }

        /** {@code 2026-11-24T10:15:30Z WARN ClientCertificateGate: closing ...}. */
        @Override
        public String toString() {
            return at + " " + level + " " + source + ": " + text;
        }
    }

    /**
     * The lines at one moment.
     *
     * @param lines   the kept lines, oldest first
     * @param dropped how many older lines were dropped to keep within the capacity
     */
    public record Snapshot(List<Line> lines, long dropped) {

        public Snapshot {
            lines = List.copyOf(lines);
        }
    }

    /** One class's way into the log: the SLF4J calls it made before, with the same format and arguments. */
    public final class Writer {

        private final Logger logger;
        private final String source;

        private Writer(Logger logger, String source) {
            this.logger = logger;
            this.source = source;
        }

        public void error(String format, Object... arguments) {
            keep(Level.ERROR, source, format, arguments);
            logger.error(format, arguments);
        }

        public void warn(String format, Object... arguments) {
            keep(Level.WARN, source, format, arguments);
            logger.warn(format, arguments);
        }

        /** Forwarded to SLF4J only (see {@link PbxLog}). */
        public void info(String format, Object... arguments) {
            logger.info(format, arguments);
        }

        /** Forwarded to SLF4J only (see {@link PbxLog}). */
        public void debug(String format, Object... arguments) {
            logger.debug(format, arguments);
        }
    }
}

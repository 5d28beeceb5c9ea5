package io.sipshield.harness.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Where the mock Asterisk's log goes during {@code sipshield run} and {@code sipshield load}. The mock logs as
 * Asterisk does, a WARNING for a failed TLS handshake or a REGISTER it refused; in a suite those are often the very
 * outcomes the scenarios expect, in a load run there can be thousands, and on the console they would interleave
 * with the results or the progress lines. So for the run the mock's log
 * (INFO and up) goes to {@code mock.log} in the report directory, or, without one, nowhere; the console keeps
 * sipshield's own warnings. {@code -Dsipshield.log=LEVEL} leaves everything on the console as asked.
 * {@link #close()} puts the logger back as it was.
 */
final class MockLogRouting implements AutoCloseable {

    static final String LOGGER = "io.sipshield.harness.mock";
    static final String FILE_NAME = "mock.log";

    private final Logger logger;
    private final Level level;
    private final boolean additive;
    private final FileAppender<ILoggingEvent> file;
    private final Path path;
    private final AtomicLong lines = new AtomicLong();

    private MockLogRouting(Logger logger, FileAppender<ILoggingEvent> file, Path path) {
        this.logger = logger;
        this.level = logger == null ? null : logger.getLevel();
        this.additive = logger == null || logger.isAdditive();
        this.file = file;
        this.path = path;
    }

    /**
     * Routes the mock's log for a run with reports in {@code reportDir} (null: no report directory), unless the
     * user asked for a log level or SLF4J is not bound to Logback (then nothing changes).
     */
    static MockLogRouting install(Path reportDir) {
        if (System.getProperty("sipshield.log") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new MockLogRouting(null, null, null);
        }
        Logger logger = context.getLogger(LOGGER);
        FileAppender<ILoggingEvent> file = null;
        Path path = null;
        if (reportDir != null) {
            path = reportDir.resolve(FILE_NAME);
            file = fileAppender(context, path);
        }
        MockLogRouting routing = new MockLogRouting(logger, file, path);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        if (file != null) {
            file.addFilter(routing.counter());
            file.start();
            logger.addAppender(file);
        }
        return routing;
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path path) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("sipshield-run-mock-log");
        file.setFile(path.toString());
        file.setAppend(false);
        file.setEncoder(encoder);
        return file;
    }

    private Filter<ILoggingEvent> counter() {
        return new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                lines.incrementAndGet();
                return FilterReply.NEUTRAL;
            }
        };
    }

    /** The file the mock's log went to, when there was one and the mock wrote to it. */
    Optional<Path> written() {
        return path != null && lines.get() > 0 ? Optional.of(path) : Optional.empty();
    }

    /** How many lines the mock logged to the file. */
    long lines() {
        return lines.get();
    }

    @Override
    public void close() {
        if (logger == null) {
            return;
        }
        if (file != null) {
            logger.detachAppender(file);
            file.stop();
        }
        logger.setLevel(level);
        logger.setAdditive(additive);
    }
}

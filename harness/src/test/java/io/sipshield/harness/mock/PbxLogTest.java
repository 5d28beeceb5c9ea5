package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PbxLogTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    private final PbxLog log = new PbxLog(Clock.fixed(NOW, ZoneOffset.UTC), 3);
    private final Logger slf4j = (Logger) LoggerFactory.getLogger(ClientCertificateGate.class);
    private final ListAppender<ILoggingEvent> forwarded = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = slf4j.getLevel();
        slf4j.setLevel(Level.DEBUG);
        forwarded.start();
        slf4j.addAppender(forwarded);
    }

    @AfterEach
    void stopListening() {
        slf4j.detachAppender(forwarded);
        slf4j.setLevel(levelBefore);
    }

    @Test
    void aWarningIsKeptWithItsArgumentsFilledInItsTimeLevelAndSource() {
        log.writer(ClientCertificateGate.class).warn("closing {} after the TLS handshake: {}",
                new InetSocketAddress("127.0.0.1", 5061), "verify_client: X509_V_ERR_CERT_UNTRUSTED");
        PbxLog.Line line = log.lines().get(0);
        assertEquals(NOW, line.at());
        assertEquals(org.slf4j.event.Level.WARN, line.level());
        assertEquals("ClientCertificateGate", line.source());
        assertEquals("closing /127.0.0.1:5061 after the TLS handshake: verify_client: X509_V_ERR_CERT_UNTRUSTED",
                line.text());
        assertEquals("2026-11-24T10:15:30Z WARN ClientCertificateGate: closing /127.0.0.1:5061 after the TLS "
                + "handshake: verify_client: X509_V_ERR_CERT_UNTRUSTED", line.toString());
    }

    @Test
    void everyLineGoesToSlf4jUnderTheWritersLoggerAtItsLevelKeptOrNot() {
        PbxLog.Writer writer = log.writer(ClientCertificateGate.class);
        writer.debug("d {}", 1);
        writer.info("i {}", 2);
        writer.warn("w {}", 3);
        writer.error("e {}", 4);
        assertEquals(List.of("DEBUG d 1", "INFO i 2", "WARN w 3", "ERROR e 4"), forwarded.list.stream()
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList());
        forwarded.list.forEach(event -> assertEquals(ClientCertificateGate.class.getName(), event.getLoggerName()));
        // INFO and DEBUG are Asterisk's VERBOSE and DEBUG: forwarded, not kept
        assertEquals(List.of("w 3", "e 4"), log.lines().stream().map(PbxLog.Line::text).toList());
        assertEquals(List.of(org.slf4j.event.Level.WARN, org.slf4j.event.Level.ERROR),
                log.lines().stream().map(PbxLog.Line::level).toList());
    }

    @Test
    void linesAreKeptEvenWhenSlf4jDoesNotLetThemThrough() {
        slf4j.setLevel(Level.OFF);
        log.writer(ClientCertificateGate.class).warn("REGISTER from {} refused: {}", "101", "no such AOR");
        assertTrue(forwarded.list.isEmpty(), forwarded.list.toString());
        assertEquals(List.of("REGISTER from 101 refused: no such AOR"),
                log.lines().stream().map(PbxLog.Line::text).toList());
    }

    @Test
    void onlyTheLastLinesAreKeptAndTheOlderOnesCounted() {
        PbxLog.Writer writer = log.writer(PbxSipHandler.class);
        for (int i = 1; i <= 5; i++) {
            writer.warn("line {}", i);
        }
        PbxLog.Snapshot snapshot = log.snapshot();
        assertEquals(List.of("line 3", "line 4", "line 5"), snapshot.lines().stream().map(PbxLog.Line::text).toList());
        assertEquals(2, snapshot.dropped());
    }

    @Test
    void aSnapshotDoesNotChangeWithLaterLines() {
        PbxLog.Writer writer = log.writer(Dialler.class);
        writer.warn("first");
        PbxLog.Snapshot before = log.snapshot();
        writer.warn("second");
        assertEquals(1, before.lines().size());
        assertEquals(0, before.dropped());
        assertEquals(2, log.lines().size());
    }

    @Test
    void aThrowableLastIsNotPartOfTheTextWhenNoPlaceholderTakesIt() {
        slf4j.setLevel(Level.OFF); // no stack trace in the test's output
        log.writer(PbxSipHandler.class).warn("closing {}", "/127.0.0.1:1234", new IllegalStateException("boom"));
        assertEquals("closing /127.0.0.1:1234", log.lines().get(0).text());
    }

    @Test
    void aLogThatKeepsNothingIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new PbxLog(Clock.systemUTC(), 0));
        assertTrue(refused.getMessage().contains("capacity 0"), refused.getMessage());
    }
}

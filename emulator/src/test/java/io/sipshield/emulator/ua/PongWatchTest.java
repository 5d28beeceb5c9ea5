package io.sipshield.emulator.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.sipshield.emulator.sip.SipKeepAlive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PongWatch}: a ping without a pong in time fails the flow once; a pong in time does not. */
class PongWatchTest {

    private static final Duration TIMEOUT = Duration.ofMillis(50);

    private final List<String> failures = new ArrayList<>();
    private PongWatch watch;
    private EmbeddedChannel channel;

    @BeforeEach
    void setup() {
        watch = new PongWatch(TIMEOUT, failures::add);
        channel = new EmbeddedChannel(watch);
    }

    @AfterEach
    void teardown() {
        channel.finishAndReleaseAll();
    }

    /** Lets the timeout pass and runs what the channel's loop has due. */
    private void pastTheTimeout() throws InterruptedException {
        Thread.sleep(TIMEOUT.toMillis() * 3);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aPingWithoutAPongFailsTheFlowOnceNamingTheWaitAndTheRfc() throws Exception {
        channel.writeOutbound(SipKeepAlive.PING);
        assertSame(SipKeepAlive.PING, channel.readOutbound(), "the ping goes on to the wire");
        channel.writeOutbound(SipKeepAlive.PING); // a second ping does not restart the wait
        channel.readOutbound();
        assertTrue(watch.waiting());
        pastTheTimeout();
        assertEquals(List.of("no CRLF pong within 50 ms of a keep-alive ping (RFC 5626 §4.4.1)"), failures);
        assertFalse(watch.waiting());
    }

    @Test
    void aPongInTimeEndsTheWaitAndGoesOn() throws Exception {
        channel.writeOutbound(SipKeepAlive.PING);
        channel.writeInbound(SipKeepAlive.PONG);
        assertSame(SipKeepAlive.PONG, channel.readInbound(), "the pong goes on to the user agent");
        assertFalse(watch.waiting());
        pastTheTimeout();
        assertEquals(List.of(), failures);
    }

    @Test
    void aClosedConnectionIsNotReportedAgainAsUnanswered() throws Exception {
        channel.writeOutbound(SipKeepAlive.PING);
        channel.close();
        pastTheTimeout();
        assertEquals(List.of(), failures);
    }

    @Test
    void otherMessagesNeitherStartNorEndTheWait() throws Exception {
        channel.writeOutbound("REGISTER");
        assertFalse(watch.waiting());
        channel.writeOutbound(SipKeepAlive.PING);
        channel.writeInbound("SIP/2.0 200 OK");
        assertTrue(watch.waiting(), "only a pong answers a ping");
        pastTheTimeout();
        assertEquals(1, failures.size());
    }

    @Test
    void aTimeoutOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PongWatch(Duration.ZERO, failures::add));
    }
}

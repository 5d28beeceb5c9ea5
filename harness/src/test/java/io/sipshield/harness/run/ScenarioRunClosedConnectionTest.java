package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ScenarioRunClosedConnectionTest {

    @Test
    void aConnectionClosedUnderTheRequestIsAnOutcomeNotAnError() {
        assertTrue(ScenarioRun.closedConnection(new ClosedChannelException()));
        assertTrue(ScenarioRun.closedConnection(new IllegalStateException("REGISTER failed",
                new ClosedChannelException())));
        assertTrue(ScenarioRun.closedConnection(new IOException("Connection reset by peer")));
    }

    @Test
    void otherFailuresStayErrors() {
        assertFalse(ScenarioRun.closedConnection(new TimeoutException("REGISTER: no answer within 15 s")));
        assertFalse(ScenarioRun.closedConnection(new IllegalArgumentException("bad SDP")));
        assertFalse(ScenarioRun.closedConnection(new IOException("No route to host")));
        assertFalse(ScenarioRun.closedConnection(null));
    }
}

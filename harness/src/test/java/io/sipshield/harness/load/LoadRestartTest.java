package io.sipshield.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.fault.RestartServer;
import io.sipshield.emulator.ua.ReconnectPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded mock restarts in the middle of a load run: every phone reconnects and registers again. */
@Tag("slow")
@Timeout(90)
class LoadRestartTest {

    private static final ReconnectPolicy FAST = ReconnectPolicy.of(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void everyPhoneRecoversFromARestartedServerAndTheSummaryCountsIt() {
        LoadResult result = LoadRun.builder().phones(20).rate(100).duration(Duration.ofSeconds(6))
                .stepTimeout(Duration.ofSeconds(20)).reconnect(FAST)
                .faults(List.of(new RestartServer(Duration.ofMillis(2500), Duration.ofMillis(500))))
                .build().run(snapshot -> { });

        assertEquals(20, result.firstRegistrations());
        assertEquals(20, result.end().drops(), "every phone's connection dropped once");
        assertEquals(20, result.end().recoveries(), "every phone recovered: " + result.failures());
        assertEquals(20, result.end().registered());
        assertEquals(20, result.targetContacts(), "the restarted registrar holds every phone again");
        assertEquals(java.util.Map.of(), result.failures());
        StringWriter summary = new StringWriter();
        LoadSummaryTable.print(result, new PrintWriter(summary));
        assertTrue(summary.toString().contains("connection drops 20, recovered 20"), summary.toString());
    }

    @Test
    void withoutAReconnectPolicyARestartEndsEveryPhone() {
        LoadResult result = LoadRun.builder().phones(5).rate(100).duration(Duration.ofSeconds(4))
                .keepAliveInterval(Duration.ofMillis(300)).stepTimeout(Duration.ofSeconds(20))
                .faults(List.of(new RestartServer(Duration.ofMillis(1500), Duration.ofMillis(300))))
                .build().run(snapshot -> { });

        assertEquals(5, result.firstRegistrations());
        assertEquals(0, result.end().recoveries());
        assertEquals(0, result.end().registered());
        assertEquals(5L, result.failures().get("connection closed"), result.failures().toString());
    }
}

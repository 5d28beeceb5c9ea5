package io.sipshield.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Load runs against the embedded mock on loopback: real TLS, real digest, real SRTP echo. Small numbers, no timing asserts. */
@Timeout(120)
class LoadRunTest {

    /** Other builds share this machine's 2 cores: steps may be slow, and slowness is not what is tested here. */
    private static final Duration SLOW_MACHINE = Duration.ofSeconds(30);

    @Test
    void everyPhoneRegistersKeepsAliveAndRefreshesWithNoFailure() {
        List<LoadSnapshot> progress = new ArrayList<>();
        LoadResult result = LoadRun.builder().phones(100).rate(200).registerExpires(3)
                .keepAliveInterval(Duration.ofMillis(500)).hold(Duration.ofSeconds(4)).stepTimeout(SLOW_MACHINE)
                .progressInterval(Duration.ofMillis(500)).build().run(progress::add);

        assertEquals(java.util.Map.of(), result.failures());
        assertFalse(result.failed());
        assertEquals(100, result.end().registered());
        assertEquals(100, result.targetContacts(), "the mock's registrar holds one contact per phone");
        assertEquals(100, result.firstRegistrations());
        assertEquals(100, result.latencies().get(Latency.TLS_HANDSHAKE).count());
        assertTrue(result.end().reRegistrations() >= 100, "3 s asked (2 s granted) refreshed in a 4 s hold: "
                + result.end());
        assertTrue(result.latencies().get(Latency.REGISTER).count() >= 200);
        assertTrue(result.end().keepAlives() >= 100, "CRLF pings sent: " + result.end());
        Percentiles register = result.latencies().get(Latency.REGISTER);
        assertTrue(register.p50().compareTo(register.p99()) <= 0 && register.p99().compareTo(register.max()) <= 0);
        assertTrue(register.p50().toNanos() > 0);
        assertEquals(0, result.latencies().get(Latency.CALL_SETUP).count(), "no calls asked for");
        assertFalse(progress.isEmpty());
        assertEquals(progress.size(), result.timeline().size());
        assertEquals(100, result.timeline().get(result.timeline().size() - 1).registered());
    }

    @Test
    void echoCallsHaveSetupAndMediaPercentilesAndNoSrtpAuthFailure() {
        LoadResult result = LoadRun.builder().phones(30).rate(100).callsPerPhone(2)
                .callDuration(Duration.ofMillis(600)).stepTimeout(SLOW_MACHINE).media(MediaKind.TONE).build().run(snapshot -> { });

        assertEquals(java.util.Map.of(), result.failures());
        assertEquals(60, result.end().calls(), "two calls per phone, each answered and hung up");
        assertEquals(60, result.latencies().get(Latency.CALL_SETUP).count());
        assertTrue(result.latencies().get(Latency.MEDIA_ROUND_TRIP).count() > 0);
        assertEquals(0, result.srtpAuthFailures());
        assertTrue(result.mediaSent() > 0);
        assertTrue(result.mediaEchoed() > 0);
    }

    @Test
    void silenceIsEchoedToo() {
        LoadResult result = LoadRun.builder().phones(5).rate(50).callsPerPhone(1)
                .callDuration(Duration.ofMillis(400)).media(MediaKind.SILENCE).stepTimeout(SLOW_MACHINE).build().run(snapshot -> { });

        assertEquals(java.util.Map.of(), result.failures());
        assertEquals(5, result.end().calls());
        assertTrue(result.latencies().get(Latency.MEDIA_ROUND_TRIP).count() > 0);
    }

    @Test
    void aWrongPasswordIsCountedUnderTheRegistrarsAnswer() {
        LoadResult result = LoadRun.builder().phones(20).rate(100).passwordTemplate("wrong-{user}").callsPerPhone(1)
                .stepTimeout(SLOW_MACHINE).build().run(snapshot -> { });

        assertTrue(result.failed());
        long refused = result.failures().getOrDefault("register 401", 0L) + result.failures().getOrDefault("register 403", 0L);
        assertEquals(20, refused, "every phone refused: " + result.failures());
        assertEquals(0, result.end().registered());
        assertEquals(0, result.targetContacts());
        assertEquals(0, result.latencies().get(Latency.CALL_SETUP).count(), "no call without a registration");
        assertEquals(20, result.latencies().get(Latency.TLS_HANDSHAKE).count(), "the handshakes themselves worked");
    }

    @Test
    void aServerThatIsNotThereIsATcpConnectFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LoadResult result = LoadRun.builder().phones(3).rate(100)
                .target(LoadTarget.remote(new InetSocketAddress("127.0.0.1", port), "pbx.sip.test", List.of()))
                .build().run(snapshot -> { });

        assertEquals(java.util.Map.of("tcp connect failed", 3L), result.failures());
        assertEquals(-1, result.targetContacts());
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertEquals("phones must be 1 to 100000, got 0",
                assertThrows(IllegalArgumentException.class, () -> LoadRun.builder().phones(0).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadRun.builder().rate(0).build())
                .getMessage().startsWith("rate must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadRun.builder().callsPerPhone(-1).build())
                .getMessage().startsWith("calls per phone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadRun.builder().reRegisterAt(1.0).build())
                .getMessage().startsWith("the re-register fraction"));
    }

    @Test
    void usersAndPasswordsFollowTheTemplate() {
        LoadRun run = LoadRun.builder().userPrefix("load").firstNumber(5000).passwordTemplate("s3cret-{user}!").build();
        assertEquals("load5000", run.user(0));
        assertEquals("load5007", run.user(7));
        assertEquals("s3cret-load5007!", run.password(run.user(7)));
        assertEquals("same", LoadRun.builder().passwordTemplate("same").build().password("1000"));
    }
}

package io.sipshield.harness.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** {@link LocalPeer} and {@link PeerPackages} with {@code /bin/sh} as the peer. */
@Timeout(30)
class LocalPeerTest {

    private static LocalPeer.Builder shell(String name, String script) throws Exception {
        return LocalPeer.builder(name).command(List.of("/bin/sh", "-c", script))
                .directory(LocalPeer.temporaryDirectory(name)).deleteDirectoryOnStop();
    }

    @Test
    void startsOnceTheLogLineIsPrintedAndStopsByPidDeletingItsDirectory() throws Exception {
        LocalPeer peer = shell("sleeper", "echo starting; echo ready now; exec sleep 30")
                .waitingFor(Readiness.forLogLine("ready now")).build();
        Path dir = peer.directory();
        try (peer) {
            peer.start();
            assertTrue(peer.alive());
            assertTrue(peer.printed(Pattern.compile("^starting$")), peer.lastLines(10)::toString);
            assertEquals(List.of("ready now"), peer.lastLines(1));
        }
        assertFalse(peer.alive(), "SIGTERM ended sleep");
        assertFalse(Files.exists(dir), "the directory with its configuration is gone");
    }

    @Test
    void aPeerThatIgnoresSigtermIsKilled() throws Exception {
        try (LocalPeer peer = shell("stubborn", "trap '' TERM; echo up; while true; do sleep 1; done")
                .waitingFor(Readiness.forLogLine("up")).stopTimeout(Duration.ofMillis(300)).build()) {
            peer.start();
            peer.stop();
            assertFalse(peer.alive(), "SIGKILL after the stop timeout");
        }
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastLines() throws Exception {
        LocalPeer peer = shell("silent", "echo line one; echo line two; exec sleep 30")
                .waitingFor(Readiness.forLogLine("never printed")).startupTimeout(Duration.ofMillis(500)).build();
        PeerLaunchException failed = assertThrows(PeerLaunchException.class, peer::start);
        assertTrue(failed.getMessage().contains("timed out after 500 ms waiting for output matching 'never printed'"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("line one\nline two"), failed.getMessage());
        assertFalse(peer.alive(), "stopped before the exception was thrown");
    }

    @Test
    void aPeerThatDiesBeforeItsPortOpensFailsAtOnceWithItsExitCode() throws Exception {
        LocalPeer peer = shell("dying", "echo bad config >&2; exit 3")
                .waitingFor(Readiness.forListeningPort(new InetSocketAddress("127.0.0.1", FreePorts.tcp()))).build();
        PeerLaunchException failed = assertThrows(PeerLaunchException.class, peer::start);
        assertTrue(failed.getMessage().contains("ended (exit 3) before a listener on tcp 127.0.0.1:"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("bad config"), "stderr is kept: " + failed.getMessage());
    }

    @Test
    void aProgramThatCannotBeStartedSaysWhich() throws Exception {
        LocalPeer peer = LocalPeer.builder("ghost").command(List.of("/nonexistent/ghost"))
                .directory(LocalPeer.temporaryDirectory("ghost")).deleteDirectoryOnStop().build();
        PeerLaunchException failed = assertThrows(PeerLaunchException.class, peer::start);
        assertTrue(failed.getMessage().contains("/nonexistent/ghost"), failed.getMessage());
        peer.stop();
    }

    @Test
    void aPeerIsSingleUse() throws Exception {
        try (LocalPeer peer = shell("once", "echo ok; exec sleep 30").waitingFor(Readiness.forLogLine("ok")).build()) {
            peer.start();
            assertThrows(IllegalStateException.class, peer::start);
        }
    }

    @Test
    void aMissingPackageFailsInCiWithTheInstallLine() {
        PeerPackages missing = new PeerPackages("sipshield-no-such-program", List.of("sipshield-no-such-package"),
                "a test");
        Map<String, String> ci = Map.of("PATH", "/usr/bin:/bin", "CI", "true");
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> missing.require(ci));
        assertTrue(failed.getMessage().contains("install: apt-get install -y sipshield-no-such-package"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("program sipshield-no-such-program"), failed.getMessage());
    }

    @Test
    void aMissingPackageSkipsOutsideCiWithTheSameReason() {
        PeerPackages missing = new PeerPackages("sipshield-no-such-program", List.of("sipshield-no-such-package"),
                "a test");
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> missing.require(Map.of("PATH", "/usr/bin:/bin")));
        assertTrue(skipped.getMessage().contains("install: apt-get install -y sipshield-no-such-package"),
                skipped.getMessage());
    }

    @Test
    void anInstalledProgramIsFoundOnThePath() {
        PeerPackages sh = new PeerPackages("sh", List.of("dash"), "a shell");
        assertEquals(Path.of("/bin/sh"), sh.require(Map.of("PATH", "/bin", "CI", "true")));
    }
}

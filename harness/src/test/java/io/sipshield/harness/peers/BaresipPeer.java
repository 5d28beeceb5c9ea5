package io.sipshield.harness.peers;

import io.sipshield.certs.IssuedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * baresip 1.0 ({@code baresip-core}) on 127.0.0.1 as an independent SDES-SRTP peer: libre's own
 * SRTP rather than libsrtp, its own SDP and its own SIP stack. It listens for TLS on
 * {@code sip_listen} + 1, answers an INVITE for its user at once, sends a WAV as its microphone
 * and records what it hears; {@link #control()} drives it through {@code ctrl_tcp}.
 *
 * <pre>{@code
 * try (BaresipPeer baresip = BaresipPeer.builder().user("102").certificate(pbxServer).audioSource(wav)
 *         .start(dir)) {
 *     phone settings: serverAddress(baresip.tlsAddress()) ...
 * }
 * }</pre>
 *
 * Ready once it prints {@code baresip is ready.} and {@code ctrl_tcp: TCP socket listening}. When a
 * port it was given is taken in between, the launch is retried with new ports (three times).
 * Stopped by PID: SIGTERM twice (baresip's first SIGTERM only asks its user agents to hang up and
 * unregister, the second ends the main loop: {@code baresip/src/main.c} {@code signal_handler}),
 * then SIGKILL ({@link LocalPeer#stop()}).
 */
public final class BaresipPeer implements AutoCloseable {

    /** baresip 1.0 from Debian's {@code baresip-core} (the {@code baresip} metapackage pulls in GTK). */
    public static final PeerPackages PACKAGES = new PeerPackages("baresip", List.of("baresip-core"),
            "an independent SDES-SRTP peer (libre's own SRTP, not libsrtp)");
    static final String READY = "baresip is ready\\.";
    static final String CONTROL_LISTENING = "ctrl_tcp: TCP socket listening on";
    private static final Pattern BIND_FAILED = Pattern.compile("(?i)address already in use|failed to listen");

    private final BaresipConfig config;
    private final Path directory;
    private final LocalPeer process;
    private final BaresipControl control;

    private BaresipPeer(BaresipConfig config, Path directory, LocalPeer process, BaresipControl control) {
        this.config = config;
        this.directory = directory;
        this.process = process;
        this.control = control;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where an emulated phone connects: baresip's TLS listener. */
    public InetSocketAddress tlsAddress() {
        return new InetSocketAddress("127.0.0.1", config.tlsPort());
    }

    /** The SIP URI that reaches this baresip over TLS. */
    public String uri() {
        return "sip:" + config.user() + "@127.0.0.1:" + config.tlsPort() + ";transport=tls";
    }

    public BaresipConfig config() {
        return config;
    }

    public BaresipControl control() {
        return control;
    }

    /** The last lines baresip printed (with {@code -v}): for failure messages. */
    public List<String> lastLines(int count) {
        return process.lastLines(count);
    }

    /** The WAV files {@code sndfile} wrote with what baresip received and decoded ({@code dump-*-dec.wav}). */
    public List<Path> receivedRecordings() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve(BaresipConfig.RECORDINGS))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
        }
    }

    /** Closes the control connection, then SIGTERM, a second SIGTERM after 2 s, SIGKILL after 3 s more. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            control.close();
        } finally {
            if (process.alive()) {
                ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
                ProcessHandle.of(process.pid()).ifPresent(handle -> handle.onExit().orTimeout(2, TimeUnit.SECONDS)
                        .exceptionally(timeout -> handle).join());
            }
            process.stop();
        }
    }

    /** What baresip is configured with; the ports are chosen at start. */
    public static final class Builder {
        private String user = "102";
        private IssuedCertificate certificate;
        private String mediaEncryption = "srtp-mand";
        private Path audioSource;
        private boolean autoAnswer = true;
        private Duration startupTimeout = Duration.ofSeconds(15);

        public Builder user(String name) {
            this.user = Objects.requireNonNull(name, "user");
            return this;
        }

        /** The certificate (and chain) baresip presents on its TLS listener. */
        public Builder certificate(IssuedCertificate presented) {
            this.certificate = presented;
            return this;
        }

        /** {@code srtp-mand} (default) or {@code srtp}. */
        public Builder mediaEncryption(String mode) {
            this.mediaEncryption = mode;
            return this;
        }

        /** The WAV baresip plays into every call (8 kHz mono 16-bit). */
        public Builder audioSource(Path wav) {
            this.audioSource = wav;
            return this;
        }

        public Builder autoAnswer(boolean auto) {
            this.autoAnswer = auto;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "startupTimeout");
            return this;
        }

        /**
         * Writes the configuration into {@code directory} and starts {@code baresip -f directory -v}.
         * Fails (CI) or skips the test when baresip is not installed.
         *
         * @throws PeerLaunchException when baresip does not get ready, with its last lines
         */
        public BaresipPeer start(Path directory) throws IOException, InterruptedException {
            Path binary = PACKAGES.require();
            PeerLaunchException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                BaresipConfig config = new BaresipConfig(user, FreePorts.sipPair(), FreePorts.tcp(), certificate,
                        mediaEncryption, audioSource, autoAnswer);
                config.write(directory);
                LocalPeer process = LocalPeer.builder("baresip")
                        .command(List.of(binary.toString(), "-f", directory.toString(), "-v"))
                        .directory(directory).startupTimeout(startupTimeout).stopTimeout(Duration.ofSeconds(3))
                        .waitingFor(Readiness.forLogLine(CONTROL_LISTENING))
                        .waitingFor(Readiness.forLogLine(READY))
                        .build();
                try {
                    process.start();
                    BaresipControl control = BaresipControl.connect(
                            new InetSocketAddress("127.0.0.1", config.controlPort()));
                    return new BaresipPeer(config, directory, process, control);
                } catch (PeerLaunchException e) {
                    last = e;
                } catch (IOException e) {
                    last = new PeerLaunchException("baresip", "ctrl_tcp on port " + config.controlPort()
                            + " refused: " + e.getMessage(), process.lastLines(50));
                }
                process.stop();
                if (!process.printed(BIND_FAILED)) {
                    throw last;
                }
            }
            throw last;
        }
    }
}

package io.sipshield.harness.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real program run on this machine as a test peer, in the shape of Testcontainers'
 * {@code GenericContainer} without Docker (STYLE.md §4 and guideline 12): configured by a builder,
 * {@link #start()}ed until every {@link Readiness} holds, {@link #stop()}ped by its own PID.
 *
 * <p>Its stdout and stderr are merged and the last {@value #KEPT_LINES} lines kept; a launch that
 * times out or a peer that dies first throws {@link PeerLaunchException} with what was awaited and
 * the last {@value #REPORTED_LINES} lines. Stopping sends SIGTERM to the process, waits the stop
 * timeout, then sends SIGKILL to it and to every process it started (looked up by PID before the
 * SIGTERM; a forking server such as Kamailio leaves children otherwise). Single use.
 *
 * <pre>{@code
 * try (LocalPeer peer = LocalPeer.builder("kamailio").command(List.of("kamailio", "-f", cfg, "-DD", "-E"))
 *         .directory(dir).waitingFor(Readiness.forListeningPort(address)).build()) {
 *     peer.start();
 * }
 * }</pre>
 */
public final class LocalPeer implements AutoCloseable {

    static final int KEPT_LINES = 500;
    static final int REPORTED_LINES = 50;

    private final String name;
    private final List<String> command;
    private final Path directory;
    private final boolean deleteDirectory;
    private final List<Readiness> readiness;
    private final Duration startupTimeout;
    private final Duration stopTimeout;
    private final Deque<String> lines = new ArrayDeque<>();
    private Process process;

    private LocalPeer(Builder builder) {
        this.name = builder.name;
        this.command = List.copyOf(builder.command);
        this.directory = builder.directory;
        this.deleteDirectory = builder.deleteDirectory;
        this.readiness = List.copyOf(builder.readiness);
        this.startupTimeout = builder.startupTimeout;
        this.stopTimeout = builder.stopTimeout;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A new private temporary directory for a peer's configuration ({@code sipshield-<name>-...}). */
    public static Path temporaryDirectory(String name) throws IOException {
        return Files.createTempDirectory("sipshield-" + name + "-");
    }

    /**
     * Starts the program in its directory and waits for each readiness condition in turn.
     *
     * @throws PeerLaunchException when it cannot be started, ends first or a condition times out; the
     *                             program is stopped before this is thrown
     */
    public synchronized LocalPeer start() throws PeerLaunchException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException(name + " was started already; a LocalPeer is single use");
        }
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PeerLaunchException(name, "could not be started (" + e.getMessage() + "): " + command,
                    List.of());
        }
        Thread reader = new Thread(this::readOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        try {
            for (Readiness condition : readiness) {
                await(condition, deadline);
            }
        } catch (PeerLaunchException | InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    private void await(Readiness condition, long deadline) throws PeerLaunchException, InterruptedException {
        while (true) {
            boolean met = condition instanceof Readiness.LogLine line ? printed(line.pattern())
                    : process.isAlive() && ((Readiness.ListeningPort) condition).accepts(Duration.ofMillis(200));
            if (met && process.isAlive()) {
                return;
            }
            if (!process.isAlive()) {
                process.waitFor();
                Thread.sleep(50); // let the reader take the last lines
                throw new PeerLaunchException(name, "ended (exit " + process.exitValue() + ") before "
                        + condition.describe(), lastLines(REPORTED_LINES));
            }
            if (System.nanoTime() > deadline) {
                throw new PeerLaunchException(name, "timed out after " + startupTimeout.toMillis()
                        + " ms waiting for " + condition.describe(), lastLines(REPORTED_LINES));
            }
            synchronized (lines) {
                lines.wait(50);
            }
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > KEPT_LINES) {
                        lines.removeFirst();
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended and its output closed
        }
    }

    /** Whether a line kept so far matches {@code pattern} (found anywhere in the line). */
    public boolean printed(Pattern pattern) {
        return lastLines(KEPT_LINES).stream().anyMatch(line -> pattern.matcher(line).find());
    }

    /** The last {@code count} lines of output, oldest first. */
    public List<String> lastLines(int count) {
        synchronized (lines) {
            List<String> all = new ArrayList<>(lines);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        }
    }

    public String name() {
        return name;
    }

    public Path directory() {
        return directory;
    }

    /** The program's PID; fails before {@link #start()}. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not started");
        }
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * SIGTERM to the program's PID, then after the stop timeout SIGKILL to it and to the processes it
     * had started; then deletes the directory when the builder asked for it. Does nothing twice.
     */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> children = process.descendants().toList();
            process.toHandle().destroy();
            if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        }
        if (deleteDirectory && Files.isDirectory(directory)) {
            deleteRecursively(directory);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the peer directory " + root, e);
        }
    }

    @Override
    public String toString() {
        return "LocalPeer[" + name + (process == null ? ", not started" : ", pid " + process.pid()
                + (process.isAlive() ? "" : ", ended")) + "]";
    }

    /** Configures one peer; {@link #build()} gives a peer not yet started. */
    public static final class Builder {

        private final String name;
        private List<String> command;
        private Path directory;
        private boolean deleteDirectory;
        private final List<Readiness> readiness = new ArrayList<>();
        private Duration startupTimeout = Duration.ofSeconds(20);
        private Duration stopTimeout = Duration.ofSeconds(5);

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The program and its arguments; the program is looked up on the {@code PATH}. */
        public Builder command(List<String> command) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException(name + ": the command needs at least the program");
            }
            this.command = List.copyOf(command);
            return this;
        }

        /** The working directory, where its configuration was written. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Deletes the directory on {@link #stop()}: it holds test keys and generated configuration. */
        public Builder deleteDirectoryOnStop() {
            this.deleteDirectory = true;
            return this;
        }

        /** A readiness condition, awaited after those added before. */
        public Builder waitingFor(Readiness condition) {
            readiness.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /** For all readiness conditions together; 20 s unless set. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = requirePositive(timeout, "startupTimeout");
            return this;
        }

        /** How long SIGTERM has before SIGKILL; 5 s unless set. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = requirePositive(timeout, "stopTimeout");
            return this;
        }

        private Duration requirePositive(Duration timeout, String field) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + ": " + field + " must be positive, got " + timeout);
            }
            return timeout;
        }

        public LocalPeer build() {
            if (command == null) {
                throw new IllegalStateException(name + ": no command set");
            }
            if (directory == null) {
                throw new IllegalStateException(name + ": no directory set (LocalPeer.temporaryDirectory(name))");
            }
            return new LocalPeer(this);
        }
    }
}

package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * libsrtp2 as the other end: {@code src/test/c/srtp_peer.c}, compiled with gcc against Debian's
 * {@code libsrtp2-dev}, run once per batch of packets (hex lines in, hex lines out). Without gcc or
 * libsrtp2-dev the differential tests are skipped with the reason; in CI ({@code CI=true}) they
 * fail instead.
 */
final class LibsrtpPeer {

    private static final HexFormat HEX = HexFormat.of();
    private static final Path SOURCE = Path.of("src", "test", "c", "srtp_peer.c");
    private static final String INSTALL = "apt-get install gcc libsrtp2-dev";

    /** One packet's outcome: the bytes, or libsrtp's error name (auth_fail, replay_fail, replay_old, ...). */
    record Reply(byte[] packet, String error) {
        boolean ok() {
            return packet != null;
        }
    }

    private final Path binary;

    private LibsrtpPeer(Path binary) {
        this.binary = binary;
    }

    /** Compiles the helper into {@code directory}; skips the test (fails in CI) if gcc or libsrtp2-dev is missing. */
    static LibsrtpPeer compile(Path directory) throws Exception {
        Path binary = directory.resolve("srtp_peer");
        Path log = directory.resolve("gcc.log");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", binary.toString(), SOURCE.toString(), "-lsrtp2")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            unavailable("gcc is not installed");
            return null;
        }
        if (!gcc.waitFor(120, TimeUnit.SECONDS)) {
            gcc.destroyForcibly();
            fail("gcc did not compile " + SOURCE + " within 120 s");
        }
        if (gcc.exitValue() != 0) {
            String output = Files.readString(log);
            if (output.contains("srtp2/srtp.h") || output.contains("-lsrtp2")) {
                unavailable("libsrtp2-dev is not installed");
            }
            fail("gcc could not compile " + SOURCE + ":\n" + output);
        }
        return new LibsrtpPeer(binary);
    }

    private static void unavailable(String what) {
        String reason = what + " (Debian: " + INSTALL + "); the libsrtp differential tests need it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        Assumptions.abort(reason);
    }

    /** A libsrtp session that protects (role "send") or unprotects ("recv") the packets given. */
    Session session(SrtpCryptoSuite suite, String role, String... options) {
        return new Session(suite, role, List.of(options));
    }

    /** The arguments and commands of one helper run; {@link #run()} starts it and reads every reply. */
    final class Session {
        private final List<String> command = new ArrayList<>();
        private final StringBuilder input = new StringBuilder();
        private int packets;

        private Session(SrtpCryptoSuite suite, String role, List<String> options) {
            command.add(binary.toString());
            command.add(suite.sdpName());
            command.add(role);
            command.addAll(options);
        }

        /** A master key, optionally with its MKI. */
        Session key(SrtpMasterKey key, SrtpMki mki) {
            command.add(HEX.formatHex(key.keyAndSalt()) + (mki == null ? "" : ":" + HEX.formatHex(mki.value())));
            return this;
        }

        Session rtp(byte[] packet) {
            input.append("rtp ").append(HEX.formatHex(packet)).append('\n');
            packets++;
            return this;
        }

        Session rtcp(byte[] packet) {
            input.append("rtcp ").append(HEX.formatHex(packet)).append('\n');
            packets++;
            return this;
        }

        /** Sends with the n-th key (0-based) from the next packet on. */
        Session use(int keyIndex) {
            input.append("use ").append(keyIndex).append('\n');
            return this;
        }

        List<Reply> run() throws Exception {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().write(input.toString().getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("srtp_peer did not finish within 30 s");
            }
            assertEquals(0, process.exitValue(), () -> "srtp_peer failed: " + err);
            List<Reply> replies = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("ok ")) {
                    replies.add(new Reply(HEX.parseHex(line.substring(3)), null));
                } else if (line.startsWith("err ")) {
                    replies.add(new Reply(null, line.substring(4)));
                }
            }
            assertEquals(packets, replies.size(), () -> "srtp_peer answered " + out + err);
            return replies;
        }
    }
}

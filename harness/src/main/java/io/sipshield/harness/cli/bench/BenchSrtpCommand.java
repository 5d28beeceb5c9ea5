package io.sipshield.harness.cli.bench;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.harness.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield bench srtp}: SRTP protect and unprotect packets per second for 172-byte RTP
 * packets, per suite, one thread: sipshield (a timed loop with warm-up), and when gcc and the
 * development files are there, libsrtp2 and a plain loop over OpenSSL's EVP AES-128-CTR and
 * HMAC-SHA1 doing the same work, both compiled on the spot. Prints a table with the ratios and the
 * machine. A benchmark, not a check: it exits 0 whatever the figures.
 */
@Command(name = "srtp",
        mixinStandardHelpOptions = true,
        description = {
            "Measure SRTP protect and unprotect packets/s for 172-byte RTP packets, per suite, on one thread:",
            "sipshield, libsrtp2 and an OpenSSL EVP AES-128-CTR + HMAC-SHA1 loop (the C references are compiled",
            "with gcc when libsrtp2-dev / libssl-dev are installed). Prints a table with the ratios and the machine."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:measured (whatever the figures)",
            "2:unusable input: an unknown suite, a bad option"})
public final class BenchSrtpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--suite", paramLabel = "SUITE",
            description = "A suite to measure (repeatable; default: every suite). SDES names, e.g. AEAD_AES_128_GCM.")
    private List<String> suites = List.of();

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "Timed seconds per operation and implementation (default: ${DEFAULT-VALUE}); the warm-up adds half.")
    private double seconds;

    @Option(names = "--no-native", description = "Measure sipshield only; do not compile the C references.")
    private boolean noNative;

    @Override
    public Integer call() {
        if (!(seconds >= 0.1 && seconds <= 600)) {
            spec.commandLine().getErr().println("sipshield bench srtp: --seconds must be 0.1 to 600, got " + seconds);
            return ExitCodes.INVALID_INPUT;
        }
        List<SrtpCryptoSuite> chosen;
        if (suites.isEmpty()) {
            chosen = List.of(SrtpCryptoSuite.values());
        } else {
            chosen = new java.util.ArrayList<>();
            for (String name : suites) {
                var suite = SrtpCryptoSuite.fromSdpName(name);
                if (suite.isEmpty()) {
                    spec.commandLine().getErr().println("sipshield bench srtp: --suite: unknown suite '" + name
                            + "'; known: " + String.join(", ", Stream.of(SrtpCryptoSuite.values())
                                    .map(SrtpCryptoSuite::sdpName).toList()));
                    return ExitCodes.INVALID_INPUT;
                }
                chosen.add(suite.get());
            }
        }
        Duration duration = Duration.ofMillis(Math.round(seconds * 1000));
        SrtpThroughput java = new SrtpThroughput(duration);
        NativeSrtpBench libsrtp = NativeSrtpBench.libsrtp();
        NativeSrtpBench openssl = NativeSrtpBench.openssl();
        Map<String, String> unavailable = new LinkedHashMap<>();
        Path work = null;
        try {
            if (!noNative) {
                work = Files.createTempDirectory("sipshield-bench");
                for (NativeSrtpBench helper : List.of(libsrtp, openssl)) {
                    if (!helper.build(work)) {
                        unavailable.put(helper.name(), helper.unavailableReason());
                    }
                }
            }
            if (chosen.size() > 1) {
                // every transform through the JIT once, so no suite is measured while the code
                // compiled for the suites before it is being recompiled for both transforms
                SrtpThroughput brief = new SrtpThroughput(Duration.ofMillis(200));
                chosen.forEach(brief::measure);
            }
            SrtpBenchReport report = new SrtpBenchReport();
            for (SrtpCryptoSuite suite : chosen) {
                SrtpThroughput.Result ours = java.measure(suite);
                SrtpThroughput.Result theirs = noNative ? null : reference(libsrtp, suite, duration, unavailable);
                SrtpThroughput.Result loop = noNative || suite != SrtpBenchReport.GOAL_SUITE ? null
                        : reference(openssl, suite, duration, unavailable);
                report.add(new SrtpBenchReport.Row(suite, ours, theirs, loop));
            }
            report.print(spec.commandLine().getOut(), Machine.current(), seconds, unavailable);
            return ExitCodes.OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println("sipshield bench srtp: cannot create a directory for the C helpers: "
                    + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            delete(work);
        }
    }

    private static SrtpThroughput.Result reference(NativeSrtpBench helper, SrtpCryptoSuite suite, Duration duration,
            Map<String, String> unavailable) {
        NativeSrtpBench.Outcome outcome = helper.run(suite.sdpName(), duration);
        if (!outcome.available()) {
            unavailable.putIfAbsent(helper.name(), outcome.unavailable());
        }
        return outcome.result();
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}

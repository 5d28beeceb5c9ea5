package io.sipshield.harness.cli;

import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.ua.ReconnectPolicy;
import io.sipshield.harness.load.LoadHtmlReport;
import io.sipshield.harness.load.LoadJson;
import io.sipshield.harness.load.LoadResult;
import io.sipshield.harness.load.LoadRun;
import io.sipshield.harness.load.LoadSummaryTable;
import io.sipshield.harness.load.LoadTarget;
import io.sipshield.harness.load.MediaClocking;
import io.sipshield.harness.load.MediaKind;
import io.sipshield.harness.run.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield load --phones N --rate R/s --profile NAME --target mock|HOST:PORT ...}: many
 * emulated phones from this JVM (see {@link LoadRun}), live progress on standard error, a summary
 * with latency percentiles and failures by cause on standard output, optionally JSON
 * ({@code --json FILE}) and an HTML page with a chart ({@code --report-dir DIR}). Exit 0 when
 * nothing failed, 1 when something did, 2 on unusable input.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Run many emulated phones from one JVM: each holds a TLS connection, registers (digest),",
            "re-registers before expiry, sends CRLF keep-alives and optionally places SRTP echo calls. Prints latency",
            "percentiles (TLS handshake, REGISTER, call setup, media round trip) and failures by cause."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no failure",
            "1:at least one failure (see 'failures' in the summary)",
            "2:unusable input: a bad number, an unknown profile, a bad HOST:PORT, an unreadable file"})
public final class LoadCommand implements Callable<Integer> {

    private static final String NAME = "sipshield load";
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*s)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Spec
    private CommandSpec spec;

    @Option(names = "--phones", required = true, paramLabel = "N", description = "How many phones (1 to 100000).")
    private int phones;

    @Option(names = "--rate", paramLabel = "R/s", defaultValue = "50",
            description = "Phones started per second, e.g. 200 or 200/s (default ${DEFAULT-VALUE}).")
    private String rate;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "digium-d6x-2_9_2",
            description = "The device every phone plays (see sipshield profiles; default ${DEFAULT-VALUE}).")
    private String profileName;

    @Option(names = "--target", paramLabel = "mock|HOST:PORT", defaultValue = "mock",
            description = "mock: the embedded mock Asterisk in this JVM with endpoints for every phone (default); "
                    + "or a server's TLS address.")
    private String target;

    @Option(names = "--calls-per-phone", paramLabel = "K", defaultValue = "0",
            description = "SRTP echo calls each phone places once registered, one after the other (default ${DEFAULT-VALUE}).")
    private int callsPerPhone;

    @Option(names = "--call-duration", paramLabel = "S", defaultValue = "5",
            description = "Seconds of media per call (default ${DEFAULT-VALUE}).")
    private String callDuration;

    @Option(names = "--media", paramLabel = "tone|silence", defaultValue = "tone",
            description = "What calls send to the echo (default ${DEFAULT-VALUE}).")
    private String media;

    @Option(names = "--duration", paramLabel = "D",
            description = "Hold the phones this long from the start, e.g. 60, 60s, 10m (default: until every phone "
                    + "has registered and made its calls).")
    private String duration;

    @Option(names = "--hold", paramLabel = "D", defaultValue = "0",
            description = "Without --duration: keep the phones registered this long once every one is done (default 0).")
    private String hold;

    @Option(names = "--extension", paramLabel = "EXT", defaultValue = LoadRun.DEFAULT_EXTENSION,
            description = "The echo extension calls dial (default ${DEFAULT-VALUE}).")
    private String extension;

    @Option(names = "--user-prefix", paramLabel = "TEXT", defaultValue = "",
            description = "Put before each phone's number to make its SIP user (default: none).")
    private String userPrefix;

    @Option(names = "--first-number", paramLabel = "N", defaultValue = "1000",
            description = "The first phone's number (default ${DEFAULT-VALUE}); the others follow.")
    private int firstNumber;

    @Option(names = "--phone-offset", paramLabel = "K",
            description = {"Add K to every phone's number (default 0): N machines each running --phones M with offsets",
                "0, M, 2M, ... register disjoint users. Reports carry it. See docs/scale-out.md."})
    private Integer phoneOffset;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardConverter.class,
            description = "Machine I of N (1-based): the same as --phone-offset (I-1)*M with --phones M.")
    private Shard shard;

    @Option(names = "--password", paramLabel = "TEMPLATE", defaultValue = LoadRun.MOCK_PASSWORD_TEMPLATE,
            description = "The password; {user} stands for each phone's user (default ${DEFAULT-VALUE}, what the "
                    + "embedded mock expects).")
    private String password;

    @Option(names = "--trust", arity = "1..*", paramLabel = "FILE",
            description = "CA certificates loaded on every phone (HOST:PORT targets; the mock uses the test PKI).")
    private List<Path> trust = new ArrayList<>();

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "The host the phones dial: SNI and the name checked in the certificate (default: HOST).")
    private String serverName;

    @Option(names = "--media-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address the phones offer for RTP (default ${DEFAULT-VALUE}).")
    private String mediaAddress;

    @Option(names = "--register-expires", paramLabel = "S", defaultValue = "300",
            description = "The Expires the phones ask for (default ${DEFAULT-VALUE}); each refreshes at 85%% of what is granted.")
    private int registerExpires;

    @Option(names = "--resumption", paramLabel = "off|profile|ids|tickets|both", defaultValue = "profile",
            description = "How phones resume their TLS session when they connect again (a reconnect): as the device "
                    + "does (profile, default), never (off), by session ID, by ticket, or both.")
    private String resumption;

    @Option(names = "--full-handshake", description = "Full TLS handshakes only: the same as --resumption off.")
    private boolean fullHandshake;

    @Option(names = "--keepalive", paramLabel = "S", defaultValue = "120",
            description = "CRLF keep-alive interval, each wait 80-100%% of it (RFC 5626; default ${DEFAULT-VALUE}).")
    private String keepAlive;

    @Option(names = "--reconnect", paramLabel = "none|rfc5626|BASE:MAX", defaultValue = "none",
            description = {"How a phone whose connection fails recovers (RFC 5626 section 4.5): none (default: it stays"
                    + " down), rfc5626 (base-time 30 s, max-time 1800 s)",
                "or BASE:MAX durations such as 200ms:2s; it waits min(MAX, BASE*2^failures), 50-100%% of it, then"
                    + " reconnects and registers again."})
    private String reconnect;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10",
            description = "How long one step (connect, REGISTER, INVITE, BYE) may take (default ${DEFAULT-VALUE}).")
    private String timeout;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event loop threads shared by all phones and the mock (default: processors).")
    private Integer threads;

    @Mixin
    private TransportOption transport = new TransportOption();

    @Option(names = "--media-clock", paramLabel = "shared|per-call", defaultValue = "shared",
            description = {"The calls' 20 ms packet clocks: shared (default: one timer per event loop, every call's",
                "packet of a tick sent together; cheapest per packet, round trips include the burst) or per-call",
                "(a timer per call, phases spread as separate devices would)."})
    private String mediaClock;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "0",
            description = {"First run W registrations (storms of at most --phones phones, same users and settings,",
                "no calls, not counted) so the JIT has compiled the handshake and SIP paths before the measured",
                "run (default 0: none)."})
    private int warmup;

    @Option(names = "--measure-heap", description = "Measure used heap after GC before and while holding the phones.")
    private boolean measureHeap;

    @Option(names = "--no-unregister", description = "Close connections at the end without unregistering first.")
    private boolean noUnregister;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    private Path json;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Also write " + LoadHtmlReport.FILE_NAME + " (chart and percentile table) into DIR.")
    private Path reportDir;

    /** Whether standard error is a terminal (progress rewritten in place); tests say no. */
    private boolean terminal = System.console() != null;

    void terminal(boolean isTerminal) {
        this.terminal = isTerminal;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LoadRun run;
        try {
            run = settings().build();
            if (warmup < 0 || warmup > 100_000) {
                throw new UnusableInput("--warmup: expected 0 to 100000 phones, got " + warmup);
            }
        } catch (UnusableInput | IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        for (int left = warmup; left > 0; left -= phones) {
            LoadWarmup.run(warmupRun(Math.min(left, phones)), err);
        }
        LoadProgressPrinter progress = new LoadProgressPrinter(err, terminal, Duration.ofSeconds(5));
        LoadResult result;
        // the embedded mock's warnings (one per refused handshake: thousands in a failing storm) stay off the
        // progress lines: into the report directory's mock.log, or nowhere; the failures are counted by cause
        try (MockLogRouting mockLog = MockLogRouting.install(reportDir)) {
            result = run.run(progress);
        } finally {
            progress.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        LoadSummaryTable.print(result, out);
        try {
            if (json != null) {
                LoadJson.write(result, json);
            }
            if (reportDir != null) {
                out.println("report: " + LoadHtmlReport.write(result, reportDir));
                out.flush();
            }
        } catch (IOException e) {
            err.println(NAME + ": cannot write the result: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        return result.failed() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * One warm-up storm: the measured run's settings with {@code count} of its phones, no calls, no hold, no
     * heap measurement; against the embedded mock it warms its own mock, against a remote target the
     * same server (its registrar simply replaces the warm-up contacts when the measured phones register).
     */
    private LoadRun warmupRun(int count) {
        try {
            LoadRun.Builder builder = settings();
            return builder.phones(count).callsPerPhone(0).duration(null).hold(Duration.ZERO).measureHeap(false)
                    .build();
        } catch (UnusableInput e) {
            throw new IllegalStateException("the settings were checked before the warm-up", e);
        }
    }

    private LoadRun.Builder settings() throws UnusableInput {
        DeviceProfile profile = DeviceProfiles.byName(profileName).orElseThrow(() -> new UnusableInput(
                "--profile: unknown device profile '" + profileName + "'; expected one of: " + DeviceProfiles.names()));
        LoadRun.Builder builder = LoadRun.builder().phones(phones).rate(rate(rate)).profile(profile)
                .callsPerPhone(callsPerPhone).callDuration(duration("--call-duration", callDuration))
                .extension(extension).userPrefix(userPrefix).firstNumber(firstNumber).phoneOffset(phoneOffset())
                .passwordTemplate(password)
                .mediaAddress(mediaAddress).registerExpires(registerExpires)
                .keepAliveInterval(duration("--keepalive", keepAlive)).stepTimeout(duration("--timeout", timeout))
                .measureHeap(measureHeap).unregisterAtEnd(!noUnregister).target(target());
        try {
            builder.media(MediaKind.fromKeyword(media));
        } catch (IllegalArgumentException e) {
            throw new UnusableInput("--media: " + e.getMessage());
        }
        if (duration != null) {
            builder.duration(duration("--duration", duration));
        }
        builder.hold(duration("--hold", hold));
        builder.tlsResumption(LoadResumptionOption.resolve(resumption, fullHandshake));
        builder.reconnect(reconnect(reconnect));
        if (threads != null) {
            builder.threads(threads);
        }
        try {
            builder.transport(transport.transport());
        } catch (IllegalArgumentException e) {
            throw new UnusableInput(e.getMessage());
        }
        try {
            builder.mediaClocking(MediaClocking.parse(mediaClock));
        } catch (IllegalArgumentException e) {
            throw new UnusableInput("--media-clock: " + e.getMessage());
        }
        return builder;
    }

    /** {@code --phone-offset}, or the offset {@code --shard I/N} stands for, or 0. */
    private int phoneOffset() throws UnusableInput {
        if (shard != null && phoneOffset != null) {
            throw new UnusableInput("--shard and --phone-offset both set the phone offset; give one");
        }
        if (shard != null) {
            long offset = (long) (shard.index() - 1) * phones;
            if (offset > Integer.MAX_VALUE) {
                throw new UnusableInput("--shard " + shard + " with --phones " + phones + " gives an offset past "
                        + Integer.MAX_VALUE);
            }
            return (int) offset;
        }
        return phoneOffset == null ? 0 : phoneOffset;
    }

    private LoadTarget target() throws UnusableInput {
        if (target.equalsIgnoreCase("mock")) {
            if (!trust.isEmpty() || serverName != null) {
                throw new UnusableInput("--trust and --server-name are for a HOST:PORT target; the embedded mock "
                        + "uses the test PKI and pbx.sip.test");
            }
            return LoadTarget.mock();
        }
        InetSocketAddress address;
        try {
            address = ProbeCommand.address(target);
        } catch (UnusableInput e) {
            throw new UnusableInput("--target: expected mock or HOST:PORT: " + e.getMessage());
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : trust) {
            CertificateFileContents contents = UnusableInput.readCertificateFile(file);
            if (contents.certificates().isEmpty()) {
                throw new UnusableInput(file + ": holds no certificate; --trust needs CA certificates");
            }
            anchors.addAll(contents.certificates());
        }
        return LoadTarget.remote(address, serverName != null ? serverName : address.getHostString(), anchors);
    }

    /**
     * {@code --reconnect}: {@code none}, {@code rfc5626} (RFC 5626 §4.5's defaults) or {@code BASE:MAX}, two
     * durations as {@link #duration} reads them ({@code 200ms:2s}), MAX at least BASE.
     */
    static ReconnectPolicy reconnect(String text) throws UnusableInput {
        String value = text.strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "none":
                return ReconnectPolicy.NONE;
            case "rfc5626":
                return ReconnectPolicy.rfc5626();
            default:
                break;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new UnusableInput("--reconnect: '" + text + "' is not a policy; expected none, rfc5626 or BASE:MAX"
                    + " (e.g. 200ms:2s)");
        }
        Duration base = duration("--reconnect BASE", value.substring(0, colon));
        Duration max = duration("--reconnect MAX", value.substring(colon + 1));
        if (base.isZero()) {
            throw new UnusableInput("--reconnect: BASE must be more than 0; was '" + text + "'");
        }
        if (max.compareTo(base) < 0) {
            throw new UnusableInput("--reconnect: MAX (" + max.toMillis() + " ms) must be at least BASE ("
                    + base.toMillis() + " ms); was '" + text + "'");
        }
        return ReconnectPolicy.of(base, max);
    }

    /** {@code 200} or {@code 200/s}. */
    static double rate(String text) throws UnusableInput {
        Matcher matcher = RATE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new UnusableInput("--rate: '" + text + "' is not a rate; expected phones per second, e.g. 200 or 200/s");
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** {@code 60} (seconds), {@code 1.5s}, {@code 250ms}, {@code 10m}, {@code 1h}. */
    static Duration duration(String option, String text) throws UnusableInput {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new UnusableInput(option + ": '" + text + "' is not a duration; expected e.g. 60, 60s, 250ms, 10m or 1h");
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> value * 1_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}

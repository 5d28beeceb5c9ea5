package io.sipshield.harness.run;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.emulator.capture.SecretsTap;
import io.sipshield.emulator.net.IoTransport;
import io.sipshield.harness.capture.CaptureDirectory;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.Step;
import io.sipshield.harness.scenario.TargetServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario for real: emulated phones on shared event loops, against the embedded mock Asterisk
 * on loopback ({@link MockServerStarter}) or a real server at {@code target: host:port}, or every scenario
 * against one real server ({@link #retarget}, {@code sipshield run --target}). The fixture
 * catalog is generated once per executor (one run) and reused by every scenario; so are the fixture
 * files Asterisk configuration refers to as {@code ${fixtures}}. Each step is done by its
 * {@link StepPerformer}; every phone is observed ({@link ScenarioRun}).
 */
public final class LiveScenarioExecutor implements ScenarioExecutor, AutoCloseable {

    private final FixtureCatalog fixtures;
    private final FixtureFiles files;
    private final EventLoopGroup group;
    private volatile CaptureDirectory captures;
    private volatile RemoteTarget remote;
    private volatile SecretsTap secrets;
    private volatile java.nio.file.Path stateDirectory;

    public LiveScenarioExecutor() {
        this(FixtureCatalog.create());
    }

    public LiveScenarioExecutor(FixtureCatalog fixtures) {
        this(fixtures, new FixtureFiles(fixtures));
    }

    /**
     * Runs with a test PKI kept in a directory ({@code sipshield run --fixtures-dir}): {@code fixtures} as
     * {@link FixtureDirectory#loadOrCreate} read it from {@code fixtureFiles}, whose files are {@code ${fixtures}}
     * as they are (never deleted).
     */
    public LiveScenarioExecutor(FixtureCatalog fixtures, java.nio.file.Path fixtureFiles) {
        this(fixtures, new FixtureFiles(fixtures, fixtureFiles.toAbsolutePath()));
    }

    private LiveScenarioExecutor(FixtureCatalog fixtures, FixtureFiles files) {
        this.fixtures = fixtures;
        this.files = files;
        this.group = IoTransport.best().newGroup(0, new DefaultThreadFactory("sipshield", true));
    }

    /** The run's fixture catalog, the phones' trust anchors and certificates come from. */
    public FixtureCatalog fixtures() {
        return fixtures;
    }

    @Override
    public Observation execute(Scenario scenario) throws Exception {
        CaptureDirectory captureDirectory = captures;
        RemoteTarget retarget = remote;
        PhoneOverrides overrides = new PhoneOverrides(null, List.of(), secrets).with(retarget);
        if (retarget != null || scenario.setup().server() instanceof TargetServer) {
            InetSocketAddress address = retarget != null ? retarget.address()
                    : address((TargetServer) scenario.setup().server());
            try (ScenarioRun run = new ScenarioRun(scenario, address, null, fixtures, files, group, captureDirectory,
                    overrides)) {
                run.keepTrustStoresIn(stateDirectory);
                if (retarget != null) {
                    run.note("target: ran against " + retarget + " instead of the scenario's "
                            + (scenario.setup().server() instanceof TargetServer own ? "target " + own : "mock"));
                }
                return steps(run);
            }
        }
        java.util.Optional<io.sipshield.harness.mock.hostile.HostileTlsServer> hostile =
                new HostileServerStarter(fixtures, group).start(scenario);
        if (hostile.isPresent()) {
            // a hostile server instead of the mock (docs/media-and-hostile-faults.md)
            try (io.sipshield.harness.mock.hostile.HostileTlsServer server = hostile.get();
                 ScenarioRun run = new ScenarioRun(scenario, server.address(), null, fixtures, files, group,
                         captureDirectory, overrides)) {
                run.note("server: a hostile TLS server playing " + server.fault().describe() + " instead of the mock");
                return steps(run);
            }
        }
        MockServerStarter.Started started = new MockServerStarter(fixtures, files, group)
                .start(scenario, (MockServer) scenario.setup().server());
        try (MockAsterisk mock = started.mock();
             ScenarioRun run = new ScenarioRun(scenario, mock.address(), mock, fixtures, files, group,
                     captureDirectory, overrides)) {
            run.keepTrustStoresIn(stateDirectory);
            started.notes().forEach(run::note);
            return steps(run);
        }
    }

    private static Observation steps(ScenarioRun run) throws Exception {
        List<Step> steps = run.scenario().steps();
        try {
            for (int i = 0; i < steps.size(); i++) {
                StepPerformer.performAny(run, i, steps.get(i));
                run.stepDone(i);
            }
        } finally {
            run.saveCapture(); // also when a step fails: that is when a capture is wanted
        }
        return run.observation();
    }

    private static InetSocketAddress address(TargetServer target) {
        return new InetSocketAddress(target.host(), target.port());
    }

    /**
     * Runs every scenario from now on against {@code target} instead of the server its file describes
     * ({@code sipshield run --target}); null goes back to each scenario's own server.
     */
    public LiveScenarioExecutor retarget(RemoteTarget target) {
        this.remote = target;
        return this;
    }

    /** The real server every scenario runs against ({@link #retarget}), or null for each scenario's own. */
    public RemoteTarget target() {
        return remote;
    }

    /**
     * Tells {@code tap} every session secret the phones of the scenarios run from now on settle: each TLS
     * key log line and each call's SDES keys (the phone's and its peer's). For tests that prove the secrets
     * stay out of the outputs; nothing is written anywhere by this. Null stops it.
     */
    public LiveScenarioExecutor observeSecrets(SecretsTap tap) {
        this.secrets = tap;
        return this;
    }

    /**
     * Keeps the trust stores of provisioned Cisco phones in {@code directory} ({@code <dir>/<MAC>/}, DEVICES.md §A.3)
     * for every scenario run from now on ({@code sipshield run --state-dir}), so a phone booted again, in this run
     * or a later one, is judged against the lists it stored: no second leap of faith. Null (the default) gives each
     * scenario a fresh temporary store, so a suite is hermetic. Phones with the same MAC share a store: scenarios
     * that share one should not run at once ({@code --jobs 1}).
     */
    public LiveScenarioExecutor keepTrustStoresIn(java.nio.file.Path directory) {
        this.stateDirectory = directory;
        return this;
    }

    /**
     * Captures every scenario run from now on into {@code directory} ({@code sipshield run --capture}):
     * each phone's TLS and SRTP packets and their secrets, written by {@link CaptureDirectory}; a row of
     * a table of cases is captured as {@code <file>.<row>.*}.
     */
    public LiveScenarioExecutor captureInto(CaptureDirectory directory) {
        this.captures = directory;
        return this;
    }

    @Override
    public void close() {
        files.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

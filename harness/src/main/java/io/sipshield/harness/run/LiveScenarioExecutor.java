package io.sipshield.harness.run;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sipshield.certs.FixtureCatalog;
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
 * on loopback ({@link MockServerStarter}) or a real server at {@code target: host:port}. The fixture
 * catalog is generated once per executor (one run) and reused by every scenario; so are the fixture
 * files Asterisk configuration refers to as {@code ${fixtures}}. Each step is done by its
 * {@link StepPerformer}; every phone is observed ({@link ScenarioRun}).
 */
public final class LiveScenarioExecutor implements ScenarioExecutor, AutoCloseable {

    private final FixtureCatalog fixtures;
    private final FixtureFiles files;
    private final EventLoopGroup group;
    private volatile CaptureDirectory captures;

    public LiveScenarioExecutor() {
        this(FixtureCatalog.create());
    }

    public LiveScenarioExecutor(FixtureCatalog fixtures) {
        this.fixtures = fixtures;
        this.files = new FixtureFiles(fixtures);
        this.group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("sipshield", true),
                NioIoHandler.newFactory());
    }

    @Override
    public Observation execute(Scenario scenario) throws Exception {
        CaptureDirectory captureDirectory = captures;
        if (scenario.setup().server() instanceof TargetServer target) {
            try (ScenarioRun run = new ScenarioRun(scenario, new InetSocketAddress(target.host(), target.port()), null,
                    fixtures, files, group, captureDirectory)) {
                return steps(run);
            }
        }
        MockServerStarter.Started started = new MockServerStarter(fixtures, files, group)
                .start(scenario, (MockServer) scenario.setup().server());
        try (MockAsterisk mock = started.mock();
             ScenarioRun run = new ScenarioRun(scenario, mock.address(), mock, fixtures, files, group,
                     captureDirectory)) {
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

package io.sipshield.harness.run;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.SilenceSource;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.SipTrace;
import io.sipshield.harness.capture.CaptureDirectory;
import io.sipshield.harness.capture.ScenarioCapture;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.mock.PjsipIntrospection;
import io.sipshield.harness.scenario.Endpoint;
import io.sipshield.harness.scenario.MediaSpec;
import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.PhoneSpec;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a scenario for real: the embedded mock Asterisk and emulated phones on loopback, on one
 * set of shared event loops. The fixture catalog is generated once per executor (one run) and
 * reused by every scenario. Observations are about the first phone of the setup.
 */
public final class LiveScenarioExecutor implements ScenarioExecutor, AutoCloseable {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

    private final FixtureCatalog fixtures;
    private final EventLoopGroup group;
    private volatile CaptureDirectory captures;

    public LiveScenarioExecutor() {
        this(FixtureCatalog.create());
    }

    public LiveScenarioExecutor(FixtureCatalog fixtures) {
        this.fixtures = fixtures;
        this.group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("sipshield", true),
                NioIoHandler.newFactory());
    }

    @Override
    public Observation execute(Scenario scenario) throws Exception {
        MockServer server = (MockServer) scenario.setup().server();
        try (MockAsterisk mock = mock(server).start(); Run run = new Run(scenario, mock)) {
            try {
                for (Step step : scenario.steps()) {
                    run.perform(step);
                }
            } finally {
                run.saveCapture(); // also when a step fails: that is when a capture is wanted
            }
            return run.observation();
        }
    }

    private MockAsterisk mock(MockServer server) {
        MockAsterisk.Builder builder = MockAsterisk.builder()
                .personality(server.personality())
                .certificate(fixture(server.certificate(), "setup.server.mock.certificate"))
                .port(0)
                .eventLoopGroup(group);
        if (server.clientVerification() != null) {
            builder.clientVerification(server.clientVerification());
        }
        for (Endpoint endpoint : server.endpoints()) {
            builder.endpoint(new MockEndpoint(endpoint.id(), endpoint.password(),
                    endpoint.mediaEncryption() == Endpoint.MediaEncryption.SDES ? MediaEncryption.SDES : MediaEncryption.NO)
                    .withMediaEncryptionOptimistic(endpoint.mediaEncryptionOptimistic())
                    .withSrtpTag32(endpoint.srtpTag32()));
        }
        server.extensions().forEach(builder::extension);
        return builder.build();
    }

    private IssuedCertificate fixture(String id, String field) {
        FixtureName name = FixtureName.byId(id).orElseThrow(() -> new IllegalArgumentException(
                field + ": unknown fixture '" + id + "'; expected one of: " + FixtureName.allIds()));
        return fixtures.get(name);
    }

    /**
     * Captures every scenario run from now on into {@code directory} ({@code sipshield run --capture}):
     * each phone's TLS and SRTP packets and their secrets, written by {@link CaptureDirectory}.
     */
    public LiveScenarioExecutor captureInto(CaptureDirectory directory) {
        this.captures = directory;
        return this;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One scenario's phones, calls and what was seen. */
    private final class Run implements AutoCloseable {
        private final Scenario scenario;
        private final MockAsterisk mock;
        private final Map<String, Phone> phones = new LinkedHashMap<>();
        private final Map<String, TlsReport> tls = new HashMap<>();
        private final Map<String, Call> calls = new HashMap<>();
        private final Map<String, Integer> sip = new HashMap<>();
        private final List<String> notes = new ArrayList<>();
        private MediaStats media;
        private Observation.SdpObservation sdp;
        private final String observed;
        private final CaptureDirectory captureDirectory = captures;
        private final ScenarioCapture capture = captureDirectory == null ? null : new ScenarioCapture();

        Run(Scenario scenario, MockAsterisk mock) {
            this.scenario = scenario;
            this.mock = mock;
            this.observed = scenario.setup().phones().get(0).name();
        }

        void perform(Step step) throws Exception {
            Phone phone = connected(step.phone());
            if (phone == null) {
                notes.add(step.phone() + ": " + stepName(step) + " skipped, no TLS connection");
                return;
            }
            if (step instanceof Step.Register) {
                RegistrationResult result = await(phone.register(), "REGISTER");
                status(step.phone(), "register", result.status());
            } else if (step instanceof Step.Call call) {
                placeCall(step.phone(), phone, call);
            } else if (step instanceof Step.Hangup) {
                Call call = calls.remove(step.phone());
                if (call == null || !call.answered()) {
                    notes.add(step.phone() + ": hangup with no answered call");
                    return;
                }
                status(step.phone(), "bye", await(call.hangup(), "BYE"));
            }
        }

        private void placeCall(String name, Phone phone, Step.Call step) throws Exception {
            Call call = await(phone.call(step.to()), "INVITE");
            status(name, "invite", call.status());
            if (!call.answered()) {
                return;
            }
            calls.put(name, call);
            if (name.equals(observed)) {
                sdp = new Observation.SdpObservation(call.mediaProfile(),
                        call.suite() == null ? null : call.suite().sdpName());
            }
            MediaSpec spec = step.media();
            MediaStats stats = call.sendMedia(source(spec, call.codec()), Duration.ofSeconds(spec.seconds()))
                    .get(spec.seconds() + STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (name.equals(observed)) {
                media = stats;
            }
        }

        private MediaSource source(MediaSpec spec, G711 codec) {
            return switch (spec.source()) {
                case TONE -> ToneSource.milliwatt(codec);
                case SILENCE -> new SilenceSource(codec);
            };
        }

        private Phone connected(String name) throws Exception {
            Phone phone = phones.get(name);
            if (phone == null) {
                PhoneSpec spec = scenario.setup().phone(name).orElseThrow(() -> new IllegalArgumentException(
                        "steps: unknown phone '" + name + "'"));
                phone = Phone.create(profile(spec), settings(spec), group);
                phones.put(name, phone);
                TlsReport report = await(phone.connect(), "TLS connect");
                tls.put(name, report);
                if (report.failure() != null) {
                    notes.add(name + ": " + report.failure());
                }
            }
            return tls.get(name).established() ? phone : null;
        }

        private DeviceProfile profile(PhoneSpec spec) {
            return DeviceProfiles.byName(spec.profile()).orElseThrow(() -> new IllegalArgumentException(
                    "setup.phones[" + spec.name() + "].profile: unknown profile '" + spec.profile()
                            + "'; expected one of: " + DeviceProfiles.names()));
        }

        private PhoneSettings settings(PhoneSpec spec) {
            PhoneSettings.Builder settings = PhoneSettings.builder()
                    .account(spec.user(), spec.password())
                    .serverHost(spec.serverName())
                    .serverAddress(mock.address())
                    .allowWildcards(spec.allowWildcard())
                    .tlsProvider(spec.tlsProvider() == PhoneSpec.TlsProvider.JDK
                            ? PhoneSettings.TlsProvider.JDK : PhoneSettings.TlsProvider.BORINGSSL);
            if (spec.clock() != null) {
                settings.clock(java.time.Clock.fixed(spec.clock(), java.time.ZoneOffset.UTC));
            }
            for (String anchor : spec.trust()) {
                settings.trust(fixture(anchor, "setup.phones[" + spec.name() + "].trust").certificate());
            }
            if (spec.clientCertificate() != null) {
                IssuedCertificate held = fixture(spec.clientCertificate(),
                        "setup.phones[" + spec.name() + "].client-certificate");
                settings.clientCredentials(new ClientCredentials(held.privateKey(), held.chainWithoutRoot()));
            }
            if (capture != null) {
                settings.capture(capture, capture);
            }
            return settings.build();
        }

        private void status(String phone, String method, int status) {
            if (phone.equals(observed)) {
                sip.put(method, status);
            }
        }

        Observation observation() {
            TlsReport report = tls.get(observed);
            Observation.TlsObservation tlsObservation = report == null ? null : new Observation.TlsObservation(
                    report.established(), report.protocol(), report.cipherSuite(),
                    report.verification() == null ? null : report.verification().bitmask(), report.failure());
            Observation.MediaObservation mediaObservation = media == null ? null : new Observation.MediaObservation(
                    media.sent(), media.received(), media.verified(), media.authFailures(), media.replays(),
                    media.mismatched());
            return new Observation(tlsObservation, sip, sdp, mediaObservation,
                    serverObservation(), notes, trace(),
                    report == null ? null : chain(report));
        }

        /** What the mock reports as the steps end (before it stops): pjsip show contacts and endpoints. */
        private Observation.ServerObservation serverObservation() {
            PjsipIntrospection show = mock.show();
            Map<String, Integer> contacts = new TreeMap<>();
            show.contacts().forEach(contact -> contacts.merge(contact.aor(), 1, Integer::sum));
            Map<String, String> endpoints = new TreeMap<>();
            show.endpoints().forEach(endpoint -> endpoints.put(endpoint.id(), endpoint.state().asteriskName()));
            return new Observation.ServerObservation(mock.registrar().bindings().size(), contacts, endpoints);
        }

        /** Every phone's SIP messages, merged in time order. */
        private List<Observation.SipMessage> trace() {
            List<Observation.SipMessage> messages = new ArrayList<>();
            phones.forEach((name, phone) -> {
                for (SipTrace.Entry entry : phone.trace().entries()) {
                    messages.add(new Observation.SipMessage(entry.at(), name,
                            entry.direction() == SipTrace.Direction.SENT
                                    ? Observation.Direction.SENT : Observation.Direction.RECEIVED,
                            entry.firstLine(), entry.text()));
                }
            });
            messages.sort(java.util.Comparator.comparing(Observation.SipMessage::at));
            return messages;
        }

        private static Observation.ChainObservation chain(TlsReport report) {
            if (report.peerChain().isEmpty() && report.verification() == null) {
                return null;
            }
            List<String> subjects = report.peerChain().stream()
                    .map(certificate -> certificate.getSubjectX500Principal().getName())
                    .toList();
            List<Observation.Finding> findings = report.verification() == null ? List.of()
                    : report.verification().findings().stream()
                            .map(finding -> new Observation.Finding(finding.depth(), finding.subject(),
                                    finding.error().name(), finding.error().flag().name(), finding.detail()))
                            .toList();
            return new Observation.ChainObservation(subjects, findings);
        }

        private <T> T await(CompletableFuture<T> future, String what) throws Exception {
            try {
                return future.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutException(what + ": no answer within " + STEP_TIMEOUT.toSeconds() + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException(what + " failed: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
            }
        }

        /** Writes the scenario's capture (when asked for) and notes the files; a failure to write is a note too. */
        void saveCapture() {
            if (capture == null) {
                return;
            }
            try {
                notes.add(captureDirectory.write(scenario.file(), capture.contents()).describe());
            } catch (java.io.IOException e) {
                notes.add("capture: cannot write into " + captureDirectory.directory() + ": " + e.getMessage());
            }
        }

        private static String stepName(Step step) {
            if (step instanceof Step.Register) {
                return "register";
            }
            return step instanceof Step.Call ? "call" : "hangup";
        }

        @Override
        public void close() {
            calls.values().forEach(call -> call.hangup());
            phones.values().forEach(Phone::close);
        }
    }
}

package io.sipshield.harness.run;

import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.AnswerMode;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.MediaTimeline;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.tls.TlsAlert;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.SipTrace;
import io.sipshield.harness.capture.CaptureDirectory;
import io.sipshield.harness.capture.ScenarioCapture;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.PjsipIntrospection;
import io.sipshield.harness.scenario.Expectations;
import io.sipshield.harness.scenario.PhoneSpec;
import io.sipshield.harness.scenario.Scenario;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One scenario's phones and everything they observed, for the step performers: phones connect on their
 * first step; each phone keeps the last final status per method, its last call, its media and SDP.
 * Every phone is observed; the first phone of the setup is the one the top-level expectations describe.
 */
final class ScenarioRun implements AutoCloseable {

    /** How long a request may wait for its final answer. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

    private final Scenario scenario;
    private final VendorConfigFiles vendorFiles;
    private final InetSocketAddress server;
    private final MockAsterisk mock;
    private final FixtureCatalog fixtures;
    private final EventLoopGroup group;
    private final Map<String, Phone> phones = new LinkedHashMap<>();
    private final Map<String, TlsReport> tls = new HashMap<>();
    private final Map<String, Call> calls = new HashMap<>();
    private final Map<String, Map<String, Integer>> sip = new HashMap<>();
    private final Map<String, Observation.SdpObservation> sdp = new HashMap<>();
    private final Map<String, Observation.MediaObservation> media = new HashMap<>();
    private final Map<String, ToneDetector> tones = new HashMap<>();
    /** Each provisioned phone's boot result, by phone name. */
    private final Map<String, io.sipshield.emulator.cisco.ProvisioningResult> provisioning = new HashMap<>();
    private final List<Observation.StepObservation> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<Integer, List<Deferred>> deferred = new HashMap<>();
    private final CaptureDirectory captureDirectory;
    private final ScenarioCapture capture;

    /**
     * @param server where the phones connect
     * @param mock   the embedded mock, or null for a real target (no server facts)
     */
    ScenarioRun(Scenario scenario, InetSocketAddress server, MockAsterisk mock, FixtureCatalog fixtures,
                FixtureFiles fixtureFiles, EventLoopGroup group, CaptureDirectory captureDirectory) {
        this.vendorFiles = new VendorConfigFiles(fixtures, fixtureFiles);
        this.scenario = scenario;
        this.server = server;
        this.mock = mock;
        this.fixtures = fixtures;
        this.group = group;
        this.captureDirectory = captureDirectory;
        this.capture = captureDirectory == null ? null : new ScenarioCapture();
    }

    /** Writes the scenario's capture (when asked for) and notes the files; a failure to write is a note too. */
    void saveCapture() {
        if (capture == null) {
            return;
        }
        Path file = scenario.file();
        if (scenario.caseName() != null) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            file = file.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + "." + scenario.caseName() + ".yaml");
        }
        try {
            notes.add(captureDirectory.write(file, capture.contents()).describe());
        } catch (java.io.IOException e) {
            notes.add("capture: cannot write into " + captureDirectory.directory() + ": " + e.getMessage());
        }
    }

    Scenario scenario() {
        return scenario;
    }

    void note(String note) {
        notes.add(note);
    }

    /** Work a step leaves for later: a call waiting for the callee's answer step. */
    @FunctionalInterface
    interface Deferred {
        void run() throws Exception;
    }

    /** Runs {@code work} once step {@code index} has been performed. */
    void after(int index, Deferred work) {
        deferred.computeIfAbsent(index, i -> new ArrayList<>()).add(work);
    }

    /** Runs the work left for after step {@code index}. */
    void stepDone(int index) throws Exception {
        for (Deferred work : deferred.getOrDefault(index, List.of())) {
            work.run();
        }
        deferred.remove(index);
    }

    /** The phone, connected on first use; null (and a note) when its TLS connection failed. */
    Phone connected(String name) throws Exception {
        Phone phone = phones.get(name);
        if (phone == null) {
            PhoneSpec spec = spec(name);
            PhoneProvisioning.Outcome provisioned = null;
            if (spec.provisioning() != null) {
                provisioned = new PhoneProvisioning(vendorFiles, fixtures, group).provision(spec);
                provisioning.put(name, provisioned.result());
                PhoneProvisioning.notes(name, provisioned.result().log()).forEach(notes::add);
            }
            PhoneConfigFile config = spec.config() != null ? PhoneConfigFile.read(
                    vendorFiles.materialise(spec.config()), spec.config().toString())
                    : provisioned != null && provisioned.configFile().isPresent() ? PhoneConfigFile.read(
                            provisioned.configFile().get(), provisioned.result().configName())
                    : null;
            DeviceProfile profile = config == null ? profile(spec)
                    : config.profile(spec.profile() == null ? Optional.empty() : Optional.of(profile(spec)));
            if (config != null) {
                config.notes(profile).forEach(warning -> notes.add(name + ": " + warning));
            }
            PhoneSettings.Builder settings = settings(spec, config);
            if (provisioned != null) {
                provisioned.result().trustList().forEach(entry -> settings.trustListEntry(entry.certificate(), entry.role()));
            }
            phone = Phone.create(profile, settings.build(), group);
            phones.put(name, phone);
            TlsReport report = await(phone.connect(), "TLS connect");
            tls.put(name, report);
            if (report.failure() != null) {
                notes.add(name + ": " + report.failure());
            }
        }
        return tls.get(name).established() ? phone : null;
    }

    private PhoneSpec spec(String name) {
        return scenario.setup().phone(name).orElseThrow(() -> new IllegalArgumentException(
                "steps: unknown phone '" + name + "'"));
    }

    private DeviceProfile profile(PhoneSpec spec) {
        return DeviceProfiles.byName(spec.profile()).orElseThrow(() -> new IllegalArgumentException(
                "setup.phones[" + spec.name() + "].profile: unknown profile '" + spec.profile()
                        + "'; expected one of: " + DeviceProfiles.names()));
    }

    private PhoneSettings.Builder settings(PhoneSpec spec, PhoneConfigFile config) {
        PhoneSettings.Builder settings = PhoneSettings.builder();
        if (spec.user() != null) {
            settings.account(spec.user(), spec.password());
        }
        settings.serverHost(spec.serverName())
                .serverAddress(server)
                .allowWildcards(spec.allowWildcard())
                .tlsProvider(spec.tlsProvider() == PhoneSpec.TlsProvider.JDK
                        ? PhoneSettings.TlsProvider.JDK : PhoneSettings.TlsProvider.BORINGSSL);
        if (spec.clock() != null) {
            settings.clock(Clock.fixed(spec.clock(), ZoneOffset.UTC));
        }
        if (config != null) {
            // the file decides account, server name, trust, client certificate; the server is the scenario's
            config.applyTo(settings, server);
            if (spec.user() != null) {
                settings.account(spec.user(), spec.password());
            }
        }
        for (String anchor : spec.trust()) {
            settings.trust(fixture(anchor, "setup.phones[" + spec.name() + "].trust").certificate());
        }
        if (spec.clientCertificate() != null) {
            IssuedCertificate client = fixture(spec.clientCertificate(), "setup.phones[" + spec.name() + "].client-certificate");
            settings.clientCredentials(new ClientCredentials(client.privateKey(), client.chainWithoutRoot()));
        }
        for (PhoneSpec.TrustListRecord record : spec.trustList()) {
            settings.trustListEntry(fixture(record.certificate(), "setup.phones[" + spec.name() + "].trust-list")
                    .certificate(), TrustListRole.fromLabel(record.role()).orElseThrow());
        }
        if (!spec.codecs().isEmpty()) {
            settings.codecs(spec.codecs().stream().map(G711::valueOf).toList());
        }
        if (capture != null) {
            settings.capture(capture, capture);
        }
        settings.answerMode(switch (spec.answer()) {
            case AUTO -> AnswerMode.AUTO;
            case MANUAL -> AnswerMode.MANUAL;
            case REJECT -> AnswerMode.reject(spec.rejectStatus());
        });
        return settings;
    }

    IssuedCertificate fixture(String id, String field) {
        FixtureName name = FixtureName.byId(id).orElseThrow(() -> new IllegalArgumentException(
                field + ": unknown fixture '" + id + "'; expected one of: " + FixtureName.allIds()));
        return fixtures.get(name);
    }

    /** Records the final status of {@code method} for the phone and, as a step's observation, for step {@code index}. */
    void status(int index, String kind, String phone, String method, Integer status) {
        if (status != null && method != null) {
            sip.computeIfAbsent(phone, name -> new HashMap<>()).put(method, status);
        }
        steps.add(new Observation.StepObservation(index, kind, phone, status, null));
    }

    /** Records the request an {@code expect-request} step saw, or null. */
    void received(int index, String phone, String method) {
        steps.add(new Observation.StepObservation(index, "expect-request", phone, null, method));
    }

    /** The phone's current call: the last it placed or answered. */
    void call(String phone, Call call) {
        calls.put(phone, call);
        sdp.put(phone, new Observation.SdpObservation(call.mediaProfile(),
                call.suite() == null ? null : call.suite().sdpName()));
        Integer hz = toneExpected(phone);
        if (hz != null) {
            ToneDetector detector = ToneDetector.builder().frequency(hz).build();
            tones.put(phone, detector);
            call.addSink(detector);
        }
    }

    /**
     * The phone's current call, forgotten: the last it placed, or else the one call the server offered it
     * and it answered (null when there is none, or several).
     */
    /** The phone's current call without ending it: the last it placed or answered, or null. */
    Call currentCall(String phone) {
        Call call = calls.get(phone);
        if (call != null || phones.get(phone) == null) {
            return call;
        }
        List<Call> incoming = phones.get(phone).incomingCalls().values().stream().filter(Call::answered).toList();
        return incoming.size() == 1 ? incoming.get(0) : null;
    }

    Call takeCall(String phone) {
        Call call = currentCall(phone);
        calls.remove(phone);
        return call;
    }

    /** The media counters of the phone's last call with media, without a timeline. */
    void media(String phone, MediaStats stats) {
        media(phone, stats, MediaTimeline.EMPTY);
    }

    /** The media counters of the phone's last call with media, and the same media over time. */
    void media(String phone, MediaStats stats, MediaTimeline timeline) {
        ToneDetector detector = tones.get(phone);
        Observation.ToneObservation tone = detector == null ? null : new Observation.ToneObservation(
                detector.report().frequency(), detector.report().frames(), detector.report().toneFrames());
        media.put(phone, new Observation.MediaObservation(stats.sent(), stats.received(), stats.verified(),
                stats.authFailures(), stats.replays(), stats.mismatched(), stats.lost(), stats.jitterMillis(), tone,
                timeline));
    }

    /**
     * A phone that placed no call but answered one the server offered (a Dial() to it): that call's SDP and
     * media counters are its observation.
     */
    private void answered(String name) {
        Phone phone = phones.get(name);
        if (phone == null || sdp.containsKey(name)) {
            return;
        }
        phone.incomingCalls().values().stream().filter(Call::answered).findFirst().ifPresent(call -> {
            sdp.put(name, new Observation.SdpObservation(call.mediaProfile(),
                    call.suite() == null ? null : call.suite().sdpName()));
            if (call.hasMedia()) {
                media(name, call.mediaStats(), call.mediaTimeline());
            }
        });
    }

    /** The tone the scenario listens for on this phone's received audio ({@code media.tone-hz}), or null. */
    private Integer toneExpected(String phone) {
        Expectations expect = scenario.expect();
        Expectations.Media wanted = phone.equals(first()) ? expect.media() : null;
        Expectations.Phone own = expect.phones().get(phone);
        if (own != null && own.media() != null && own.media().toneHz() != null) {
            return own.media().toneHz();
        }
        return wanted == null ? null : wanted.toneHz();
    }

    private String first() {
        return scenario.setup().phones().get(0).name();
    }

    Observation observation() {
        Map<String, Observation.PhoneObservation> observed = new LinkedHashMap<>();
        for (PhoneSpec spec : scenario.setup().phones()) {
            String name = spec.name();
            answered(name);
            io.sipshield.emulator.cisco.ProvisioningResult booted = provisioning.get(name);
            observed.put(name, new Observation.PhoneObservation(tls(tls.get(name)),
                    sip.getOrDefault(name, Map.of()), sdp.get(name), media.get(name),
                    booted == null ? null : ProvisioningOutcome.of(booted)));
        }
        Observation.PhoneObservation first = observed.get(first());
        TlsReport report = tls.get(first());
        return new Observation(first.tls(), first.sip(), first.sdp(), first.media(),
                mock == null ? null : serverObservation(), notes,
                trace(), report == null ? null : chain(report), observed, steps);
    }

    private static Observation.TlsObservation tls(TlsReport report) {
        if (report == null) {
            return null;
        }
        TlsAlert alert = report.alert();
        return new Observation.TlsObservation(report.established(), report.protocol(), report.cipherSuite(),
                report.verification() == null ? null : report.verification().bitmask(), report.failure(),
                alert == null ? null : new Observation.AlertObservation(alert.name(), alert.code(),
                        alert.sender().label()));
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
        messages.sort(Comparator.comparing(Observation.SipMessage::at));
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

    /** Waits for a phone's request up to {@link #STEP_TIMEOUT}; failures name what was awaited. */
    /**
     * The answer to a request the phone sent, or empty when the server closed the connection instead of
     * answering (as PJSIP does after the handshake when verify_client refuses the phone's certificate):
     * that is an outcome to observe, "no final response", not an error of the run. A note says so.
     */
    <T> Optional<T> awaitAnswer(CompletableFuture<T> future, String what, String phone) throws Exception {
        try {
            return Optional.of(await(future, what));
        } catch (IllegalStateException e) {
            if (!closedConnection(e.getCause())) {
                throw e;
            }
            note(phone + ": " + what + ": the server closed the connection without a SIP response ("
                    + e.getCause().getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** Whether {@code failure} (or a cause of it) says the connection was closed under the request. */
    static boolean closedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof io.netty.handler.ssl.SslClosedEngineException
                    || cause instanceof java.net.SocketException
                    || cause instanceof java.io.IOException io && io.getMessage() != null
                            && io.getMessage().contains("Connection reset")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static <T> T await(CompletableFuture<T> future, String what) throws Exception {
        return await(future, what, STEP_TIMEOUT);
    }

    static <T> T await(CompletableFuture<T> future, String what, Duration timeout) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(what + ": no answer within " + ScenarioRunner.describe(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(what + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        }
    }

    @Override
    public void close() {
        calls.values().forEach(Call::hangup);
        phones.values().forEach(Phone::close);
        vendorFiles.close();
    }
}

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
import io.sipshield.harness.mock.PbxLog;
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
    /** Phones switched off by a reboot or factory reset: closed, their SIP traces still reported. */
    private final List<Map.Entry<String, Phone>> switchedOff = new ArrayList<>();
    /** The provisioned phones' boots and trust stores, made on first use. */
    private PhoneBoots boots;
    /** Where trust stores are kept across runs, or null for a fresh temporary directory per scenario. */
    private Path stateDirectory;
    private final List<Observation.StepObservation> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** What reading each phone's vendor configuration file reported, by phone name. */
    private final Map<String, List<String>> configWarnings = new HashMap<>();
    private final Map<Integer, List<Deferred>> deferred = new HashMap<>();
    private final CaptureDirectory captureDirectory;
    private final ScenarioCapture capture;
    private final PhoneOverrides overrides;

    /**
     * @param server where the phones connect
     * @param mock   the embedded mock, or null for a real target (no server facts)
     */
    ScenarioRun(Scenario scenario, InetSocketAddress server, MockAsterisk mock, FixtureCatalog fixtures,
                FixtureFiles fixtureFiles, EventLoopGroup group, CaptureDirectory captureDirectory) {
        this(scenario, server, mock, fixtures, fixtureFiles, group, captureDirectory, PhoneOverrides.NONE);
    }

    /** As above, with what the run changes on every phone ({@link PhoneOverrides}). */
    ScenarioRun(Scenario scenario, InetSocketAddress server, MockAsterisk mock, FixtureCatalog fixtures,
                FixtureFiles fixtureFiles, EventLoopGroup group, CaptureDirectory captureDirectory,
                PhoneOverrides overrides) {
        this.overrides = overrides;
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
                provisioned = (boots().isOn(name) ? boots().last(name).orElseThrow() : boot(spec, null)).outcome();
            }
            PhoneConfigFile config = spec.config() != null ? PhoneConfigFile.read(
                    vendorFiles.materialise(spec.config()), spec.config().toString(), scenario.file(), name,
                    spec.profile())
                    : provisioned != null && provisioned.configFile().isPresent() ? PhoneConfigFile.read(
                            provisioned.configFile().get(), provisioned.result().configName())
                    : null;
            // a provisioned phone: the scenario's profile and account win over its SEP<MAC>.cnf.xml, or come from it
            ProvisionedIdentity identity = provisioned == null ? null : identity(spec);
            DeviceProfile profile = identity != null ? identity.profile() : config == null ? profile(spec)
                    : config.profile(spec.profile() == null ? Optional.empty() : Optional.of(profile(spec)));
            if (config != null) {
                List<String> warnings = config.notes(profile);
                configWarnings.put(name, warnings);
                warnings.forEach(warning -> notes.add(name + ": " + warning));
                notes.add(name + ": " + config.reachedAt(server));
            }
            if (identity != null && !identity.warnings().isEmpty()) {
                List<String> warnings = new ArrayList<>(configWarnings.getOrDefault(name, List.of()));
                warnings.addAll(identity.warnings());
                configWarnings.put(name, warnings);
                identity.warnings().forEach(warning -> notes.add(name + ": " + warning));
            }
            PhoneSettings.Builder settings = settings(spec, config);
            if (provisioned != null) {
                provisioned.result().trustList().forEach(entry -> settings.trustListEntry(entry.certificate(), entry.role()));
            }
            phone = Phone.create(profile, settings.build(), group);
            phones.put(name, phone);
            TlsReport report = await(phone.connect(), "TLS connect");
            if (phone.onAlternate()) {
                notes.add(name + ": failover: host_primary " + phone.settings().serverHost() + " failed ("
                        + phone.primaryFailure() + "); connected to host_alternate " + phone.settings().alternateServer()
                        + ", where it registers");
            }
            tls.put(name, report);
            if (report.failure() != null) {
                notes.add(name + ": " + report.failure());
            }
        }
        return tls.get(name).established() ? phone : null;
    }

    /** Profile and contradictions of a provisioned phone, from the scenario and the configuration its last boot accepted. */
    private ProvisionedIdentity identity(PhoneSpec spec) {
        PhoneBoots.Boot boot = boots().last(spec.name()).orElseThrow();
        return ProvisionedIdentity.resolve(spec, boot.outcome().configFile().map(file ->
                io.sipshield.emulator.cisco.SepMacConfig.parse(file.getFileName().toString(),
                        boot.outcome().result().config().orElseThrow())), boot.observation().config());
    }

    /**
     * Keeps the provisioned phones' trust stores in {@code directory} ({@code <dir>/<MAC>/}) instead of a fresh
     * temporary directory, so they outlive the scenario ({@code sipshield run --state-dir}); before the first step.
     */
    void keepTrustStoresIn(Path directory) {
        this.stateDirectory = directory;
    }

    private PhoneBoots boots() {
        if (boots == null) {
            boots = new PhoneBoots(new PhoneProvisioning(vendorFiles, fixtures, group), stateDirectory);
        }
        return boots;
    }

    /** Boots a provisioned phone from {@code from} (null: its own tree); every fetch becomes a note. */
    private PhoneBoots.Boot boot(PhoneSpec spec, PhoneSpec.Provisioning from) throws Exception {
        PhoneBoots.Boot boot = boots().boot(spec, from);
        PhoneProvisioning.notes(spec.name(), boot.outcome().result().log()).forEach(notes::add);
        return boot;
    }

    /**
     * A {@code reboot} step: the phone drops its connection and calls and boots again with its trust store kept;
     * its next step connects with what this boot left it. The boot's outcome is step {@code index}'s observation.
     */
    void reboot(int index, io.sipshield.harness.scenario.Step.Reboot step) throws Exception {
        switchOff(step.phone());
        PhoneBoots.Boot boot = boot(spec(step.phone()), step.provisioning());
        steps.add(new Observation.StepObservation(index, step.kind(), step.phone(), null, null, boot.observation()));
    }

    /** A {@code factory-reset} step: the phone is switched off and its stored trust lists deleted. */
    void factoryReset(io.sipshield.harness.scenario.Step.FactoryReset step) throws Exception {
        switchOff(step.phone());
        boots().factoryReset(spec(step.phone())).forEach(line -> notes.add(step.phone() + ": " + line));
    }

    /** Closes the phone's connection (its calls end with it); its next step connects it again. */
    private void switchOff(String name) {
        calls.remove(name);
        Phone phone = phones.remove(name);
        if (phone != null) {
            phone.close();
            switchedOff.add(Map.entry(name, phone));
        }
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
        io.sipshield.harness.scenario.PhoneRecovery recovery = scenario.setup().recovery(spec.name());
        settings.reconnect(recovery.reconnect()).transactionTimeout(recovery.transactionTimeout());
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
        if (overrides.serverName() != null) {
            settings.serverHost(overrides.serverName());
        }
        overrides.trust().forEach(settings::trust);
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
            settings.capture(capture, overrides.secrets() == null ? capture : PhoneOverrides.both(capture, overrides.secrets()));
        } else if (overrides.secrets() != null) {
            settings.capture(packet -> { }, overrides.secrets());
        }
        settings.answerMode(switch (spec.answer()) {
            case AUTO -> AnswerMode.AUTO;
            case MANUAL -> AnswerMode.MANUAL;
            case REJECT -> AnswerMode.reject(spec.rejectStatus());
        });
        // setup.faults' media faults: every phone's media port is behind the same impaired network
        settings.mediaFaults(new io.sipshield.emulator.media.impair.MediaFaults(scenario.setup().faults().stream()
                .filter(io.sipshield.emulator.fault.MediaFault.class::isInstance)
                .map(io.sipshield.emulator.fault.MediaFault.class::cast).toList()));
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
        media(phone, stats, timeline, null);
    }

    /** The same, with what the scenario's media faults did to the call's incoming datagrams. */
    void media(String phone, MediaStats stats, MediaTimeline timeline,
               io.sipshield.emulator.media.impair.ImpairmentTally impairment) {
        ToneDetector detector = tones.get(phone);
        Observation.ToneObservation tone = detector == null ? null : new Observation.ToneObservation(
                detector.report().frequency(), detector.report().frames(), detector.report().toneFrames());
        media.put(phone, new Observation.MediaObservation(stats.sent(), stats.received(), stats.verified(),
                stats.authFailures(), stats.replays(), stats.mismatched(), stats.lost(), stats.jitterMillis(), tone,
                timeline, stats.reordered(), impairment));
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
                media(name, call.mediaStats(), call.mediaTimeline(), call.mediaImpairment());
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
        Map<String, ConnectionObservation> connections = connections();
        Map<String, Observation.PhoneObservation> observed = new LinkedHashMap<>();
        for (PhoneSpec spec : scenario.setup().phones()) {
            String name = spec.name();
            answered(name);
            Observation.ProvisioningObservation booted = boots == null ? null
                    : boots.last(name).map(PhoneBoots.Boot::observation).orElse(null);
            observed.put(name, new Observation.PhoneObservation(tls(tls.get(name)),
                    sip.getOrDefault(name, Map.of()), sdp.get(name), media.get(name),
                    booted, configWarnings.get(name)));
        }
        Observation.PhoneObservation first = observed.get(first());
        TlsReport report = tls.get(first());
        return new Observation(first.tls(), first.sip(), first.sdp(), first.media(),
                mock == null ? null : serverObservation(), notes,
                trace(), report == null ? null : chain(report), observed, steps, connections);
    }

    /** How long the observation waits for a phone that is recovering its connection to register again. [GUESS] */
    static final java.time.Duration RECOVERY_WAIT = java.time.Duration.ofSeconds(15);

    /**
     * What became of each phone's connection. A phone still recovering when the steps end is given
     * {@link #RECOVERY_WAIT} to register again first, so an expectation of recovery sees the outcome.
     */
    private Map<String, ConnectionObservation> connections() {
        Map<String, ConnectionObservation> connections = new LinkedHashMap<>();
        for (PhoneSpec spec : scenario.setup().phones()) {
            Phone phone = phones.get(spec.name());
            if (phone == null) {
                continue;
            }
            if (phone.recovering()) {
                try {
                    phone.awaitRecovery(RECOVERY_WAIT).get(RECOVERY_WAIT.toMillis() + 1000,
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    note(spec.name() + ": its connection did not recover within " + RECOVERY_WAIT.toSeconds() + " s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ConnectionObservation connection = new ConnectionObservation(phone.flowInterruptions());
            connections.put(spec.name(), connection);
            if (connection.drops() > 0) {
                note(spec.name() + ": connection " + connection.describe());
            }
        }
        return connections;
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

    /**
     * What the mock reports as the steps end (before it stops): pjsip show contacts and endpoints, and the
     * warnings it logged while this scenario ran (each scenario has a mock of its own).
     */
    private Observation.ServerObservation serverObservation() {
        PjsipIntrospection show = mock.show();
        Map<String, Integer> contacts = new TreeMap<>();
        show.contacts().forEach(contact -> contacts.merge(contact.aor(), 1, Integer::sum));
        Map<String, String> endpoints = new TreeMap<>();
        show.endpoints().forEach(endpoint -> endpoints.put(endpoint.id(), endpoint.state().asteriskName()));
        PbxLog.Snapshot log = mock.log();
        List<Observation.LogLine> lines = log.lines().stream()
                .map(line -> new Observation.LogLine(line.at(), line.level().name(), line.source(), line.text()))
                .toList();
        return new Observation.ServerObservation(mock.registrar().bindings().size(), contacts, endpoints, lines,
                log.dropped());
    }

    /** Every phone's SIP messages, merged in time order. */
    private List<Observation.SipMessage> trace() {
        List<Observation.SipMessage> messages = new ArrayList<>();
        List<Map.Entry<String, Phone>> all = new ArrayList<>(switchedOff);
        all.addAll(phones.entrySet());
        all.forEach(named -> {
            String name = named.getKey();
            Phone phone = named.getValue();
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
            io.sipshield.emulator.sip.SipFramingException framing = framingFailure(e.getCause());
            if (framing != null) {
                // a hostile or broken server: the phone stopped reading and closed the connection
                note(phone + ": " + what + ": no SIP response; the phone closed a stream it could not frame: "
                        + framing.getMessage());
                return Optional.empty();
            }
            if (e.getCause() instanceof io.sipshield.emulator.ua.TransactionTimeoutException timeout) {
                // a stalled server: the transaction ended on its own timer, which says what it waited for
                note(phone + ": " + what + ": " + timeout.getMessage());
                return Optional.empty();
            }
            if (!closedConnection(e.getCause())) {
                throw e;
            }
            note(phone + ": " + what + ": the server closed the connection without a SIP response ("
                    + e.getCause().getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** The framing error (a SIP size limit, bytes that are not SIP) that made the phone close its connection, or null. */
    static io.sipshield.emulator.sip.SipFramingException framingFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof io.sipshield.emulator.sip.SipFramingException framing) {
                return framing;
            }
        }
        return null;
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
        if (boots != null) {
            boots.close();
        }
        vendorFiles.close();
    }
}

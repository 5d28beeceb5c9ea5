package io.sipshield.harness.run;

import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.scenario.ExpectedStatus;
import io.sipshield.harness.scenario.Expectations;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a scenario's {@link Expectations} with an {@link Observation}: one {@link Check} per stated
 * expectation, in the order of the scenario format. A differing D-Series bitmask also gets one row per
 * flag that differs ({@code tls.bitmask.EIDENTITY_NOT_MATCH  clear | set}), so a report shows which
 * verification failures were ORed in or left out. A missing observation never holds. The top-level
 * groups are about the first phone; {@code expect.phones.<name>} groups are checked as
 * {@code phones.<name>.tls.version} and so on; a step's own {@code expect} as {@code steps[i].<kind>}.
 */
public final class ExpectationChecker {

    /** Every stated expectation of {@code scenario}, its steps' included, checked against {@code observed}. */
    public List<Check> check(Scenario scenario, Observation observed) {
        List<Check> checks = new ArrayList<>(check(scenario.expect(), observed));
        for (int i = 0; i < scenario.steps().size(); i++) {
            step(i, scenario.steps().get(i), observed, checks);
        }
        return checks;
    }

    /** Every stated expectation of {@code expect} checked against {@code observed}. */
    public List<Check> check(Expectations expect, Observation observed) {
        List<Check> checks = new ArrayList<>();
        group("", expect.tls(), expect.sip(), expect.sdp(), expect.media(), observed.tls(), observed.sip(),
                observed.sdp(), observed.media(), checks);
        if (expect.server() != null) {
            server(expect.server(), observed.server(), checks);
        }
        if (expect.provisioning() != null) {
            Observation.PhoneObservation first = observed.phones().values().stream().findFirst().orElse(null);
            provisioning("provisioning", expect.provisioning(), first == null ? null : first.provisioning(), checks);
        }
        if (expect.config() != null) {
            Observation.PhoneObservation first = observed.phones().values().stream().findFirst().orElse(null);
            configFile(expect.config(), first == null ? List.of() : first.configWarnings(), checks);
        }
        String firstPhone = observed.connections().keySet().stream().findFirst().orElse(null);
        expect.connections().forEach((name, connection) -> connection(
                name.equals(firstPhone) ? "connection" : "phones." + name + ".connection",
                connection, observed.connections().get(name), checks));
        expect.phones().forEach((name, phone) -> {
            Observation.PhoneObservation seen = observed.phones().get(name);
            group("phones." + name + ".", phone.tls(), phone.sip(), phone.sdp(), phone.media(),
                    seen == null ? null : seen.tls(), seen == null ? Map.of() : seen.sip(),
                    seen == null ? null : seen.sdp(), seen == null ? null : seen.media(), checks);
            if (phone.provisioning() != null) {
                provisioning("phones." + name + ".provisioning", phone.provisioning(), seen == null ? null : seen.provisioning(),
                        checks);
            }
        });
        return checks;
    }

    /**
     * One check per text of {@code config.warnings-contain} (held when some warning contains it; observed: the
     * first such warning) and of {@code config.warnings-exclude} (held when none does).
     */
    /**
     * {@code connection}: drops counted exactly, every drop recovered (or not), calls ended, and a text the
     * first drop's cause contains; each observed from the phone's {@link ConnectionObservation}.
     */
    private static void connection(String group, io.sipshield.harness.scenario.ConnectionExpectation expect,
                                   ConnectionObservation seen, List<Check> checks) {
        if (expect.drops() != null) {
            checks.add(new Check(group + ".drops", expect.drops().toString(),
                    seen == null ? Check.NONE : Integer.toString(seen.drops()),
                    seen != null && seen.drops() == expect.drops()));
        }
        if (expect.recovered() != null) {
            String observed = seen == null ? Check.NONE : seen.drops() == 0 ? "no drop"
                    : seen.allRecovered() ? "true" : "false (" + seen.describe() + ")";
            boolean holds = seen != null && (expect.recovered()
                    ? seen.drops() > 0 && seen.allRecovered() : seen.drops() > 0 && !seen.allRecovered());
            checks.add(new Check(group + ".recovered", expect.recovered().toString(), observed, holds));
        }
        if (expect.callsEnded() != null) {
            checks.add(new Check(group + ".calls-ended", expect.callsEnded().toString(),
                    seen == null ? Check.NONE : Integer.toString(seen.callsEnded()),
                    seen != null && seen.callsEnded() == expect.callsEnded()));
        }
        if (expect.causeContains() != null) {
            String cause = seen == null ? null : seen.firstCause();
            checks.add(new Check(group + ".cause-contains", "a cause containing '" + expect.causeContains() + "'",
                    cause == null ? Check.NONE : cause, cause != null && cause.contains(expect.causeContains())));
        }
    }

    private static void configFile(Expectations.ConfigFile expect, List<String> warnings, List<Check> checks) {
        for (int i = 0; i < expect.warningsContain().size(); i++) {
            String text = expect.warningsContain().get(i);
            Optional<String> found = warnings.stream().filter(w -> w.contains(text)).findFirst();
            checks.add(new Check("config.warnings-contain[" + i + "]", "a warning containing '" + text + "'",
                    found.orElse("none of " + warnings.size() + " warning(s)"), found.isPresent()));
        }
        for (int i = 0; i < expect.warningsExclude().size(); i++) {
            String text = expect.warningsExclude().get(i);
            Optional<String> found = warnings.stream().filter(w -> w.contains(text)).findFirst();
            checks.add(new Check("config.warnings-exclude[" + i + "]", "no warning containing '" + text + "'",
                    found.orElse(Check.NONE), found.isEmpty()));
        }
    }

    /**
     * {@code trust-list}, {@code config}, {@code itl}, {@code ctl-records}, {@code sast} and one check per file of
     * {@code lists}, each when stated, named {@code <group>.<field>}.
     */
    private static void provisioning(String group, Expectations.Provisioning expect,
                                     Observation.ProvisioningObservation seen, List<Check> checks) {
        if (expect.trustList() != null) {
            checks.add(equality(group + ".trust-list", expect.trustList(), seen == null ? null : seen.trustList()));
        }
        if (expect.config() != null) {
            checks.add(equality(group + ".config", expect.config(), seen == null ? null : seen.config()));
        }
        if (expect.itl() != null) {
            checks.add(equality(group + ".itl", expect.itl(), seen == null ? null : seen.itl()));
        }
        if (expect.ctlRecords() != null) {
            checks.add(equality(group + ".ctl-records", expect.ctlRecords().toString(),
                    seen == null ? null : Integer.toString(seen.ctlRecords())));
        }
        if (expect.sast() != null) {
            checks.add(equality(group + ".sast", expect.sast().toString(), seen == null ? null : seen.sast().toString()));
        }
        if (expect.lists() != null) {
            expect.lists().forEach((file, decision) -> checks.add(equality(group + ".lists." + file, decision,
                    seen == null ? null : seen.lists().get(file))));
        }
    }

    /**
     * One check for the contact total, one per AOR of {@code contacts} (an AOR without contacts
     * observes 0) and one per endpoint of {@code endpoints}. Without server facts (a run against a real
     * server: only the mock reports its registrar and {@code pjsip show}) each is
     * {@link Check#notObservable not observable}, never a pass.
     */
    private static void server(Expectations.Server expect, Observation.ServerObservation server, List<Check> checks) {
        if (server == null) {
            notObservable(expect, checks);
            return;
        }
        if (expect.registeredContacts() != null) {
            int expected = expect.registeredContacts();
            checks.add(new Check("server.registered-contacts", Integer.toString(expected),
                    server == null ? Check.NONE : Integer.toString(server.registeredContacts()),
                    server != null && server.registeredContacts() == expected));
        }
        if (expect.contacts() != null) {
            expect.contacts().forEach((aor, expected) -> {
                int observed = server == null ? 0 : server.contacts().getOrDefault(aor, 0);
                checks.add(new Check("server.contacts." + aor, expected.toString(),
                        server == null ? Check.NONE : Integer.toString(observed),
                        server != null && observed == expected));
            });
        }
        if (expect.endpoints() != null) {
            expect.endpoints().forEach((endpoint, expected) -> checks.add(equality("server.endpoints." + endpoint,
                    expected.asteriskName(), server == null ? null : server.endpoints().get(endpoint))));
        }
    }

    private static void group(String prefix, Expectations.Tls tls, Expectations.Sip sip, Expectations.Sdp sdp,
                              Expectations.Media media, Observation.TlsObservation tlsSeen, Map<String, Integer> sipSeen,
                              Observation.SdpObservation sdpSeen, Observation.MediaObservation mediaSeen,
                              List<Check> checks) {
        if (tls != null) {
            tls(prefix, tls, tlsSeen, checks);
        }
        if (sip != null) {
            status(prefix + "sip.register", sip.register(), sipSeen.get("register"), checks);
            status(prefix + "sip.invite", sip.invite(), sipSeen.get("invite"), checks);
            status(prefix + "sip.bye", sip.bye(), sipSeen.get("bye"), checks);
            status(prefix + "sip.unregister", sip.unregister(), sipSeen.get("unregister"), checks);
        }
        if (sdp != null) {
            sdp(prefix, sdp, sdpSeen, checks);
        }
        if (media != null) {
            media(prefix, media, mediaSeen, checks);
        }
    }

    private static void step(int index, Step step, Observation observed, List<Check> checks) {
        Optional<Observation.StepObservation> seen = observed.steps().stream()
                .filter(candidate -> candidate.index() == index).findFirst();
        String name = "steps[" + index + "]." + step.kind();
        if (step.expect() != null) {
            status(name, step.expect(), seen.map(Observation.StepObservation::status).orElse(null), checks);
        }
        if (step instanceof Step.Reboot reboot && reboot.outcome() != null) {
            provisioning(name, reboot.outcome(), seen.map(Observation.StepObservation::provisioning).orElse(null),
                    checks);
        }
        if (step instanceof Step.ExpectRequest request) {
            String received = seen.map(Observation.StepObservation::received).orElse(null);
            checks.add(new Check(name, request.method() + " within " + ScenarioRunner.describe(request.within()),
                    received == null ? Check.NONE : received, request.method().equals(received)));
        }
    }

    private static void tls(String prefix, Expectations.Tls expect, Observation.TlsObservation tls, List<Check> checks) {
        if (expect.established() != null) {
            String observed = Check.NONE;
            if (tls != null) {
                observed = tls.established() || tls.failure() == null
                        ? Boolean.toString(tls.established())
                        : "false (" + oneLine(tls.failure()) + ")";
            }
            checks.add(new Check(prefix + "tls.established", expect.established().toString(), observed,
                    tls != null && tls.established() == expect.established()));
        }
        if (expect.version() != null) {
            checks.add(equality(prefix + "tls.version", expect.version(), tls == null ? null : tls.version()));
        }
        if (expect.cipher() != null) {
            checks.add(equality(prefix + "tls.cipher", expect.cipher(), tls == null ? null : tls.cipher()));
        }
        Long observed = tls == null ? null : tls.bitmask();
        if (expect.bitmask() != null) {
            long expected = expect.bitmask();
            checks.add(new Check(prefix + "tls.bitmask", VerifyFlag.format(expected),
                    observed == null ? Check.NONE : VerifyFlag.format(observed),
                    observed != null && observed == expected));
            if (observed != null && observed != expected) {
                for (VerifyFlag flag : VerifyFlag.values()) {
                    if (((expected ^ observed) & flag.bit()) != 0) {
                        checks.add(new Check(prefix + "tls.bitmask." + flag.name(), setOrClear(expected, flag),
                                setOrClear(observed, flag), false));
                    }
                }
            }
        }
        flags(prefix + "tls.bitmask-contains", expect.bitmaskContains(), true, observed, checks);
        flags(prefix + "tls.bitmask-excludes", expect.bitmaskExcludes(), false, observed, checks);
        if (expect.alert() != null) {
            alert(prefix, expect.alert(), tls == null ? null : tls.alert(), checks);
        }
    }

    /** One row per listed flag: {@code set} (contains) or {@code clear} (excludes) expected. */
    private static void flags(String name, Set<VerifyFlag> flags, boolean set, Long observed, List<Check> checks) {
        for (VerifyFlag flag : VerifyFlag.values()) {
            if (!flags.contains(flag)) {
                continue;
            }
            String seen = observed == null ? Check.NONE : setOrClear(observed, flag) + " (" + VerifyFlag.format(observed) + ")";
            checks.add(new Check(name + "." + flag.name(), set ? "set" : "clear", seen,
                    observed != null && ((observed & flag.bit()) != 0) == set));
        }
    }

    private static void alert(String prefix, Expectations.Alert expect, Observation.AlertObservation alert,
                              List<Check> checks) {
        String observed = alert == null ? Check.NONE : alert.toString();
        if (expect.name() != null) {
            checks.add(new Check(prefix + "tls.alert.name", expect.name(), observed,
                    alert != null && alert.name().equals(expect.name())));
        }
        if (expect.code() != null) {
            checks.add(new Check(prefix + "tls.alert.code", expect.code().toString(), observed,
                    alert != null && alert.code() == expect.code()));
        }
        if (expect.sentBy() != null) {
            checks.add(new Check(prefix + "tls.alert.sent-by", expect.sentBy(), observed,
                    alert != null && alert.sentBy().equals(expect.sentBy())));
        }
    }

    private static String setOrClear(long mask, VerifyFlag flag) {
        return (mask & flag.bit()) != 0 ? "set" : "clear";
    }

    private static void notObservable(Expectations.Server expect, List<Check> checks) {
        if (expect.registeredContacts() != null) {
            checks.add(Check.notObservable("server.registered-contacts", expect.registeredContacts().toString()));
        }
        if (expect.contacts() != null) {
            expect.contacts().forEach((aor, expected) ->
                    checks.add(Check.notObservable("server.contacts." + aor, expected.toString())));
        }
        if (expect.endpoints() != null) {
            expect.endpoints().forEach((endpoint, expected) ->
                    checks.add(Check.notObservable("server.endpoints." + endpoint, expected.asteriskName())));
        }
    }

    private static void status(String name, ExpectedStatus expected, Integer status, List<Check> checks) {
        if (expected == null) {
            return;
        }
        checks.add(new Check(name, expected.text(), status == null ? Check.NONE : status.toString(),
                expected.matches(status)));
    }

    private static void sdp(String prefix, Expectations.Sdp expect, Observation.SdpObservation sdp, List<Check> checks) {
        if (expect.profile() != null) {
            checks.add(equality(prefix + "sdp.profile", expect.profile(), sdp == null ? null : sdp.profile()));
        }
        if (expect.suite() != null) {
            checks.add(equality(prefix + "sdp.suite", expect.suite(), sdp == null ? null : sdp.suite()));
        }
    }

    private static void media(String prefix, Expectations.Media expect, Observation.MediaObservation media,
                              List<Check> checks) {
        if (expect.allVerified() != null) {
            boolean allVerified = media != null && media.sent() > 0
                    && media.verified() == media.sent() && media.received() == media.sent();
            String observed = media == null ? Check.NONE : allVerified + " (sent " + media.sent() + ", received "
                    + media.received() + ", verified " + media.verified() + ")";
            checks.add(new Check(prefix + "media.all-verified", expect.allVerified().toString(), observed,
                    allVerified == expect.allVerified()));
        }
        if (expect.authFailures() != null) {
            long expected = expect.authFailures();
            checks.add(new Check(prefix + "media.auth-failures", Long.toString(expected),
                    media == null ? Check.NONE : Long.toString(media.authFailures()),
                    media != null && media.authFailures() == expected));
        }
        if (expect.minPackets() != null) {
            long minimum = expect.minPackets();
            checks.add(new Check(prefix + "media.min-packets", "sent >= " + minimum + ", verified >= " + minimum,
                    media == null ? Check.NONE : "sent " + media.sent() + ", verified " + media.verified(),
                    media != null && media.sent() >= minimum && media.verified() >= minimum));
        }
        if (expect.maxLossPercent() != null) {
            double limit = expect.maxLossPercent();
            checks.add(new Check(prefix + "media.max-loss-percent", "<= " + decimal(limit) + " %",
                    media == null ? Check.NONE : decimal(media.lossPercent()) + " % (lost " + media.lost()
                            + ", received " + media.received() + ")",
                    media != null && media.received() > 0 && media.lossPercent() <= limit));
        }
        if (expect.maxJitterMs() != null) {
            double limit = expect.maxJitterMs();
            checks.add(new Check(prefix + "media.max-jitter-ms", "<= " + decimal(limit) + " ms",
                    media == null ? Check.NONE : decimal(media.jitterMs()) + " ms",
                    media != null && media.received() > 0 && media.jitterMs() <= limit));
        }
        if (expect.toneHz() != null) {
            Observation.ToneObservation tone = media == null ? null : media.tone();
            String observed = tone == null ? Check.NONE : (tone.present() ? "" : "no ") + tone.frequency()
                    + " Hz tone (in " + tone.toneFrames() + " of " + tone.frames() + " packets)";
            checks.add(new Check(prefix + "media.tone-hz", expect.toneHz() + " Hz", observed,
                    tone != null && tone.frequency() == expect.toneHz() && tone.present()));
        }
        if (expect.receivedMinPackets() != null) {
            long minimum = expect.receivedMinPackets();
            checks.add(new Check(prefix + "media.received-min-packets", ">= " + minimum,
                    media == null ? Check.NONE : Long.toString(media.received()),
                    media != null && media.received() >= minimum));
        }
        if (expect.replays() != null) {
            checks.add(new Check(prefix + "media.replays", expect.replays().toString(),
                    media == null ? Check.NONE : Long.toString(media.replays()),
                    media != null && media.replays() == expect.replays()));
        }
        if (expect.reordered() != null) {
            checks.add(new Check(prefix + "media.reordered", expect.reordered().toString(),
                    media == null ? Check.NONE : Long.toString(media.reordered()),
                    media != null && media.reordered() == expect.reordered()));
        }
        if (expect.countedAsImpaired() != null) {
            String observed = media == null ? Check.NONE : media.countedAsImpaired() + " (phone: lost " + media.lost()
                    + ", reordered " + media.reordered() + ", replays " + media.replays() + ", auth failures "
                    + media.authFailures() + "; network: " + media.impairment().describe() + ", lost "
                    + media.impairment().lost() + ")";
            checks.add(new Check(prefix + "media.counted-as-impaired", expect.countedAsImpaired().toString(), observed,
                    media != null && media.countedAsImpaired() == expect.countedAsImpaired()));
        }
    }

    private static String decimal(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static Check equality(String name, String expected, String observed) {
        return new Check(name, expected, observed == null ? Check.NONE : observed, Objects.equals(expected, observed));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

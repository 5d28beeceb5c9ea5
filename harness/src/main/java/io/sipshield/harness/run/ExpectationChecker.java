package io.sipshield.harness.run;

import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.scenario.ExpectedStatus;
import io.sipshield.harness.scenario.Expectations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares a scenario's {@link Expectations} with an {@link Observation}: one {@link Check} per stated
 * expectation, in the order of the scenario format. A differing D-Series bitmask also gets one row per
 * flag that differs ({@code tls.bitmask.EIDENTITY_NOT_MATCH  clear | set}), so a report shows which
 * verification failures were ORed in or left out. A missing observation never holds.
 */
public final class ExpectationChecker {

    /** Every stated expectation of {@code expect} checked against {@code observed}. */
    public List<Check> check(Expectations expect, Observation observed) {
        List<Check> checks = new ArrayList<>();
        if (expect.tls() != null) {
            tls(expect.tls(), observed.tls(), checks);
        }
        if (expect.sip() != null) {
            sip(expect.sip(), observed, checks);
        }
        if (expect.sdp() != null) {
            sdp(expect.sdp(), observed.sdp(), checks);
        }
        if (expect.media() != null) {
            media(expect.media(), observed.media(), checks);
        }
        if (expect.server() != null) {
            server(expect.server(), observed.server(), checks);
        }
        return checks;
    }

    /**
     * One check for the contact total, one per AOR of {@code contacts} (an AOR without contacts
     * observes 0) and one per endpoint of {@code endpoints}.
     */
    private static void server(Expectations.Server expect, Observation.ServerObservation server, List<Check> checks) {
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

    private static void tls(Expectations.Tls expect, Observation.TlsObservation tls, List<Check> checks) {
        if (expect.established() != null) {
            String observed = Check.NONE;
            if (tls != null) {
                observed = tls.established() || tls.failure() == null
                        ? Boolean.toString(tls.established())
                        : "false (" + oneLine(tls.failure()) + ")";
            }
            checks.add(new Check("tls.established", expect.established().toString(), observed,
                    tls != null && tls.established() == expect.established()));
        }
        if (expect.version() != null) {
            checks.add(equality("tls.version", expect.version(), tls == null ? null : tls.version()));
        }
        if (expect.cipher() != null) {
            checks.add(equality("tls.cipher", expect.cipher(), tls == null ? null : tls.cipher()));
        }
        if (expect.bitmask() != null) {
            long expected = expect.bitmask();
            Long observed = tls == null ? null : tls.bitmask();
            checks.add(new Check("tls.bitmask", VerifyFlag.format(expected),
                    observed == null ? Check.NONE : VerifyFlag.format(observed),
                    observed != null && observed == expected));
            if (observed != null && observed != expected) {
                for (VerifyFlag flag : VerifyFlag.values()) {
                    if (((expected ^ observed) & flag.bit()) != 0) {
                        checks.add(new Check("tls.bitmask." + flag.name(), setOrClear(expected, flag),
                                setOrClear(observed, flag), false));
                    }
                }
            }
        }
    }

    private static String setOrClear(long mask, VerifyFlag flag) {
        return (mask & flag.bit()) != 0 ? "set" : "clear";
    }

    private static void sip(Expectations.Sip expect, Observation observed, List<Check> checks) {
        status("register", expect.register(), observed, checks);
        status("invite", expect.invite(), observed, checks);
        status("bye", expect.bye(), observed, checks);
    }

    private static void status(String method, ExpectedStatus expected, Observation observed, List<Check> checks) {
        if (expected == null) {
            return;
        }
        Integer status = observed.sip().get(method);
        checks.add(new Check("sip." + method, expected.text(), status == null ? Check.NONE : status.toString(),
                expected.matches(status)));
    }

    private static void sdp(Expectations.Sdp expect, Observation.SdpObservation sdp, List<Check> checks) {
        if (expect.profile() != null) {
            checks.add(equality("sdp.profile", expect.profile(), sdp == null ? null : sdp.profile()));
        }
        if (expect.suite() != null) {
            checks.add(equality("sdp.suite", expect.suite(), sdp == null ? null : sdp.suite()));
        }
    }

    private static void media(Expectations.Media expect, Observation.MediaObservation media, List<Check> checks) {
        if (expect.allVerified() != null) {
            boolean allVerified = media != null && media.sent() > 0
                    && media.verified() == media.sent() && media.received() == media.sent();
            String observed = media == null ? Check.NONE : allVerified + " (sent " + media.sent() + ", received "
                    + media.received() + ", verified " + media.verified() + ")";
            checks.add(new Check("media.all-verified", expect.allVerified().toString(), observed,
                    allVerified == expect.allVerified()));
        }
        if (expect.authFailures() != null) {
            long expected = expect.authFailures();
            checks.add(new Check("media.auth-failures", Long.toString(expected),
                    media == null ? Check.NONE : Long.toString(media.authFailures()),
                    media != null && media.authFailures() == expected));
        }
        if (expect.minPackets() != null) {
            long minimum = expect.minPackets();
            checks.add(new Check("media.min-packets", "sent >= " + minimum + ", verified >= " + minimum,
                    media == null ? Check.NONE : "sent " + media.sent() + ", verified " + media.verified(),
                    media != null && media.sent() >= minimum && media.verified() >= minimum));
        }
    }

    private static Check equality(String name, String expected, String observed) {
        return new Check(name, expected, observed == null ? Check.NONE : observed, Objects.equals(expected, observed));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

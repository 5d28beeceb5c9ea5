package io.sipshield.harness.run;

import java.util.List;
import java.util.Map;

/** Scenario texts and a fake executor for runner and CLI tests: the about line says what happens. */
public final class FakeScenarios {

    /** Unusable: {@code setup} has no server. */
    public static final String INVALID = "about: broken\nsetup: {}\n";

    /** Does what the scenario's about line says: pass, fail, throw, silent-throw, no-observation. */
    public static final ScenarioExecutor EXECUTOR = scenario -> switch (scenario.about()) {
        case "pass" -> registered(200);
        case "fail" -> registered(403);
        case "throw" -> throw new IllegalStateException("mock could not bind\n  port 5061 in use");
        case "silent-throw" -> throw new IllegalStateException();
        case "no-observation" -> null;
        default -> throw new AssertionError("unexpected scenario " + scenario.about());
    };

    private FakeScenarios() {
    }

    /** A valid scenario expecting REGISTER to get 200. */
    public static String scenario(String about) {
        return """
                about: %s
                setup:
                  server: { mock: { certificate: pbx-server } }
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101 }
                steps:
                  - register: alice
                expect:
                  sip: { register: 200 }
                """.formatted(about);
    }

    /** An observation where REGISTER got {@code status}. */
    public static Observation registered(int status) {
        return new Observation(new Observation.TlsObservation(true, "TLSv1.2", null, 0L, null),
                Map.of("register", status), null, null, null, List.of());
    }
}

package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.harness.mock.EndpointState;
import io.sipshield.harness.scenario.Expectations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code expect.server.contacts} and {@code expect.server.endpoints} against what the mock reported. */
class ServerExpectationCheckTest {

    private final ExpectationChecker checker = new ExpectationChecker();

    private static Observation observed(Observation.ServerObservation server) {
        return new Observation(null, Map.of(), null, null, server, List.of());
    }

    private static Expectations expect(Map<String, Integer> contacts, Map<String, EndpointState> endpoints) {
        return new Expectations(null, null, null, null, new Expectations.Server(null, contacts, endpoints));
    }

    @Test
    void holdsWhenEveryAorAndEndpointMatches() {
        Observation.ServerObservation server = new Observation.ServerObservation(1, Map.of("101", 1),
                Map.of("101", "Not in use", "102", "Unavailable"));
        Map<String, EndpointState> endpoints = new LinkedHashMap<>();
        endpoints.put("101", EndpointState.NOT_IN_USE);
        endpoints.put("102", EndpointState.UNAVAILABLE);
        List<Check> checks = checker.check(expect(Map.of("101", 1), endpoints), observed(server));
        assertEquals(List.of(
                new Check("server.contacts.101", "1", "1", true),
                new Check("server.endpoints.101", "Not in use", "Not in use", true),
                new Check("server.endpoints.102", "Unavailable", "Unavailable", true)), checks);
    }

    @Test
    void failsShowingExpectedAgainstActualPerAorAndEndpoint() {
        Observation.ServerObservation server = new Observation.ServerObservation(0, Map.of(),
                Map.of("101", "Unavailable"));
        Map<String, Integer> contacts = new LinkedHashMap<>();
        contacts.put("101", 1);
        contacts.put("102", 0);
        List<Check> checks = checker.check(expect(contacts, Map.of("101", EndpointState.NOT_IN_USE)), observed(server));
        assertEquals(List.of(
                new Check("server.contacts.101", "1", "0", false),
                new Check("server.contacts.102", "0", "0", true),
                new Check("server.endpoints.101", "Not in use", "Unavailable", false)), checks);
    }

    @Test
    void anUnknownEndpointOrNoServerObservationNeverHolds() {
        List<Check> unknown = checker.check(expect(null, Map.of("103", EndpointState.UNAVAILABLE)),
                observed(new Observation.ServerObservation(0)));
        assertEquals(List.of(new Check("server.endpoints.103", "Unavailable", Check.NONE, false)), unknown);
        List<Check> none = checker.check(expect(Map.of("101", 0), Map.of("101", EndpointState.UNAVAILABLE)),
                observed(null));
        // no server observation is a real target: reported as not observable, never as a pass
        assertEquals(List.of(Check.notObservable("server.contacts.101", "0"),
                Check.notObservable("server.endpoints.101", "Unavailable")), none);
        assertEquals(List.of(false, false), none.stream().map(Check::holds).toList());
    }
}

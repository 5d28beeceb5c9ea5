package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipshield.harness.mock.EndpointState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code expect.server}: contacts per AOR and endpoint states, as {@code pjsip show} reports them. */
class ServerExpectationLoaderTest {

    private static final Path FILE = Path.of("scenarios", "asterisk", "x.yaml");

    /** Line 15 is {@code server:}, 16 its first entry. */
    private static final String SCENARIO = """
            about: server expectations
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101 }
                    - { id: "102", password: pass102 }
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101 }
            steps:
              - register: alice
            expect:
              sip: { register: 200 }
              server:
            """;

    private final ScenarioLoader loader = new ScenarioLoader();

    private ScenarioFileException invalid(String server) {
        return assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, SCENARIO + server));
    }

    @Test
    void readsContactsPerAorAndEndpointStatesAsTheCliNamesThem() throws Exception {
        Scenario scenario = loader.parse(FILE, SCENARIO + """
                    contacts: { "101": 1, 102: 0 }
                    endpoints: { "101": Not in use, "102": "Unavailable" }
                """);
        Expectations.Server server = scenario.expect().server();
        assertNull(server.registeredContacts());
        assertEquals(Map.of("101", 1, "102", 0), server.contacts());
        assertEquals(Map.of("101", EndpointState.NOT_IN_USE, "102", EndpointState.UNAVAILABLE), server.endpoints());
    }

    @Test
    void theSchemaListsTheSameEndpointStates() throws Exception {
        JsonNode states = new ObjectMapper().readTree(Path.of("..", "scenarios", "schema", "scenario.schema.json").toFile())
                .path("$defs").path("expect").path("properties").path("server").path("properties").path("endpoints")
                .path("additionalProperties").path("enum");
        List<String> inSchema = new ArrayList<>();
        states.forEach(state -> inSchema.add(state.asText()));
        assertEquals(Arrays.stream(EndpointState.values()).map(EndpointState::asteriskName).toList(), inSchema);
    }

    @Test
    void registeredContactsAloneStillReads() throws Exception {
        Scenario scenario = loader.parse(FILE, SCENARIO + "    registered-contacts: 1\n");
        assertEquals(new Expectations.Server(1), scenario.expect().server());
    }

    @Test
    void rejectsAStateTheCliDoesNotPrint() {
        ScenarioFileException e = invalid("    endpoints: { \"101\": Idle }\n");
        assertEquals(FILE + ":16:25: found 'Idle' in expect.server.endpoints.101; expected one of: Unavailable, "
                + "Not in use, In use, Busy", e.getMessage());
    }

    @Test
    void rejectsAnAorThatIsNotAMockEndpoint() {
        ScenarioFileException e = invalid("    contacts: { \"103\": 1 }\n");
        assertEquals(FILE + ":16:17: unknown endpoint '103' in expect.server.contacts; expected one of the mock's "
                + "endpoints: 101, 102", e.getMessage());
    }

    @Test
    void rejectsANegativeCountAnEmptyMappingAndAList() {
        assertEquals("expect.server.contacts.101", invalid("    contacts: { \"101\": -1 }\n").field());
        ScenarioFileException empty = invalid("    endpoints: {}\n");
        assertEquals("expect.server.endpoints", empty.field());
        assertEquals(true, empty.getMessage().contains("an empty mapping"), empty.getMessage());
        assertEquals("expect.server.contacts", invalid("    contacts: [101]\n").field());
    }
}

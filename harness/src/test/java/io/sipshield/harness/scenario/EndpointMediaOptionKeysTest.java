package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The endpoint keys media-encryption-optimistic and srtp-tag-32 (pjsip.conf's options of the same names). */
class EndpointMediaOptionKeysTest {

    private static final Path FILE = Path.of("scenarios", "asterisk", "x.yaml");

    private static String scenario(String endpoint) {
        return """
                about: endpoint options
                setup:
                  server:
                    mock:
                      certificate: pbx-server
                      endpoints:
                        - %s
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101 }
                steps:
                  - register: alice
                expect:
                  sip: { register: 200 }
                """.formatted(endpoint);
    }

    private static Endpoint endpoint(String yaml) throws ScenarioFileException {
        MockServer mock = (MockServer) new ScenarioLoader().parse(FILE, scenario(yaml)).setup().server();
        return mock.endpoints().get(0);
    }

    @Test
    void bothOptionsDefaultToNoAsInAsterisk() throws Exception {
        Endpoint endpoint = endpoint("{ id: \"101\", password: pass101 }");
        assertFalse(endpoint.mediaEncryptionOptimistic());
        assertFalse(endpoint.srtpTag32());
    }

    @Test
    void bothOptionsAreRead() throws Exception {
        Endpoint endpoint = endpoint("{ id: \"101\", password: pass101, media-encryption-optimistic: true, srtp-tag-32: true }");
        assertTrue(endpoint.mediaEncryptionOptimistic());
        assertTrue(endpoint.srtpTag32());
        assertEquals(Endpoint.MediaEncryption.SDES, endpoint.mediaEncryption());
    }

    @Test
    void aValueThatIsNotABooleanNamesTheFieldAndLine() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> endpoint("{ id: \"101\", password: pass101, srtp-tag-32: yes-please }"));
        assertEquals("setup.server.mock.endpoints[0].srtp-tag-32", e.field());
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }
}

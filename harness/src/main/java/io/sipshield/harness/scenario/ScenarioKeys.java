package io.sipshield.harness.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys the loader accepts, per kind of mapping. The loader rejects every other key, and a
 * test checks that {@code scenarios/schema/scenario.schema.json} lists exactly these.
 */
final class ScenarioKeys {

    static final List<String> SCENARIO = List.of("about", "setup", "steps", "expect");
    static final List<String> SETUP = List.of("server", "phones");
    static final List<String> SERVER = List.of("mock");
    static final List<String> MOCK = List.of("certificate", "endpoints", "extensions", "personality",
            "client-verification");
    static final List<String> ENDPOINT = List.of("id", "password", "media-encryption", "media-encryption-optimistic",
            "srtp-tag-32");
    static final List<String> PHONE = List.of("name", "profile", "user", "password", "server-name", "trust",
            "allow-wildcard", "clock", "tls-provider", "client-certificate");
    static final List<String> STEP = List.of("register", "call", "hangup");
    static final List<String> CALL = List.of("phone", "to", "media");
    static final List<String> MEDIA = List.of("source", "seconds");
    static final List<String> EXPECT = List.of("tls", "sip", "sdp", "media", "server");
    static final List<String> EXPECT_TLS = List.of("established", "version", "cipher", "bitmask");
    static final List<String> EXPECT_SIP = List.of("register", "invite", "bye");
    static final List<String> EXPECT_SDP = List.of("profile", "suite");
    static final List<String> EXPECT_MEDIA = List.of("all-verified", "auth-failures", "min-packets");
    static final List<String> EXPECT_SERVER = List.of("registered-contacts", "contacts", "endpoints");

    private ScenarioKeys() {
    }

    /**
     * Every mapping with fixed keys, by its place in a document: {@code ""} is the top level,
     * {@code []} an item of a list.
     */
    static Map<String, List<String>> byPlace() {
        Map<String, List<String>> places = new LinkedHashMap<>();
        places.put("", SCENARIO);
        places.put("setup", SETUP);
        places.put("setup.server", SERVER);
        places.put("setup.server.mock", MOCK);
        places.put("setup.server.mock.endpoints[]", ENDPOINT);
        places.put("setup.phones[]", PHONE);
        places.put("steps[]", STEP);
        places.put("steps[].call", CALL);
        places.put("steps[].call.media", MEDIA);
        places.put("expect", EXPECT);
        places.put("expect.tls", EXPECT_TLS);
        places.put("expect.sip", EXPECT_SIP);
        places.put("expect.sdp", EXPECT_SDP);
        places.put("expect.media", EXPECT_MEDIA);
        places.put("expect.server", EXPECT_SERVER);
        return places;
    }
}

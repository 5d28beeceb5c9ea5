package io.sipshield.harness.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys the loader accepts, per kind of mapping. The loader rejects every other key, and a
 * test checks that {@code scenarios/schema/scenario.schema.json} lists exactly these.
 */
final class ScenarioKeys {

    static final List<String> SCENARIO = List.of("about", "setup", "steps", "expect", "cases");
    static final List<String> CASES = List.of("columns", "rows");
    static final List<String> SETUP = List.of("server", "phones", "faults");
    /** An item of {@code setup.faults}: every key any fault takes (each fault takes its own, {@link FaultReader}). */
    static final List<String> FAULT = FaultReader.allKeys();
    /** The mapping form of a phone's {@code reconnect}. */
    static final List<String> RECONNECT = List.of("base-time", "max-time", "max-attempts");
    /** {@code expect.connection} and {@code expect.phones.<name>.connection}. */
    static final List<String> EXPECT_CONNECTION = List.of("drops", "recovered", "calls-ended", "cause-contains");
    static final List<String> SERVER = List.of("mock", "target");
    static final List<String> MOCK = List.of("certificate", "endpoints", "extensions", "personality",
            "client-verification", "pjsip.conf", "extensions.conf", "config");
    static final List<String> ENDPOINT = List.of("id", "password", "media-encryption", "media-encryption-optimistic",
            "srtp-tag-32");
    static final List<String> PHONE = List.of("name", "profile", "user", "password", "server-name", "trust",
            "allow-wildcard", "clock", "tls-provider", "client-certificate", "answer", "reject-status", "codecs",
            "trust-list", "config", "provisioning", "mac", "factory-reset", "reconnect", "transaction-timeout");
    /** The mapping form of a phone's {@code provisioning}. */
    static final List<String> PROVISIONING = List.of("directory", "https-certificate");
    static final List<String> TRUST_LIST_RECORD = List.of("certificate", "role");
    static final List<String> STEP = List.of("register", "unregister", "call", "answer", "hangup", "wait",
            "expect-request", "hold", "resume", "reboot", "factory-reset");
    /** A step that names a phone and may state its final status: register, unregister, hangup, hold, resume. */
    static final List<String> PHONE_STEP = List.of("phone", "expect");
    /** {@code reboot}: the phone boots again, from its own or another provisioning directory. */
    static final List<String> REBOOT = List.of("phone", "provisioning", "expect");
    /** {@code factory-reset}: the phone's trust store is wiped. */
    static final List<String> FACTORY_RESET = List.of("phone");
    static final List<String> CALL = List.of("phone", "to", "media", "expect", "hold-seconds");
    static final List<String> ANSWER = List.of("phone", "within", "after", "reject");
    static final List<String> EXPECT_REQUEST = List.of("phone", "method", "within");
    static final List<String> MEDIA = List.of("source", "seconds");
    static final List<String> EXPECT = List.of("tls", "sip", "sdp", "media", "server", "phones", "provisioning",
            "config", "connection");
    static final List<String> EXPECT_CONFIG = List.of("warnings-contain", "warnings-exclude");
    static final List<String> EXPECT_PHONE = List.of("tls", "sip", "sdp", "media", "provisioning", "connection");
    static final List<String> EXPECT_PROVISIONING = List.of("trust-list", "config", "itl", "ctl-records", "sast",
            "lists");
    static final List<String> EXPECT_TLS = List.of("established", "version", "cipher", "bitmask", "alert",
            "bitmask-contains", "bitmask-excludes");
    static final List<String> EXPECT_TLS_ALERT = List.of("name", "code", "sent-by");
    static final List<String> EXPECT_SIP = List.of("register", "invite", "bye", "unregister");
    static final List<String> EXPECT_SDP = List.of("profile", "suite");
    static final List<String> EXPECT_MEDIA = List.of("all-verified", "auth-failures", "min-packets",
            "max-loss-percent", "max-jitter-ms", "tone-hz", "received-min-packets", "replays", "reordered",
            "counted-as-impaired");
    static final List<String> EXPECT_SERVER = List.of("registered-contacts", "contacts", "endpoints");

    private ScenarioKeys() {
    }

    private static void expectGroups(Map<String, List<String>> places, String place) {
        places.put(place + ".tls", EXPECT_TLS);
        places.put(place + ".tls.alert", EXPECT_TLS_ALERT);
        places.put(place + ".sip", EXPECT_SIP);
        places.put(place + ".sdp", EXPECT_SDP);
        places.put(place + ".media", EXPECT_MEDIA);
    }

    /**
     * Every mapping with fixed keys, by its place in a document: {@code ""} is the top level,
     * {@code []} an item of a list, {@code *} any key of a mapping with free keys.
     */
    static Map<String, List<String>> byPlace() {
        Map<String, List<String>> places = new LinkedHashMap<>();
        places.put("", SCENARIO);
        places.put("cases", CASES);
        places.put("setup", SETUP);
        places.put("setup.server", SERVER);
        places.put("setup.server.mock", MOCK);
        places.put("setup.server.mock.endpoints[]", ENDPOINT);
        places.put("setup.phones[]", PHONE);
        places.put("setup.phones[].reconnect", RECONNECT);
        places.put("setup.faults[]", FAULT);
        places.put("setup.phones[].trust-list[]", TRUST_LIST_RECORD);
        places.put("setup.phones[].provisioning", PROVISIONING);
        places.put("steps[]", STEP);
        for (String step : List.of("register", "unregister", "hangup", "hold", "resume")) {
            places.put("steps[]." + step, PHONE_STEP);
        }
        places.put("steps[].reboot", REBOOT);
        places.put("steps[].reboot.provisioning", PROVISIONING);
        places.put("steps[].reboot.expect", EXPECT_PROVISIONING);
        places.put("steps[].factory-reset", FACTORY_RESET);
        places.put("steps[].call", CALL);
        places.put("steps[].call.media", MEDIA);
        places.put("steps[].answer", ANSWER);
        places.put("steps[].expect-request", EXPECT_REQUEST);
        expectGroups(places, "expect");
        places.put("expect", EXPECT);
        places.put("expect.server", EXPECT_SERVER);
        places.put("expect.phones.*", EXPECT_PHONE);
        places.put("expect.connection", EXPECT_CONNECTION);
        places.put("expect.phones.*.connection", EXPECT_CONNECTION);
        places.put("expect.provisioning", EXPECT_PROVISIONING);
        places.put("expect.config", EXPECT_CONFIG);
        places.put("expect.phones.*.provisioning", EXPECT_PROVISIONING);
        expectGroups(places, "expect.phones.*");
        return places;
    }
}

package io.sipshield.certs;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The named certificates scenarios refer to ({@code certificate: pbx-server}, {@code trust: [test-root]}). */
public enum FixtureName {
    /** The sipshield test root CA (RSA 2048). */
    TEST_ROOT("test-root", "the sipshield test root CA (RSA 2048)"),
    /** A root CA unrelated to the test root: a server it issued is from an unknown CA. */
    OTHER_ROOT("other-root", "an unrelated second root CA"),
    /** pbx.sip.test, SAN DNS:pbx.sip.test and IP:127.0.0.1, EKU serverAuth, issued by the test root. */
    PBX_SERVER("pbx-server", "server certificate for pbx.sip.test (SAN DNS pbx.sip.test, IP 127.0.0.1), serverAuth, issued by test-root"),
    /** A valid certificate from the test root for another host (other.sip.test): identity does not match. */
    OTHER_HOST_SERVER("other-host-server", "server certificate for other.sip.test only, serverAuth, issued by test-root"),
    /** pbx.sip.test, but issued by the unrelated root. */
    PBX_SERVER_UNKNOWN_CA("pbx-server-unknown-ca", "server certificate for pbx.sip.test issued by other-root"),
    /** pbx.sip.test, self-signed. */
    PBX_SERVER_SELF_SIGNED("pbx-server-self-signed", "self-signed server certificate for pbx.sip.test"),
    /** pbx.sip.test from the test root, expired yesterday. */
    PBX_SERVER_EXPIRED("pbx-server-expired", "server certificate for pbx.sip.test from test-root, expired yesterday");

    private final String id;
    private final String description;

    FixtureName(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name scenario files use. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<FixtureName> byId(String id) {
        return Arrays.stream(values()).filter(name -> name.id.equals(id)).findFirst();
    }

    /** Every id, comma-separated, for error messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(FixtureName::id).collect(Collectors.joining(", "));
    }
}

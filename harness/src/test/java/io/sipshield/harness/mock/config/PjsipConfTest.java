package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.TlsMethod;
import static io.sipshield.harness.mock.config.ConfigFiles.fails;
import static io.sipshield.harness.mock.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.mock.MediaEncryption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pjsip.conf: each option of the subset, Asterisk's defaults, and every kind of rejection. */
class PjsipConfTest {

    @TempDir
    Path dir;

    private PjsipConf load(String... lines) throws ConfigFileException {
        return PjsipConf.load(write(dir, "pjsip.conf", lines));
    }

    private void fails(String location, String[] fragments, String... lines) {
        ConfigFiles.fails(() -> load(lines), location, fragments);
    }

    private static String[] expect(String... fragments) {
        return fragments;
    }

    @Test
    void defaultsAreAsterisks() throws Exception {
        PjsipConf c = load("[t]", "type = transport", "[e]", "type = endpoint", "[a]", "type = aor");
        assertEquals(PjsipGlobal.defaults(), c.global());
        assertEquals(List.of("ip", "username", "anonymous"), c.global().endpointIdentifierOrder());
        PjsipTransport t = c.transport("t").orElseThrow();
        assertEquals(TransportProtocol.UDP, t.protocol());
        assertEquals(new Bind("0.0.0.0", 0), t.bind());
        assertEquals(5060, t.bind().portOr(t.protocol()));
        assertEquals(TlsMethod.DEFAULT, t.method());
        assertEquals(List.of(), t.ciphers());
        assertFalse(t.verifyClient() || t.requireClientCert() || t.verifyServer() || t.allowWildcardCerts());
        assertEquals(Optional.empty(), t.certFile());
        PjsipEndpoint e = c.endpoint("e").orElseThrow();
        assertEquals("default", e.context());
        assertEquals(MediaEncryption.NO, e.mediaEncryption());
        assertEquals(List.of(), e.codecs());
        assertEquals(List.of(), e.auths());
        assertFalse(e.mediaEncryptionOptimistic() || e.srtpTag32() || e.rewriteContact());
        assertEquals(Optional.empty(), e.transport());
        assertEquals(new PjsipAor("a", 0, false, 0, 3600, 60, 7200), c.aor("a").orElseThrow());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void tlsTransportIsTyped() throws Exception {
        PjsipConf c = load("[global]", "type=global", "user_agent = Test PBX", "endpoint_identifier_order = username,ip",
                "[tls]", "type = transport", "protocol = TLS", "bind = [::1]:5161", "cert_file = keys/a.crt",
                "priv_key_file = /abs/a.key", "ca_list_file = ca.pem", "ca_list_path = cas", "method = tlsv1_3",
                "cipher = ECDHE-RSA-AES128-GCM-SHA256, AES256-SHA", "verify_client = yes", "require_client_cert = true",
                "verify_server = on", "allow_wildcard_certs = 1");
        assertEquals(new PjsipGlobal("Test PBX", List.of("username", "ip")), c.global());
        PjsipTransport t = c.transport("tls").orElseThrow();
        assertEquals(TransportProtocol.TLS, t.protocol());
        assertEquals(new Bind("::1", 5161), t.bind());
        assertEquals("[::1]:5161", t.bind().toString());
        assertEquals(dir.toAbsolutePath().resolve("keys/a.crt"), t.certFile().orElseThrow());
        assertEquals(Path.of("/abs/a.key"), t.privKeyFile().orElseThrow());
        assertEquals(dir.toAbsolutePath().resolve("cas"), t.caListPath().orElseThrow());
        assertEquals(TlsMethod.TLSV1_3, t.method());
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256", "AES256-SHA"), t.ciphers());
        assertTrue(t.verifyClient() && t.requireClientCert() && t.verifyServer() && t.allowWildcardCerts());
    }

    @Test
    void everyMethodIsRead() throws Exception {
        for (TlsMethod m : TlsMethod.values()) {
            PjsipConf c = load("[t]", "type = transport", "protocol = tls", "method = " + m.asteriskName().toUpperCase());
            assertEquals(m, c.transport("t").orElseThrow().method());
        }
        assertEquals(TlsMethod.DEFAULT, load("[t]", "type = transport", "method =").transport("t").orElseThrow().method());
    }

    @Test
    void sslv3IsRefusedWithItsLine() {
        ConfigFileException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigFileException.class,
                () -> load("[t]", "type = transport", "protocol = tls", "method = sslv3"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(":4:") && e.getMessage().contains("OpenSSL 3 has no sslv3"),
                e.getMessage());
    }

    @Test
    void bindForms() throws Exception {
        assertEquals(new Bind("127.0.0.1", 0), load("[t]", "type=transport", "bind=127.0.0.1").transport("t").orElseThrow().bind());
        assertEquals(5061, load("[t]", "type=transport", "protocol=tls", "bind=127.0.0.1").transport("t").orElseThrow().bind()
                .portOr(TransportProtocol.TLS));
        assertEquals(new Bind("::", 0), load("[t]", "type=transport", "bind=[::]").transport("t").orElseThrow().bind());
    }

    @Test
    void endpointCodecsFollowAllowAndDisallowInOrder() throws Exception {
        PjsipConf c = load("[e]", "type = endpoint", "allow = alaw", "disallow = all", "allow = ulaw,alaw", "disallow = ulaw",
                "allow = ulaw", "[f]", "type = endpoint", "allow = all", "disallow = alaw");
        assertEquals(List.of(Codec.ALAW, Codec.ULAW), c.endpoint("e").orElseThrow().codecs());
        assertEquals(List.of(Codec.ULAW), c.endpoint("f").orElseThrow().codecs());
    }

    @Test
    void endpointIsTypedWithTemplateAndSameNamedAorAndAuth() throws Exception {
        PjsipConf c = load("[t]", "type = transport", "protocol = tls",
                "[tpl](!)", "type = endpoint", "context = phones", "media_encryption = sdes", "srtp_tag_32 = yes",
                "[101](tpl)", "aors = 101, 101b", "auth = 101", "media_encryption_optimistic = yes", "rewrite_contact = yes",
                "transport = t", "context = other",
                "[101]", "type = auth", "username = 101", "password = secret",
                "[101]", "type = aor", "max_contacts = 2", "remove_existing = no", "qualify_frequency = 30",
                "default_expiration = 300", "minimum_expiration = 30", "maximum_expiration = 600");
        PjsipEndpoint e = c.endpoint("101").orElseThrow();
        assertEquals(new PjsipEndpoint("101", List.of("101", "101b"), List.of("101"), "other", List.of(), MediaEncryption.SDES,
                true, true, true, Optional.of("t")), e);
        assertEquals(new PjsipAuth("101", "101", "secret"), c.auth("101").orElseThrow());
        assertFalse(c.auth("101").orElseThrow().toString().contains("secret"));
        assertEquals(new PjsipAor("101", 2, false, 30, 300, 30, 600), c.aor("101").orElseThrow());
        assertEquals(List.of("101"), List.copyOf(c.endpoints().keySet()));
        assertFalse(c.endpoints().containsKey("tpl"));
    }

    @Test
    void optionsWithoutMeaningAreWarningsNamingFileLineAndOption() throws Exception {
        PjsipConf c = load("[t]", "type = transport", "local_net = 10.0.0.0/8", "external_media_address = 1.2.3.4",
                "[e]", "type = endpoint", "rtp_symmetric = yes", "callerid = \"A\" <1>");
        assertEquals(List.of("local_net", "external_media_address", "rtp_symmetric", "callerid"),
                c.warnings().stream().map(ConfigWarning::option).toList());
        ConfigWarning w = c.warnings().get(0);
        assertEquals(3, w.line());
        assertEquals("pjsip.conf:3: option 'local_net' in transport [t] has no effect on the mock", w.toString());
    }

    @Test
    void directMediaNoIsWhatTheMockDoesAndYesIsAWarningThatItAlwaysAnchorsMedia() throws Exception {
        PjsipConf anchored = load("[e]", "type = endpoint", "direct_media = no");
        assertEquals(List.of(), anchored.warnings());
        PjsipConf direct = load("[e]", "type = endpoint", "direct_media = yes");
        assertEquals(1, direct.warnings().size());
        ConfigWarning w = direct.warnings().get(0);
        assertEquals("direct_media", w.option());
        assertEquals(3, w.line());
        assertTrue(w.message().contains("the mock always anchors media"), w.message());
        fails("pjsip.conf:3", expect("bad value 'maybe' for option 'direct_media' in endpoint [e]", "yes or no"),
                "[e]", "type = endpoint", "direct_media = maybe");
    }

    @Test
    void unknownOptionNamesWhatIsSupported() {
        fails("pjsip.conf:3", expect("unknown option 'foo' in endpoint [101]", "supported: type, aors, auth, context"),
                "[101]", "type = endpoint", "foo = bar");
        fails("pjsip.conf:2", expect("unknown option 'bar' in transport [t]", "cert_file"), "[t]", "bar = 1", "type = transport");
        fails("pjsip.conf:3", expect("unknown option 'x' in auth [a]"), "[a]", "type = auth", "x = 1");
        fails("pjsip.conf:3", expect("unknown option 'contact' in aor [a]"), "[a]", "type = aor", "contact = sip:x@y");
        fails("pjsip.conf:3", expect("unknown option 'nope' in global [g]"), "[g]", "type = global", "nope = 1");
    }

    @Test
    void unknownOptionInATemplateNamesTheTemplatesLine() {
        fails("pjsip.conf:3", expect("unknown option 'oops' in endpoint [e]"),
                "[tpl](!)", "type = endpoint", "oops = 1", "[e](tpl)");
    }

    @Test
    void badValues() {
        fails("pjsip.conf:3", expect("bad value 'maybe' for option 'verify_client' in transport [t]", "yes or no"),
                "[t]", "type = transport", "verify_client = maybe");
        fails("pjsip.conf:3", expect("bad value 'tlsv1_4' for option 'method'", "tlsv1_2", "sslv23"),
                "[t]", "type = transport", "method = tlsv1_4");
        fails("pjsip.conf:3", expect("bad value 'wss' for option 'protocol'", "udp, tcp, tls"),
                "[t]", "type = transport", "protocol = wss");
        fails("pjsip.conf:3", expect("bad value '1.2.3.4:99999' for option 'bind'"), "[t]", "type = transport", "bind = 1.2.3.4:99999");
        fails("pjsip.conf:3", expect("bad value 'a:b:c' for option 'bind'"), "[t]", "type = transport", "bind = a:b:c");
        fails("pjsip.conf:3", expect("bad value ',' for option 'cipher'"), "[t]", "type = transport", "cipher = ,");
        fails("pjsip.conf:3", expect("bad value 'dtls' for option 'media_encryption'", "no, sdes"),
                "[e]", "type = endpoint", "media_encryption = dtls");
        fails("pjsip.conf:3", expect("unsupported codec 'g722' for option 'allow' in endpoint [e]", "all, ulaw, alaw"),
                "[e]", "type = endpoint", "allow = ulaw,g722");
        fails("pjsip.conf:3", expect("bad value '-1' for option 'max_contacts' in aor [a]", "integer"),
                "[a]", "type = aor", "max_contacts = -1");
        fails("pjsip.conf:3", expect("bad value 'lots' for option 'default_expiration'"), "[a]", "type = aor",
                "default_expiration = lots");
        fails("pjsip.conf:3", expect("bad value 'md5' for option 'auth_type'", "userpass"),
                "[a]", "type = auth", "auth_type = md5", "username = u", "password = p");
        fails("pjsip.conf:3", expect("bad value '' for option 'context'"), "[e]", "type = endpoint", "context =");
        fails("pjsip.conf:3", expect("bad value 'ip,phone' for option 'endpoint_identifier_order'"),
                "[g]", "type = global", "endpoint_identifier_order = ip,phone");
    }

    @Test
    void typeProblems() {
        fails("pjsip.conf:1", expect("section [x] has no 'type'", "global, transport, endpoint, auth, aor"), "[x]", "a = 1");
        fails("pjsip.conf:2", expect("unsupported type 'identify' for [x]"), "[x]", "type = identify");
        fails("pjsip.conf:3", expect("duplicate endpoint [e]", "first defined at pjsip.conf:1"),
                "[e]", "type = endpoint", "[e]", "type = endpoint");
        fails("pjsip.conf:3", expect("a second type=global"), "[g]", "type = global", "[h]", "type = global");
    }

    @Test
    void incompleteObjects() {
        fails("pjsip.conf:1", expect("auth [a] has no password"), "[a]", "type = auth", "username = u");
        fails("pjsip.conf:1", expect("auth [a] has no username"), "[a]", "type = auth", "password = p");
        fails("pjsip.conf:1", expect("minimum_expiration 600 is greater than maximum_expiration 300"),
                "[a]", "type = aor", "minimum_expiration = 600", "maximum_expiration = 300");
    }

    @Test
    void danglingReferences() {
        fails("pjsip.conf:3", expect("endpoint [e] names unknown transport 'tls'", "transports: udp"),
                "[e]", "type = endpoint", "transport = tls", "[udp]", "type = transport");
        fails("pjsip.conf:3", expect("endpoint [e] names unknown auth 'e-auth'"), "[e]", "type = endpoint", "auth = e-auth");
    }
}

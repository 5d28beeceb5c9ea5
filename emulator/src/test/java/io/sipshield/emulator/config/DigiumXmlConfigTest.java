package io.sipshield.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.SrtpPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigiumXmlConfigTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path dir;

    private Path sample() throws IOException {
        Path xml = dir.resolve("d65-tls-sdes.xml");
        try (InputStream in = getClass().getResourceAsStream("/config/digium/d65-tls-sdes.xml")) {
            Files.copy(in, xml);
        }
        Files.writeString(dir.resolve("ca.pem"), PKI.get(FixtureName.TEST_ROOT).certificatePem());
        return xml;
    }

    private Path write(String xml) throws IOException {
        return Files.writeString(dir.resolve("phone.xml"), xml);
    }

    private static String config(String settings, String hostPrimary) {
        return "<?xml version=\"1.0\"?>\n<config>\n" + settings
                + "<accounts>\n<account index=\"0\" status=\"1\" register=\"1\" account_id=\"101\" username=\"101\" password=\"p\">\n"
                + hostPrimary + "\n</account>\n</accounts>\n</config>\n";
    }

    private static final String TLS_HOST = "<host_primary server=\"pbx.sip.test\" port=\"5061\" transport=\"tls\"/>";

    private static boolean warned(PhoneConfiguration config, String element, int line) {
        return config.warnings().stream().anyMatch(w -> w.element().equals(element) && w.line() == line);
    }

    @Test
    void readsTheDocumentedShapeIntoSettingsProfileAndWarnings() throws Exception {
        Path xml = sample();
        PhoneConfiguration config = DigiumXmlConfig.read(xml);

        assertEquals(PhoneConfiguration.Kind.DIGIUM_XML, config.kind());
        Account account = config.account().orElseThrow();
        assertEquals("101", account.user());
        assertEquals("pass101", account.password());
        assertEquals("Bobby J", account.label());
        assertEquals("pbx.sip.test", config.serverHost());
        assertEquals(5061, config.serverPort());
        assertTrue(config.allowWildcards());
        assertEquals(1, config.trustAnchors().size());
        assertEquals(PKI.get(FixtureName.TEST_ROOT).certificate(), config.trustAnchors().get(0).certificate());
        assertTrue(config.trustAnchors().get(0).source().endsWith("ca.pem"));

        DeviceProfile profile = config.profile().resolve(DeviceProfiles.DIGIUM_D65_2_9_2);
        assertEquals("digium-d65@2_9_2", profile.name());
        assertEquals(SrtpPolicy.DIGIUM, profile.srtp());
        assertTrue(config.profile().name().isEmpty(), "a Digium XML does not name the firmware");

        assertTrue(warned(config, "setting config_server_url", 5), () -> config.warnings().toString());
        assertTrue(warned(config, "setting transport_tls_port", 7));
        assertTrue(warned(config, "setting enable_ice", 9));
        assertTrue(warned(config, "setting lcd_backlight_timeout", 10));
        assertTrue(warned(config, "account passcode", 12));
        assertTrue(warned(config, "account caller_id", 12));
        assertTrue(warned(config, "account dial_plan", 12));
        assertTrue(warned(config, "host_alternate", 15), "failover only, said once");
        assertEquals(Optional.of(new PhoneConfiguration.Server("pbx2.sip.test", 5061)), config.alternate());
        assertTrue(warned(config, "account index 1", 17));
        assertTrue(warned(config, "<contacts>", 24));
        assertFalse(config.warnings().stream().anyMatch(w -> w.element().contains("password")),
                "the password is modelled: " + config.warnings());
        assertTrue(config.warnings().get(0).toString().startsWith(xml + ":5: warning: setting config_server_url: "));
    }

    @Test
    void appliesToPhoneSettings() throws Exception {
        PhoneConfiguration config = DigiumXmlConfig.read(sample());
        PhoneSettings settings = config.applyTo(PhoneSettings.builder()).build();
        assertEquals("101", settings.user());
        assertEquals("pass101", settings.password());
        assertEquals("pbx.sip.test", settings.serverHost());
        assertEquals(InetSocketAddress.createUnresolved("pbx.sip.test", 5061), settings.serverAddress());
        assertEquals(io.sipshield.emulator.AlternateServer.of("pbx2.sip.test",
                InetSocketAddress.createUnresolved("pbx2.sip.test", 5061)), settings.alternateServer());
        assertEquals(List.of(PKI.get(FixtureName.TEST_ROOT).certificate()), settings.trustAnchors());
        assertTrue(settings.allowWildcards());
        assertEquals(null, settings.clientCredentials());
    }

    @Test
    void wildcardSettingOnFirmwareWithoutItIsReported() throws Exception {
        PhoneConfiguration config = DigiumXmlConfig.read(sample());
        assertTrue(config.warningsFor(DeviceProfiles.DIGIUM_D65_2_9_0).stream()
                .anyMatch(w -> w.element().equals("tls_allow_wildcard_certs") && w.message().contains("2_9_0")));
        assertEquals(config.warnings(), config.warningsFor(DeviceProfiles.DIGIUM_D65_2_9_2));
    }

    @Test
    void accountIndexPicksAnotherAccount() throws Exception {
        PhoneConfiguration config = DigiumXmlConfig.read(sample(), OptionalInt.of(1));
        assertEquals("102", config.account().orElseThrow().user());
        assertEquals("pass102", config.account().orElseThrow().password());
        assertTrue(warned(config, "account index 0", 12));
        DeviceProfile profile = config.profile().resolve(DeviceProfiles.DIGIUM_D65_2_9_2);
        assertEquals("digium-d65@2_9_2+srtp-disabled", profile.name());
        assertEquals(SrtpPolicy.Mode.DISABLED, profile.srtp().mode());
    }

    @Test
    void firstEnabledRegisteringAccountIsUsedAndPortDefaultsTo5061() throws Exception {
        Path xml = write("<config><accounts>"
                + "<account index=\"0\" status=\"0\" register=\"1\" username=\"100\" password=\"x\">" + TLS_HOST + "</account>"
                + "<account index=\"1\" status=\"1\" register=\"0\" username=\"101\" password=\"x\">" + TLS_HOST + "</account>"
                + "<account index=\"2\" username=\"102\" authname=\"auth102\" password=\"x\">"
                + "<host_primary server=\"10.0.0.1\" transport=\"TLS\"/></account>"
                + "</accounts></config>");
        PhoneConfiguration config = DigiumXmlConfig.read(xml);
        assertEquals("102", config.account().orElseThrow().user());
        assertEquals("auth102", config.account().orElseThrow().authName());
        assertTrue(warned(config, "account authname", 1));
        assertEquals("10.0.0.1", config.serverHost());
        assertEquals(5061, config.serverPort());
    }

    @Test
    void inlinePemIsLoaded() throws Exception {
        String pem = PKI.get(FixtureName.TEST_ROOT).certificatePem() + PKI.get(FixtureName.OTHER_ROOT).certificatePem();
        Path xml = write(config("", TLS_HOST).replace("</config>", "<certs><cert>\n" + pem + "</cert></certs></config>"));
        PhoneConfiguration config = DigiumXmlConfig.read(xml);
        assertEquals(2, config.trustAnchors().size());
        assertEquals(PKI.get(FixtureName.OTHER_ROOT).certificate(), config.trustAnchors().get(1).certificate());
    }

    @Test
    void settingsWrapperStrayTextAndRepeatsAreReported() throws Exception {
        Path xml = write(config("<settings>\n<setting id=\"tls_allow_wildcard_certs\" value=\"0\"/>\n"
                + "<setting id=\"tls_allow_wildcard_certs\" value=\"1\"/>\n</settings>\nstray words\n", TLS_HOST));
        PhoneConfiguration config = DigiumXmlConfig.read(xml);
        assertTrue(config.allowWildcards(), "the later value wins");
        assertTrue(warned(config, "setting tls_allow_wildcard_certs", 5));
        assertTrue(config.warnings().stream().anyMatch(w -> w.element().equals("<config>")
                && w.message().contains("stray words")), () -> config.warnings().toString());
    }

    // ---- errors: each names file, line and element ----

    private ConfigurationFileException refused(String xml) throws IOException {
        Path file = write(xml);
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> DigiumXmlConfig.read(file));
        assertEquals(file.toString(), e.file());
        return e;
    }

    @Test
    void anAlternateOverUdpIsRefusedNamingIt() throws Exception {
        ConfigurationFileException e = refused(config("", TLS_HOST
                + "\n<host_alternate server=\"pbx2.sip.test\" transport=\"udp\"/>"));
        assertEquals("host_alternate transport", e.element());
    }

    @Test
    void twoAlternatesAreRefused() throws Exception {
        ConfigurationFileException e = refused(config("", TLS_HOST
                + "\n<host_alternate server=\"a.sip.test\" transport=\"tls\"/>"
                + "\n<host_secondary server=\"b.sip.test\" transport=\"tls\"/>"));
        assertEquals("host_secondary", e.element());
        assertTrue(e.getMessage().contains("one <host_alternate>"), e.getMessage());
    }

    @Test
    void anAlternateWithoutPortUsesTheTlsDefaultAndNoAlternateIsNone() throws Exception {
        PhoneConfiguration with = DigiumXmlConfig.read(write(config("", TLS_HOST
                + "\n<host_secondary server=\"pbx2.sip.test\" transport=\"tls\"/>")));
        assertEquals(Optional.of(new PhoneConfiguration.Server("pbx2.sip.test", 5061)), with.alternate());
        assertEquals(Optional.empty(), DigiumXmlConfig.read(write(config("", TLS_HOST))).alternate());
    }

    @Test
    void tlsTransportWhileTlsIsNotAllowedIsAContradiction() throws Exception {
        ConfigurationFileException e = refused(config("<setting id=\"transport_tls_allowed\" value=\"0\"/>\n", TLS_HOST));
        assertEquals("host_primary transport", e.element());
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("transport_tls_allowed=1") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void configServerUrlOverTlsWhileTlsIsNotAllowedIsAContradiction() throws Exception {
        ConfigurationFileException e = refused(config(
                "<setting id=\"config_server_url\" value=\"sip:proxy@pbx.sip.test:5061;transport=tls\"/>\n"
                        + "<setting id=\"transport_tls_allowed\" value=\"0\"/>\n", TLS_HOST));
        assertEquals("setting config_server_url", e.element());
        assertEquals(3, e.line());
    }

    @Test
    void malformedConfigServerUrlIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("<setting id=\"config_server_url\" value=\"http://x\"/>\n", TLS_HOST));
        assertEquals("setting config_server_url", e.element());
    }

    @Test
    void udpTransportIsRefusedBecauseTheEmulatorSpeaksTlsOnly() throws Exception {
        ConfigurationFileException e = refused(config("",
                "<host_primary server=\"pbx.sip.test\" port=\"5060\" transport=\"udp\"/>"));
        assertEquals("host_primary transport", e.element());
        assertTrue(e.expected().contains("TLS only"), e.expected());
    }

    @Test
    void missingTransportIsRefused() throws Exception {
        assertEquals("host_primary transport", refused(config("", "<host_primary server=\"pbx.sip.test\"/>")).element());
    }

    @Test
    void unknownTransportIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("", "<host_primary server=\"pbx.sip.test\" transport=\"sctp\"/>"));
        assertTrue(e.expected().startsWith("expected udp, tcp or tls"), e.expected());
    }

    @Test
    void unknownMediaEncryptionIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("",
                "<host_primary server=\"pbx.sip.test\" transport=\"tls\" media_encryption=\"dtls\"/>"));
        assertEquals("host_primary media_encryption", e.element());
        assertEquals(5, e.line());
    }

    @Test
    void badPortIsRefused() throws Exception {
        assertEquals("host_primary port", refused(config("",
                "<host_primary server=\"pbx.sip.test\" port=\"70000\" transport=\"tls\"/>")).element());
    }

    @Test
    void missingServerIsRefused() throws Exception {
        assertEquals("host_primary server", refused(config("", "<host_primary transport=\"tls\"/>")).element());
    }

    @Test
    void badSwitchValueIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("<setting id=\"tls_allow_wildcard_certs\" value=\"maybe\"/>\n", TLS_HOST));
        assertEquals("setting tls_allow_wildcard_certs", e.element());
        assertEquals(3, e.line());
    }

    @Test
    void settingWithoutIdIsRefused() throws Exception {
        assertEquals("setting id", refused(config("<setting value=\"1\"/>\n", TLS_HOST)).element());
    }

    @Test
    void accountWithoutHostPrimaryIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("", ""));
        assertEquals("host_primary", e.element());
        assertEquals(4, e.line());
    }

    @Test
    void noRegisteringAccountIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("", TLS_HOST).replace("register=\"1\"", "register=\"0\""));
        assertEquals("accounts", e.element());
        assertEquals(3, e.line());
    }

    @Test
    void missingAccountIndexIsRefused() throws Exception {
        Path file = write(config("", TLS_HOST));
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class,
                () -> DigiumXmlConfig.read(file, OptionalInt.of(4)));
        assertTrue(e.expected().contains("index=\"4\"") && e.expected().contains("[0]"), e.expected());
    }

    @Test
    void anotherRootElementIsRefused() throws Exception {
        ConfigurationFileException e = refused("<phone><setting id=\"a\" value=\"b\"/></phone>");
        assertEquals("<phone>", e.element());
        assertEquals(1, e.line());
    }

    @Test
    void malformedXmlIsRefusedWithItsLine() throws Exception {
        ConfigurationFileException e = refused("<config>\n<setting id=\"a\" value=\"b\">\n</config>\n");
        assertEquals("XML", e.element());
        assertEquals(3, e.line());
    }

    @Test
    void externalEntityIsRefusedAndNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        ConfigurationFileException e = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE config [\n"
                + "<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">\n]>\n"
                + "<config><setting id=\"config_server_url\" value=\"&xxe;\"/></config>\n");
        assertEquals("DOCTYPE", e.element());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        ConfigurationFileException e = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE config [\n<!ENTITY a \"aaaaaaaaaa\">\n"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<config>&b;</config>\n");
        assertEquals("DOCTYPE", e.element());
    }

    @Test
    void missingCertificateFileIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("", TLS_HOST)
                .replace("</config>", "<certs>\n<cert file=\"nowhere.pem\"/>\n</certs></config>"));
        assertEquals("cert file", e.element());
        assertEquals(9, e.line());
        assertTrue(e.expected().contains("nowhere.pem"), e.expected());
    }

    @Test
    void badPemInACertificateFileIsRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot!base64\n-----END CERTIFICATE-----\n");
        ConfigurationFileException e = refused(config("", TLS_HOST)
                .replace("</config>", "<certs><cert file=\"broken.pem\"/></certs></config>"));
        assertEquals("cert", e.element());
        assertTrue(e.expected().contains("broken.pem"), e.expected());
    }

    @Test
    void badInlinePemIsRefused() throws Exception {
        ConfigurationFileException e = refused(config("", TLS_HOST)
                .replace("</config>", "<certs><cert>hello</cert></certs></config>"));
        assertEquals("cert", e.element());
    }

    @Test
    void certWithBothFileAndPemIsRefused() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), PKI.get(FixtureName.TEST_ROOT).certificatePem());
        ConfigurationFileException e = refused(config("", TLS_HOST).replace("</config>",
                "<certs><cert file=\"ca.pem\">" + PKI.get(FixtureName.TEST_ROOT).certificatePem() + "</cert></certs></config>"));
        assertTrue(e.expected().contains("not both"), e.expected());
    }

    @Test
    void missingFileIsRefused() {
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class,
                () -> DigiumXmlConfig.read(dir.resolve("absent.xml")));
        assertEquals(0, e.line());
    }
}

package io.sipshield.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.Quirk;
import io.sipshield.emulator.profile.SrtpPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlgoConfigTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path root;

    private Path config(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/config/algo/" + resource)) {
            Files.copy(in, root.resolve("config.txt"));
        }
        return root;
    }

    private Path configText(String text) throws IOException {
        Files.writeString(root.resolve("config.txt"), text);
        return root;
    }

    private Path certFile(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String pem(FixtureName name) {
        return PKI.get(name).certificatePem();
    }

    private static String sipClientPem() {
        IssuedCertificate device = PKI.get(FixtureName.ALGO_DEVICE);
        return device.certificatePem() + device.privateKeyPem() + pem(FixtureName.ALGO_ISSUING_CA);
    }

    private static boolean warned(PhoneConfiguration config, String element, String text) {
        return config.warnings().stream().anyMatch(w -> w.element().equals(element) && w.message().contains(text));
    }

    private static boolean warnedAt(PhoneConfiguration config, String element, int line) {
        return config.warnings().stream().anyMatch(w -> w.element().equals(element) && w.line() == line);
    }

    private static final String MINIMAL = "sip.proxy = pbx.sip.test\nsip.u1.user = 101\nsip.u1.pwd = p\nsip.transport = tls\n";

    @Test
    void firmware31TreeGivesTrustedFolderSipclientAndOptionalSrtp() throws Exception {
        config("config-3.1.txt");
        certFile("certs/trusted/ca.pem", pem(FixtureName.TEST_ROOT));
        Files.write(root.resolve("certs/trusted/other.crt"), PKI.get(FixtureName.OTHER_ROOT).certificate().getEncoded());
        certFile("certs/trusted/readme.txt", "upload CAs here");
        certFile("certs/siptrusted.pem", pem(FixtureName.TEST_ROOT_EC));
        certFile("certs/sipclient.pem", sipClientPem());

        PhoneConfiguration config = AlgoConfig.read(root);

        assertEquals(PhoneConfiguration.Kind.ALGO, config.kind());
        Account account = config.account().orElseThrow();
        assertEquals("101", account.user());
        assertEquals("pass101", account.password());
        assertEquals("Lobby paging", account.label());
        assertEquals("pbx.sip.test", config.serverHost());
        assertEquals(5061, config.serverPort());
        assertEquals(2, config.trustAnchors().size());
        assertEquals(PKI.get(FixtureName.TEST_ROOT).certificate(), config.trustAnchors().get(0).certificate());
        assertEquals(PKI.get(FixtureName.OTHER_ROOT).certificate(), config.trustAnchors().get(1).certificate());
        ClientCredentials client = config.clientCredentials().orElseThrow();
        assertEquals(PKI.get(FixtureName.ALGO_DEVICE).certificate(), client.certificate());
        assertEquals(2, client.chain().size());

        assertEquals(Optional.of("algo-8301@3.1+sips+outbound+sipclient+srtp-optional"), config.profile().name());
        DeviceProfile profile = config.profile().resolve(DeviceProfiles.DIGIUM_D65_2_9_2);
        assertEquals("algo-8301@3.1+sips+outbound+sipclient+srtp-optional", profile.name(),
                "the file's firmware beats the fallback");
        assertTrue(profile.has(Quirk.SIPS_SCHEME), "sip.sips = 1");
        assertTrue(profile.has(Quirk.SIP_OUTBOUND), "sip.outbound = 1");
        assertTrue(profile.has(Quirk.SIPCLIENT_PEM));
        assertFalse(profile.has(Quirk.FACTORY_DEVICE_CERTIFICATE));
        assertTrue(profile.has(Quirk.TRUSTED_FOLDER));
        assertEquals(SrtpPolicy.ALGO_OPTIONAL, profile.srtp());

        assertTrue(warned(config, "firmware", "3.1 inferred"), config.warnings()::toString);
        assertTrue(warned(config, "certs/siptrusted.pem", "ignored by firmware 3.1"));
        assertTrue(warned(config, "certs/trusted/readme.txt", "ignored by firmware 3.1"));
        assertFalse(warned(config, "sip.sips", ""), "modelled: no warning");
        assertFalse(warned(config, "sip.outbound", ""), "modelled: no warning");
        assertTrue(warnedAt(config, "prov.download.method", 13));
        assertTrue(warnedAt(config, "prov.download.cert", 14));
        assertTrue(warnedAt(config, "audio.vol.page", 15));
        assertTrue(config.warnings().stream().filter(w -> w.element().equals("prov.download.cert")).findFirst()
                .orElseThrow().toString().startsWith(root.resolve("config.txt") + ":14: warning: prov.download.cert: "));
    }

    @Test
    void firmware17TrustsSiptrustedPemAndIgnoresTheTrustedFolder() throws Exception {
        config("config-1.7.txt");
        certFile("certs/siptrusted.pem", pem(FixtureName.TEST_ROOT));
        certFile("certs/trusted/ca.pem", pem(FixtureName.OTHER_ROOT));

        PhoneConfiguration config = AlgoConfig.read(root, Optional.of(AlgoFirmware.V1_7));

        assertEquals(1, config.trustAnchors().size());
        assertEquals(PKI.get(FixtureName.TEST_ROOT).certificate(), config.trustAnchors().get(0).certificate());
        assertTrue(warned(config, "certs/trusted/ca.pem", "ignored by firmware 1.7"), config.warnings()::toString);
        assertFalse(warned(config, "firmware", "inferred"));
        assertSame(DeviceProfiles.ALGO_8301_1_7, config.profile().resolve(DeviceProfiles.ALGO_8301_3_1));
        assertTrue(config.clientCredentials().isEmpty(), "the factory certificate is the profile's, not the tree's");
    }

    @Test
    void firmware17IsInferredFromSiptrustedPem() throws Exception {
        config("config-1.7.txt");
        certFile("certs/siptrusted.pem", pem(FixtureName.TEST_ROOT));
        PhoneConfiguration config = AlgoConfig.read(root.resolve("config.txt"));
        assertEquals(Optional.of("algo-8301@1.7"), config.profile().name());
        assertTrue(warned(config, "firmware", "1.7 inferred"));
    }

    @Test
    void firmware17WithoutSiptrustedPemWarnsThatNothingValidates() throws Exception {
        config("config-1.7.txt");
        PhoneConfiguration config = AlgoConfig.read(root, Optional.of(AlgoFirmware.V1_7));
        assertTrue(config.trustAnchors().isEmpty());
        assertTrue(warned(config, "certs/siptrusted.pem", "fails validation"));
    }

    @Test
    void firmware17RefusesADerSiptrustedFile() throws Exception {
        config("config-1.7.txt");
        Files.createDirectories(root.resolve("certs"));
        Files.write(root.resolve("certs/siptrusted.pem"), PKI.get(FixtureName.TEST_ROOT).certificate().getEncoded());
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class,
                () -> AlgoConfig.read(root, Optional.of(AlgoFirmware.V1_7)));
        assertEquals("certs/siptrusted.pem", e.element());
        assertTrue(e.expected().contains("only .pem"), e.expected());
    }

    @Test
    void singleSettingsMapToTheCatalogueVariants() throws Exception {
        configText(MINIMAL + "sip.tls.validate = 0\n");
        assertSame(DeviceProfiles.ALGO_8301_3_1_NO_VALIDATION, AlgoConfig.read(root).profile().resolve(DeviceProfiles.ALGO_8301_1_7));
        configText(MINIMAL + "net.tls.force12 = 1\n");
        assertSame(DeviceProfiles.ALGO_8301_3_1_FORCE_TLS12, AlgoConfig.read(root).profile().resolve(DeviceProfiles.ALGO_8301_1_7));
        configText(MINIMAL + "sip.sdp.srtp = Disabled\n");
        assertSame(DeviceProfiles.ALGO_8301_3_1_SRTP_DISABLED, AlgoConfig.read(root).profile().resolve(DeviceProfiles.ALGO_8301_1_7));
        configText(MINIMAL + "sip.sdp.srtp = standard\n");
        assertSame(DeviceProfiles.ALGO_8301_3_1, AlgoConfig.read(root).profile().resolve(DeviceProfiles.ALGO_8301_1_7));
    }

    @Test
    void combinedSettingsDeriveAProfileTheCatalogueLacks() throws Exception {
        configText(MINIMAL + "sip.tls.validate = 0\nnet.tls.force12 = 1\nsip.sdp.srtp = disabled\n");
        DeviceProfile profile = AlgoConfig.read(root, Optional.of(AlgoFirmware.V1_7)).profile().resolve(DeviceProfiles.ALGO_8301_3_1);
        assertEquals("algo-8301@1.7+no-validation+force-tls12+srtp-disabled", profile.name());
        assertFalse(profile.validatesServer());
        assertEquals(java.util.List.of("TLSv1.2"), profile.offeredProtocols());
        assertEquals(SrtpPolicy.ALGO_DISABLED, profile.srtp());
        assertTrue(profile.has(Quirk.SIP_TRUSTED_PEM_ONLY));
    }

    @Test
    void repeatedKeyWarnsAndTheLaterValueWins() throws Exception {
        configText(MINIMAL + "sip.proxy = pbx2.sip.test:5071\n");
        PhoneConfiguration config = AlgoConfig.read(root);
        assertEquals("pbx2.sip.test", config.serverHost());
        assertEquals(5071, config.serverPort());
        assertTrue(warnedAt(config, "sip.proxy", 5));
    }

    @Test
    void differentAuthenticationIdIsReported() throws Exception {
        configText(MINIMAL + "sip.u1.auth = auth101\n");
        PhoneConfiguration config = AlgoConfig.read(root);
        assertEquals("auth101", config.account().orElseThrow().authName());
        assertTrue(warnedAt(config, "sip.u1.auth", 5));
    }

    // ---- errors ----

    private ConfigurationFileException refused(String text) throws IOException {
        configText(text);
        return assertThrows(ConfigurationFileException.class, () -> AlgoConfig.read(root));
    }

    @Test
    void missingConfigTxtIsRefused() {
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> AlgoConfig.read(root));
        assertEquals("config.txt", e.element());
        assertEquals(root.toString(), e.file());
    }

    @Test
    void notADirectoryIsRefused() {
        assertThrows(ConfigurationFileException.class, () -> AlgoConfig.read(root.resolve("absent")));
    }

    @Test
    void lineWithoutEqualsIsRefusedWithItsNumber() throws Exception {
        ConfigurationFileException e = refused(MINIMAL + "# comment\nsip.sips\n");
        assertEquals(6, e.line());
        assertEquals(root.resolve("config.txt").toString(), e.file());
        assertTrue(e.expected().contains("key = value"));
    }

    @Test
    void udpTransportIsRefused() throws Exception {
        ConfigurationFileException e = refused(MINIMAL.replace("= tls", "= udp"));
        assertEquals("sip.transport", e.element());
        assertEquals(4, e.line());
        assertTrue(e.expected().contains("TLS only"));
    }

    @Test
    void missingTransportIsRefused() throws Exception {
        assertEquals("sip.transport", refused(MINIMAL.replace("sip.transport = tls\n", "")).element());
    }

    @Test
    void missingProxyIsRefused() throws Exception {
        assertEquals("sip.proxy", refused(MINIMAL.replace("sip.proxy = pbx.sip.test\n", "")).element());
    }

    @Test
    void missingExtensionIsRefused() throws Exception {
        assertEquals("sip.u1.user", refused(MINIMAL.replace("sip.u1.user = 101\n", "")).element());
    }

    @Test
    void badProxyPortIsRefused() throws Exception {
        ConfigurationFileException e = refused(MINIMAL.replace("pbx.sip.test", "pbx.sip.test:http"));
        assertEquals("sip.proxy", e.element());
        assertEquals(1, e.line());
    }

    @Test
    void unknownSrtpOfferIsRefused() throws Exception {
        ConfigurationFileException e = refused(MINIMAL + "sip.sdp.srtp = mandatory\n");
        assertEquals("sip.sdp.srtp", e.element());
        assertEquals(5, e.line());
    }

    @Test
    void badSwitchIsRefused() throws Exception {
        ConfigurationFileException e = refused(MINIMAL + "sip.tls.validate = sometimes\n");
        assertEquals("sip.tls.validate", e.element());
        assertEquals(5, e.line());
    }

    @Test
    void unknownDownloadMethodIsRefused() throws Exception {
        assertEquals("prov.download.method", refused(MINIMAL + "prov.download.method = smb\n").element());
    }

    @Test
    void sipclientWithoutKeyIsRefused() throws Exception {
        configText(MINIMAL);
        certFile("certs/sipclient.pem", PKI.get(FixtureName.ALGO_DEVICE).certificatePem());
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> AlgoConfig.read(root));
        assertEquals("certs/sipclient.pem", e.element());
        assertTrue(e.expected().contains("no private key"), e.expected());
    }

    @Test
    void sipclientWhoseKeyMatchesNoCertificateIsRefused() throws Exception {
        configText(MINIMAL);
        certFile("certs/sipclient.pem", PKI.get(FixtureName.ALGO_DEVICE).certificatePem()
                + PKI.get(FixtureName.PBX_SERVER).privateKeyPem());
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> AlgoConfig.read(root));
        assertTrue(e.expected().contains("none that matches"), e.expected());
    }

    @Test
    void badPemInTheTrustedFolderIsRefusedNamingTheFile() throws Exception {
        configText(MINIMAL);
        Path bad = certFile("certs/trusted/broken.pem", "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n");
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> AlgoConfig.read(root));
        assertEquals(bad.toString(), e.file());
        assertEquals("certs/trusted/broken.pem", e.element());
    }

    @Test
    void trustFileWithoutCertificatesIsRefused() throws Exception {
        configText(MINIMAL);
        certFile("certs/trusted/key.pem", PKI.get(FixtureName.PBX_SERVER).privateKeyPem());
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> AlgoConfig.read(root));
        assertTrue(e.expected().contains("at least one CA certificate"), e.expected());
    }
}

package io.sipshield.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.SrtpPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpmaConfigTest {

    @TempDir
    Path dir;

    private Path sample() throws IOException {
        Path conf = dir.resolve("res_digium_phone.conf");
        try (InputStream in = getClass().getResourceAsStream("/config/dpma/res_digium_phone.conf")) {
            Files.copy(in, conf);
        }
        return conf;
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("res_digium_phone.conf"), text);
    }

    private static boolean warnedAt(PhoneConfiguration config, String element, int line) {
        return config.warnings().stream().anyMatch(w -> w.element().equals(element) && w.line() == line);
    }

    @Test
    void readsThePhonesPrimaryLineAndNetwork() throws Exception {
        PhoneConfiguration config = DpmaConfig.read(sample());
        assertEquals(PhoneConfiguration.Kind.DIGIUM_DPMA, config.kind());
        assertEquals("101", config.account().orElseThrow().user());
        assertEquals("", config.account().orElseThrow().password());
        assertEquals("Fancy Pants", config.account().orElseThrow().label());
        assertEquals("pbx.sip.test", config.serverHost());
        assertEquals(5061, config.serverPort());
        DeviceProfile profile = config.profile().resolve(DeviceProfiles.DIGIUM_D65_2_9_2);
        assertEquals("digium-d65@2_9_2", profile.name());
        assertEquals(SrtpPolicy.DIGIUM, profile.srtp());

        assertTrue(warnedAt(config, "[general] globalpin", 3), config.warnings()::toString);
        assertTrue(warnedAt(config, "[tls-network] cidr", 16));
        assertTrue(warnedAt(config, "[tls-network] sip_dscp", 23));
        assertTrue(warnedAt(config, "[phone101] mac", 33));
        assertTrue(warnedAt(config, "[101]", 26), "the password comes from Asterisk, not this file");
    }

    @Test
    void lineTransportOverridesTheNetworks() throws Exception {
        PhoneConfiguration config = DpmaConfig.read(write("[net]\ntype=network\nregistration_address=10.0.0.5\n"
                + "registration_port=5071\ntransport=udp\n[200]\ntype=line\ntransport=tls\n"));
        assertEquals("10.0.0.5", config.serverHost());
        assertEquals(5071, config.serverPort());
        assertEquals("200", config.account().orElseThrow().user());
        DeviceProfile profile = config.profile().resolve(DeviceProfiles.DIGIUM_D65_2_9_2);
        assertEquals("digium-d65@2_9_2+srtp-disabled", profile.name());
        assertEquals(DigiumXmlConfig.NO_SRTP, profile.srtp());
    }

    @Test
    void generalMdnsSettingsStandInForAMissingNetwork() throws Exception {
        PhoneConfiguration config = DpmaConfig.read(write("[general]\nmdns_address => pbx.sip.test\nmdns_port=5062\n"
                + "mdns_transport=tls\n\n[300]\ntype=line ; the only line\n"));
        assertEquals("pbx.sip.test", config.serverHost());
        assertEquals(5062, config.serverPort());
    }

    @Test
    void namedPhoneIsChosen() throws Exception {
        Path conf = write("[n]\ntype=network\nregistration_address=pbx.sip.test\ntransport=tls\n"
                + "[a]\ntype=line\n[b]\ntype=line\nline_label=B\n"
                + "[pa]\ntype=phone\nline=a\n[pb]\ntype=phone\nline=b\nline=a\n");
        PhoneConfiguration config = DpmaConfig.read(conf, Optional.of("pb"));
        assertEquals("b", config.account().orElseThrow().user());
        assertTrue(warnedAt(config, "line", 16), config.warnings()::toString);
        assertTrue(warnedAt(config, "[pa]", 10));
    }

    private ConfigurationFileException refused(String text) throws IOException {
        Path file = write(text);
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> DpmaConfig.read(file));
        assertEquals(file.toString(), e.file());
        return e;
    }

    @Test
    void udpTransportIsRefused() throws Exception {
        ConfigurationFileException e = refused("[n]\ntype=network\nregistration_address=x\ntransport=udp\n[1]\ntype=line\n");
        assertEquals("transport", e.element());
        assertEquals(4, e.line());
    }

    @Test
    void missingTransportIsRefused() throws Exception {
        assertEquals("[1] transport", refused("[n]\ntype=network\nregistration_address=x\n[1]\ntype=line\n").element());
    }

    @Test
    void missingAddressIsRefused() throws Exception {
        assertEquals("registration_address", refused("[1]\ntype=line\ntransport=tls\n").element());
    }

    @Test
    void unknownMediaEncryptionIsRefused() throws Exception {
        ConfigurationFileException e = refused("[general]\nmdns_address=x\n[1]\ntype=line\ntransport=tls\nmedia_encryption=dtls\n");
        assertEquals("media_encryption", e.element());
        assertEquals(6, e.line());
    }

    @Test
    void templatesAreRefused() throws Exception {
        ConfigurationFileException e = refused("[base](!)\ntype=line\n");
        assertEquals(1, e.line());
        assertEquals("[base]", e.element());
    }

    @Test
    void garbageLineIsRefused() throws Exception {
        assertEquals(2, refused("[1]\nthis is not an option\n").line());
    }

    @Test
    void optionBeforeAnySectionIsRefused() throws Exception {
        assertEquals(1, refused("type=line\n").line());
    }

    @Test
    void repeatedSectionIsRefused() throws Exception {
        assertEquals(3, refused("[1]\ntype=line\n[1]\ntype=line\n").line());
    }

    @Test
    void severalLinesWithoutAPhoneAreRefused() throws Exception {
        assertEquals("type=line", refused("[1]\ntype=line\n[2]\ntype=line\n").element());
    }

    @Test
    void phoneNamingAMissingLineIsRefused() throws Exception {
        ConfigurationFileException e = refused("[p]\ntype=phone\nline=9\n");
        assertEquals("line", e.element());
        assertEquals(3, e.line());
    }

    @Test
    void unknownPhoneIsRefused() throws Exception {
        Path file = write("[1]\ntype=line\n");
        assertThrows(ConfigurationFileException.class, () -> DpmaConfig.read(file, Optional.of("nope")));
    }
}

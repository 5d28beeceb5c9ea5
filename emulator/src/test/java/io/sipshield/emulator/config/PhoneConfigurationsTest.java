package io.sipshield.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoneConfigurationsTest {

    @TempDir
    Path dir;

    private static final String XML = "<config><accounts><account index=\"0\" username=\"101\" password=\"p\">"
            + "<host_primary server=\"pbx.sip.test\" port=\"5071\" transport=\"tls\"/></account>"
            + "<account index=\"1\" username=\"102\" password=\"q\">"
            + "<host_primary server=\"pbx.sip.test\" transport=\"tls\"/></account></accounts></config>";

    @Test
    void dispatchesOnTheKindOfPath() throws Exception {
        Path xml = Files.writeString(dir.resolve("phone.xml"), XML);
        assertEquals(PhoneConfiguration.Kind.DIGIUM_XML, PhoneConfigurations.read(xml).kind());
        Path conf = Files.writeString(dir.resolve("dpma.conf"), "[1]\ntype=line\ntransport=tls\n[general]\nmdns_address=x\n");
        assertEquals(PhoneConfiguration.Kind.DIGIUM_DPMA, PhoneConfigurations.read(conf).kind());
        Path algo = Files.createDirectories(dir.resolve("algo"));
        Files.writeString(algo.resolve("config.txt"), "sip.proxy=x\nsip.u1.user=1\nsip.transport=tls\n");
        assertEquals(PhoneConfiguration.Kind.ALGO, PhoneConfigurations.read(algo).kind());
        assertEquals(PhoneConfiguration.Kind.ALGO, PhoneConfigurations.read(algo.resolve("config.txt")).kind());
    }

    @Test
    void optionsReachTheReaders() throws Exception {
        Path xml = Files.writeString(dir.resolve("phone.xml"), XML);
        assertEquals("102", PhoneConfigurations.read(xml, PhoneConfigurations.Options.defaults().withAccountIndex(1))
                .account().orElseThrow().user());
        Path algo = Files.createDirectories(dir.resolve("algo"));
        Files.writeString(algo.resolve("config.txt"), "sip.proxy=x\nsip.u1.user=1\nsip.transport=tls\n");
        assertEquals(Optional.of("algo-8301@1.7"), PhoneConfigurations.read(algo,
                PhoneConfigurations.Options.defaults().withAlgoFirmware(AlgoFirmware.V1_7)).profile().name());
    }

    @Test
    void applyToWithAnAddressKeepsTheFilesHostAndPort() throws Exception {
        PhoneConfiguration config = PhoneConfigurations.read(Files.writeString(dir.resolve("phone.xml"), XML));
        PhoneSettings settings = config.applyTo(PhoneSettings.builder(), InetAddress.getLoopbackAddress()).build();
        assertEquals("pbx.sip.test", settings.serverHost());
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5071), settings.serverAddress());
    }

    @Test
    void unknownFileKindIsRefused() throws Exception {
        Path other = Files.writeString(dir.resolve("phone.json"), "{}");
        ConfigurationFileException e = assertThrows(ConfigurationFileException.class, () -> PhoneConfigurations.read(other));
        assertEquals("file name", e.element());
    }

    @Test
    void missingPathIsRefused() {
        assertThrows(ConfigurationFileException.class, () -> PhoneConfigurations.read(dir.resolve("nothing.xml")));
    }

    @Test
    void algoFirmwareVersionsParse() {
        assertEquals(Optional.of(AlgoFirmware.V1_7), AlgoFirmware.parse("1.7.6"));
        assertEquals(Optional.of(AlgoFirmware.V3_1), AlgoFirmware.parse("3.1"));
        assertEquals(Optional.of(AlgoFirmware.V3_1), AlgoFirmware.parse("5.5"));
        assertEquals(Optional.empty(), AlgoFirmware.parse("1.6.4"));
        assertEquals(Optional.empty(), AlgoFirmware.parse("latest"));
    }

    @Test
    void profileChoiceRefusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new ProfileChoice(Optional.of("no-such-phone@1"),
                List.of(), Set.of(), Set.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ProfileChoice(Optional.empty(),
                List.of("srtp-disabled"), Set.of(), Set.of(), Optional.empty()));
        assertEquals(DeviceProfiles.CISCO_8845_14_2, ProfileChoice.unchanged().resolve(DeviceProfiles.CISCO_8845_14_2));
    }

    @Test
    void warningAndErrorTextNameFileLineAndElement() {
        assertEquals("a.xml:3: warning: host_primary: not modelled",
                ConfigProblem.warning("a.xml", 3, "host_primary", "not modelled").toString());
        assertEquals("dir: warning: firmware: assumed", ConfigProblem.warning("dir", 0, "firmware", "assumed").toString());
        assertEquals("a.xml:7: error: transportLayerProtocol: 3 (TLS) contradicts deviceSecurityMode 1",
                ConfigProblem.error("a.xml", 7, "transportLayerProtocol", "3 (TLS) contradicts deviceSecurityMode 1").toString());
        assertTrue(ConfigProblem.error("a", 1, "e", "m").isError());
        assertEquals("shown.xml:3: warning: e: shown.xml is ignored",
                ConfigProblem.warning("/tmp/x/a.xml", 3, "e", "/tmp/x/a.xml is ignored").inFile("shown.xml").toString());
        assertEquals("a.xml:3: cert: expected PEM", new ConfigurationFileException("a.xml", 3, "cert", "expected PEM").getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigProblem.warning("a", -1, "e", "m"));
        assertTrue(new Account("1", "1", "secret", "").toString().contains("***"));
    }
}

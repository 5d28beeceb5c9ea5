package io.sipshield.emulator.cisco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.config.ConfigProblem;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SepMacConfigTest {

    private static final Path TEMPLATE = Path.of("..", "..", "shared", "fixtures", "cisco", "SEPMAC-template.cnf.xml");

    private static String device(String body) {
        return "<?xml version=\"1.0\"?>\n<device>\n" + body + "</device>\n";
    }

    private static final String MEMBERS = """
              <devicePool><callManagerGroup><members>
                <member priority="1"><callManager><ports><sipPort>5060</sipPort><securedSipPort>5061</securedSipPort></ports>
                  <processNodeName>backup.sip.test</processNodeName></callManager></member>
                <member priority="0"><callManager><ports><sipPort>5060</sipPort><securedSipPort>5062</securedSipPort></ports>
                  <processNodeName>pbx.sip.test</processNodeName></callManager></member>
              </members></callManagerGroup></devicePool>
            """;

    private static final String LINE = """
              <sipProfile><sipStack><timerRegisterExpires>1200</timerRegisterExpires></sipStack>
                <sipLines><line button="1"><name>101</name><authName>101</authName><authPassword>s3cret</authPassword></line></sipLines>
              </sipProfile>
            """;

    private static SepMacConfig parse(String xml) {
        return SepMacConfig.parse("SEP001122334455.cnf.xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<ConfigProblem> problem(SepMacConfig config, String element) {
        return config.problems().stream().filter(p -> p.element().equals(element)).findFirst();
    }

    @Test
    void theRealWorldTemplateIsReadAndItsProblemsNamedWithTheirLines() throws IOException {
        SepMacConfig config = SepMacConfig.read(TEMPLATE);

        List<Integer> strayLines = config.warnings().stream().filter(p -> p.message().startsWith("stray text '--CHANGE ME!'"))
                .map(ConfigProblem::line).toList();
        assertEquals(List.of(23, 30, 66), strayLines, config.problems()::toString);
        assertFalse(config.hasErrors(), config.problems()::toString);
        assertEquals(OptionalInt.of(1), config.deviceSecurityMode());
        assertEquals(OptionalInt.of(2), config.transportLayerProtocol());
        SepMacConfig.CallManager primary = config.primaryCallManager().orElseThrow();
        assertEquals("SERVERIP", primary.processNodeName());
        assertEquals(OptionalInt.of(5160), primary.securedSipPort());
        assertEquals(28, problem(config, "securedSipPort").orElseThrow().line());
        assertEquals(101, problem(config, "transportLayerProtocol").orElseThrow().line());
        assertEquals(89, problem(config, "deviceSecurityMode").orElseThrow().line());
        assertTrue(config.profile().isEmpty(), "mode 1 chooses no TLS profile");
        assertTrue(problem(config, "loadInformation").orElseThrow().message().startsWith("'LOADS' names no model"));
        assertEquals("EXTEN", config.line().orElseThrow().name());
        assertEquals(OptionalInt.of(1200), config.registerExpires());
        ConfigProblem vendor = problem(config, "vendorConfig").orElseThrow();
        assertTrue(vendor.message().contains("disableSpeaker") && !vendor.message().contains("loadServer, loadServer"), vendor::toString);
        assertTrue(config.problems().stream().noneMatch(p -> p.message().contains("EXTENPASS") || p.message().contains("pass,")),
                "no password value in a message");
        assertTrue(vendor.toString().startsWith(TEMPLATE + ":"), vendor::toString);
    }

    @Test
    void anEncryptedConfigChoosesThe8845AndSetsTheServerAndAccount() {
        SepMacConfig config = parse(device(MEMBERS + LINE
                + "<deviceSecurityMode>3</deviceSecurityMode><transportLayerProtocol>3</transportLayerProtocol>\n"
                + "<TLSResumptionTimer>3600</TLSResumptionTimer><certHash></certHash>\n"));

        assertFalse(config.hasErrors(), config.problems()::toString);
        assertEquals(DeviceProfiles.CISCO_8845_14_2, config.profile().orElseThrow());
        assertEquals(OptionalInt.of(3600), config.tlsResumptionTimer());
        assertTrue(problem(config, "TLSResumptionTimer").isEmpty(), "the timer is modelled: TlsResumption.ciscoTimer");
        PhoneSettings.Builder builder = PhoneSettings.builder();
        config.customise(builder);
        PhoneSettings settings = builder.build();
        assertEquals("pbx.sip.test", settings.serverHost());
        assertEquals(5062, settings.serverAddress().getPort(), "securedSipPort of the priority-0 member");
        assertEquals("101", settings.user());
        assertEquals("s3cret", settings.password());
        assertEquals(1200, settings.registerExpires());
        assertEquals(new io.sipshield.emulator.tls.TlsResumption(io.sipshield.emulator.tls.TlsResumption.Mode.IDS,
                java.time.Duration.ofSeconds(3600)), settings.tlsResumption(), "TLSResumptionTimer is the session lifetime");
        assertFalse(config.line().orElseThrow().toString().contains("s3cret"));
    }

    @Test
    void authenticatedModeAndThe7961LoadChooseTheirProfiles() {
        SepMacConfig authenticated = parse(device(MEMBERS
                + "<deviceSecurityMode>2</deviceSecurityMode><transportLayerProtocol>3</transportLayerProtocol>\n"));
        SepMacConfig old = parse(device(MEMBERS + "<loadInformation>SIP41.9-4-2SR3-1S</loadInformation>\n"
                + "<deviceSecurityMode>3</deviceSecurityMode><transportLayerProtocol>3</transportLayerProtocol>\n"));

        assertEquals(DeviceProfiles.CISCO_8845_14_2_AUTHENTICATED, authenticated.profile().orElseThrow());
        assertEquals(CiscoModel.CP_7961, old.model());
        assertEquals(DeviceProfiles.CISCO_7961_9_4, old.profile().orElseThrow());
        assertEquals(DeviceProfiles.CISCO_8845_14_2, old.profile(CiscoModel.CP_8845).orElseThrow());
        SepMacConfig authenticated7961 = parse(device(MEMBERS + "<loadInformation>SIP41.9-4-2SR3-1S</loadInformation>\n"
                + "<deviceSecurityMode>2</deviceSecurityMode><transportLayerProtocol>3</transportLayerProtocol>\n"));
        assertTrue(authenticated7961.profile().isEmpty());
        assertTrue(problem(authenticated7961, "deviceSecurityMode").orElseThrow().message().contains("no profile models a 79x1"));
    }

    @Test
    void tlsTransportWithInsecureModeIsAnErrorNamingTheElement() {
        SepMacConfig config = parse(device(MEMBERS
                + "<deviceSecurityMode>1</deviceSecurityMode>\n<transportLayerProtocol>3</transportLayerProtocol>\n"));

        ConfigProblem error = config.errors().get(0);
        assertEquals("transportLayerProtocol", error.element());
        assertEquals(10, error.line(), error::toString);
        assertTrue(error.message().contains("contradicts deviceSecurityMode 1"), error::toString);
    }

    @Test
    void aSecureModeWithoutTlsIsAnError() {
        SepMacConfig config = parse(device(MEMBERS
                + "<deviceSecurityMode>3</deviceSecurityMode>\n<transportLayerProtocol>1</transportLayerProtocol>\n"));

        assertTrue(config.errors().stream().anyMatch(p -> p.element().equals("transportLayerProtocol")
                && p.message().contains("need transportLayerProtocol 3")), config.problems()::toString);
    }

    @Test
    void unknownValuesAreErrorsWithTheirLine() {
        SepMacConfig config = parse(device(MEMBERS + "<deviceSecurityMode>7</deviceSecurityMode>\n"
                + "<transportLayerProtocol>tls</transportLayerProtocol>\n<deviceProtocol>SCCP</deviceProtocol>\n"));

        assertEquals(List.of("deviceSecurityMode", "transportLayerProtocol", "deviceProtocol"),
                config.errors().stream().map(ConfigProblem::element).toList(), config.problems()::toString);
        assertTrue(config.errors().get(0).toString().startsWith("SEP001122334455.cnf.xml:9: error: deviceSecurityMode: '7': expected"),
                config.errors().get(0)::toString);
    }

    @Test
    void disableTlsCiphersRemovesSuitesFromTheOffer() {
        SepMacConfig config = parse(device(MEMBERS + "<vendorConfig><disableTLSCiphers>1, 2,9</disableTLSCiphers></vendorConfig>\n"
                + "<deviceSecurityMode>3</deviceSecurityMode><transportLayerProtocol>3</transportLayerProtocol>\n"));

        assertEquals(List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"), config.disabledCipherSuites());
        ConfigProblem error = config.errors().get(0);
        assertEquals("disableTLSCiphers", error.element());
        assertTrue(error.message().startsWith("'9'"), error::toString);
        DeviceProfile profile = config.profile().orElseThrow();
        assertEquals("cisco-8845@14.2+disableTLSCiphers=1,2", profile.name());
        assertFalse(profile.cipherSuites().contains("TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertTrue(profile.cipherSuites().contains("TLS_RSA_WITH_AES_256_CBC_SHA"));
    }

    @Test
    void malformedXmlIsAnErrorWithItsLine() {
        SepMacConfig config = parse("<?xml version=\"1.0\"?>\n<device>\n<deviceSecurityMode>3</deviceSecurity>\n</device>\n");

        ConfigProblem error = config.errors().get(0);
        assertEquals(3, error.line(), error::toString);
        assertTrue(error.message().startsWith("not well-formed XML"), error::toString);
    }

    @Test
    void aDoctypeCannotMakeTheReaderOpenOtherFiles(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        SepMacConfig config = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE device [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<device><deviceSecurityMode>&x;</deviceSecurityMode></device>\n");

        assertTrue(config.hasErrors(), config.problems()::toString);
        assertTrue(config.problems().stream().noneMatch(p -> p.message().contains("TOPSECRET")), config.problems()::toString);
        assertTrue(config.deviceSecurityMode().isEmpty());
    }

    @Test
    void anotherRootElementIsAnError() {
        SepMacConfig config = parse("<?xml version=\"1.0\"?>\n<phone/>\n");

        assertEquals("phone", config.errors().get(0).element());
    }
}

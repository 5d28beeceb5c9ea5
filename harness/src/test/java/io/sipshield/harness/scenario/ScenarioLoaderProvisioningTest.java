package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A phone's {@code provisioning} and {@code mac} keys: valid forms, and errors at file:line:column. */
class ScenarioLoaderProvisioningTest {

    /** Line 5 is the phone, line 9 the expectation. */
    private static final String BASE = """
            about: provisioning
            setup:
              server: { mock: { certificate: pbx-server } }
              phones:
                - { name: desk, profile: cisco-8845@14.2, user: "101", password: pass101, PHONE }
            steps:
              - register: desk
            expect:
              EXPECT
            """;

    @TempDir
    Path dir;
    private final ScenarioLoader loader = new ScenarioLoader();

    @BeforeEach
    void provisioningDirectory() throws Exception {
        Files.createDirectories(dir.resolve("prov"));
    }

    private String yaml(String phone) {
        return yaml(phone, "sip: { register: 200 }");
    }

    private static String yaml(String phone, String expect) {
        return BASE.replace("PHONE", phone).replace("EXPECT", expect);
    }

    private Expectations expect(String phone, String expect) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), yaml(phone, expect));
        return loader.load(file).expect();
    }

    private void rejectsExpectation(String phone, String expect, String needle, String text) throws Exception {
        String yaml = yaml(phone, expect);
        Path file = Files.writeString(dir.resolve("s.yaml"), yaml);
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        int column = yaml.lines().toList().get(8).indexOf(needle) + 1;
        assertAll(() -> assertEquals(9, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(text), e.getMessage()));
    }

    private PhoneSpec desk(String phone) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), yaml(phone));
        return loader.load(file).setup().phone("desk").orElseThrow();
    }

    /** The error is at the first {@code needle} on line 5 and its message contains {@code text}. */
    private void rejects(String phone, String needle, String text) throws Exception {
        String yaml = yaml(phone);
        Path file = Files.writeString(dir.resolve("s.yaml"), yaml);
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        int column = yaml.lines().toList().get(4).indexOf(needle) + 1;
        assertAll(() -> assertEquals(5, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(text), e.getMessage()));
    }

    @Test
    void aPathIsResolvedBesideTheScenarioFile() throws Exception {
        PhoneSpec.Provisioning provisioning = desk("provisioning: prov").provisioning();
        assertEquals(dir.resolve("prov").toAbsolutePath().normalize(), provisioning.directory());
        assertNull(provisioning.httpsCertificate());
        assertNull(provisioning.mac());
    }

    @Test
    void theMappingFormNamesAnHttpsCertificateAndTheMacIsNormalised() throws Exception {
        PhoneSpec.Provisioning provisioning = desk("provisioning: { directory: prov, https-certificate: pbx-server-ec },"
                + " mac: \"00:11:22:aa:bb:cc\"").provisioning();
        assertEquals(dir.resolve("prov").toAbsolutePath().normalize(), provisioning.directory());
        assertEquals("pbx-server-ec", provisioning.httpsCertificate());
        assertEquals("001122AABBCC", provisioning.mac());
    }

    @Test
    void aPhoneWithoutProvisioningHasNone() throws Exception {
        assertNull(desk("codecs: [PCMU]").provisioning());
    }

    @Test
    void rejectsAMissingDirectory() throws Exception {
        rejects("provisioning: nowhere", "nowhere", "no such directory 'nowhere'");
    }

    @Test
    void rejectsAnUnknownHttpsFixture() throws Exception {
        rejects("provisioning: { directory: prov, https-certificate: nobody }", "nobody", "unknown certificate fixture 'nobody'");
    }

    @Test
    void rejectsAnUnknownKeyInTheMapping() throws Exception {
        rejects("provisioning: { directory: prov, port: 69 }", "port", "port");
    }

    @Test
    void rejectsTheMappingWithoutADirectory() throws Exception {
        rejects("provisioning: { https-certificate: pbx-server-ec }", "{ https", "missing key 'directory'");
    }

    @Test
    void rejectsAListInsteadOfADirectory() throws Exception {
        rejects("provisioning: [prov]", "[prov]", "a provisioning directory");
    }

    @Test
    void rejectsABadMac() throws Exception {
        rejects("provisioning: prov, mac: 00-11-22", "00-11-22", "'00-11-22' is not a MAC address");
    }

    @Test
    void rejectsAMacWithoutProvisioning() throws Exception {
        rejects("mac: \"001122334455\"", "\"0011", "mac without provisioning");
    }

    // expect.provisioning and expect.phones.<name>.provisioning

    @Test
    void theFirstPhonesProvisioningOutcomeIsReadAtTheTopLevel() throws Exception {
        Expectations expect = expect("provisioning: prov", "provisioning: { trust-list: installed, config: rejected }");
        assertEquals(new Expectations.Provisioning("installed", "rejected"), expect.provisioning());
    }

    @Test
    void aNamedPhonesProvisioningOutcomeMayStateOneField() throws Exception {
        Expectations expect = expect("provisioning: prov", "phones: { desk: { provisioning: { config: absent } } }");
        assertEquals(new Expectations.Provisioning(null, "absent"), expect.phones().get("desk").provisioning());
        assertNull(expect.provisioning());
    }

    @Test
    void rejectsAnUnknownOutcome() throws Exception {
        rejectsExpectation("provisioning: prov", "provisioning: { trust-list: pinned }", "pinned",
                "unknown trust-list outcome 'pinned'");
        rejectsExpectation("provisioning: prov", "provisioning: { config: signed }", "signed",
                "unknown config outcome 'signed'");
    }

    @Test
    void rejectsAnEmptyOrUnknownProvisioningExpectation() throws Exception {
        rejectsExpectation("provisioning: prov", "provisioning: { pinned: yes }", "pinned", "pinned");
        rejectsExpectation("provisioning: prov", "provisioning: { itl: installed }", "installed",
                "'installed' is no ITL name");
        rejectsExpectation("provisioning: prov", "provisioning: {}", "{}", "trust-list");
    }

    @Test
    void rejectsAProvisioningExpectationForAPhoneWithoutProvisioning() throws Exception {
        rejectsExpectation("codecs: [PCMU]", "provisioning: { config: accepted }", "{ config",
                "phone 'desk' has no provisioning");
    }
}

package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-boot keys of a scenario: {@code reboot} and {@code factory-reset} steps, a reboot's {@code expect}
 * (the provisioning expectation with {@code itl}, {@code ctl-records}, {@code sast}, {@code lists}), the phone key
 * {@code factory-reset} and a provisioned phone without profile, user and password; errors at file:line:column.
 */
class ScenarioLoaderRebootTest {

    /** Line 5 is the provisioned phone, line 6 a plain one, line 8 the step. */
    private static final String BASE = """
            about: reboots
            setup:
              server: { mock: { certificate: pbx-server } }
              phones:
                - { name: desk, PHONE }
                - { name: alice, profile: digium-d65@2_9_2, user: "100", password: pass100, trust: [test-root] }
            steps:
              - STEP
            expect:
              sip: { register: 200 }
            """;
    private static final String PROVISIONED = "profile: cisco-8845@14.2, user: \"101\", password: pass101, provisioning: prov";

    @TempDir
    Path dir;
    private final ScenarioLoader loader = new ScenarioLoader();

    @BeforeEach
    void provisioningDirectories() throws Exception {
        Files.createDirectories(dir.resolve("prov"));
        Files.createDirectories(dir.resolve("rogue"));
    }

    private Scenario load(String phone, String step) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), BASE.replace("PHONE", phone).replace("STEP", step));
        return loader.load(file);
    }

    private Step step(String step) throws Exception {
        return load(PROVISIONED, step).steps().get(0);
    }

    /** The error is at the first {@code needle} on line {@code line} and its message contains {@code text}. */
    private void rejects(String phone, String step, int line, String needle, String text) throws Exception {
        String yaml = BASE.replace("PHONE", phone).replace("STEP", step);
        Path file = Files.writeString(dir.resolve("s.yaml"), yaml);
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        int column = yaml.lines().toList().get(line - 1).indexOf(needle) + 1;
        assertAll(() -> assertEquals(line, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(text), e.getMessage()));
    }

    @Test
    void aRebootNamesThePhoneAndBootsFromItsOwnTree() throws Exception {
        assertEquals(new Step.Reboot("desk", null, null), step("reboot: desk"));
    }

    @Test
    void aRebootMayBootFromAnotherTreeKeepingThePhonesMacAndStateExpectations() throws Exception {
        Step.Reboot reboot = (Step.Reboot) load(PROVISIONED + ", mac: \"00:11:22:33:44:55\"",
                "reboot: { phone: desk, provisioning: { directory: rogue, https-certificate: pbx-server-ec },"
                        + " expect: { trust-list: kept, itl: ITLFile.tlv, ctl-records: 2, sast: other-root,"
                        + " lists: { ITLFile.tlv: rejected, CTLSEP001122334455.tlv: installed } } }").steps().get(0);
        assertAll(() -> assertEquals(dir.resolve("rogue").toAbsolutePath().normalize(), reboot.provisioning().directory()),
                () -> assertEquals("pbx-server-ec", reboot.provisioning().httpsCertificate()),
                () -> assertEquals("001122334455", reboot.provisioning().mac()),
                () -> assertEquals(new Expectations.Provisioning("kept", null, "ITLFile.tlv", 2, List.of("other-root"),
                        Map.of("ITLFile.tlv", "rejected", "CTLSEP001122334455.tlv", "installed")), reboot.outcome()),
                () -> assertEquals("reboot", reboot.kind()),
                () -> assertNull(reboot.expect(), "a reboot states no SIP status"));
    }

    @Test
    void aFactoryResetNamesThePhone() throws Exception {
        assertEquals(new Step.FactoryReset("desk"), step("factory-reset: desk"));
        assertEquals(new Step.FactoryReset("desk"), step("factory-reset: { phone: desk }"));
    }

    @Test
    void rejectsARebootOfAPhoneWithoutProvisioning() throws Exception {
        rejects(PROVISIONED, "reboot: alice", 8, "alice", "phone 'alice' has no provisioning to boot from in steps[0].reboot");
        rejects(PROVISIONED, "factory-reset: { phone: alice }", 8, "alice", "phone 'alice' has no provisioning");
    }

    @Test
    void rejectsARebootFromAnUnknownDirectoryNamingIt() throws Exception {
        rejects(PROVISIONED, "reboot: { phone: desk, provisioning: nowhere }", 8, "nowhere",
                "no such directory 'nowhere' in steps[0].reboot.provisioning");
    }

    @Test
    void rejectsAnUnknownPhoneAndAnUnknownKey() throws Exception {
        rejects(PROVISIONED, "reboot: bob", 8, "bob", "unknown phone 'bob'");
        rejects(PROVISIONED, "reboot: { phone: desk, after: 2 }", 8, "after", "after");
        rejects(PROVISIONED, "factory-reset: { phone: desk, keep: true }", 8, "keep", "keep");
    }

    @Test
    void rejectsBadBootExpectations() throws Exception {
        rejects(PROVISIONED, "reboot: { phone: desk, expect: { trust-list: pinned } }", 8, "pinned",
                "unknown trust-list outcome 'pinned'");
        rejects(PROVISIONED, "reboot: { phone: desk, expect: { lists: { SEP.cnf.xml: accepted } } }", 8, "SEP",
                "'SEP.cnf.xml' is no trust-list file");
        rejects(PROVISIONED, "reboot: { phone: desk, expect: { lists: { ITLFile.tlv: trusted } } }", 8, "trusted",
                "unknown trust-list outcome 'trusted'");
        rejects(PROVISIONED, "reboot: { phone: desk, expect: { sast: [nobody] } }", 8, "nobody",
                "unknown certificate fixture 'nobody'");
        rejects(PROVISIONED, "reboot: { phone: desk, expect: { ctl-records: -1 } }", 8, "-1", "ctl-records");
        rejects(PROVISIONED, "reboot: { phone: desk, expect: {} }", 8, "{}", "at least one of trust-list");
        rejects(PROVISIONED, "reboot: { phone: desk, expect: 200 }", 8, "200", "expect");
    }

    @Test
    void thePhoneKeyFactoryResetNeedsProvisioning() throws Exception {
        assertTrue(load(PROVISIONED + ", factory-reset: true", "register: desk").setup().phone("desk").orElseThrow()
                .provisioning().factoryReset());
        assertFalse(load(PROVISIONED, "register: desk").setup().phone("desk").orElseThrow().provisioning().factoryReset());
        rejects("profile: cisco-8845@14.2, user: \"101\", password: pass101, factory-reset: true", "register: desk", 5,
                "true", "factory-reset without provisioning");
        rejects(PROVISIONED + ", factory-reset: maybe", "register: desk", 5, "maybe", "factory-reset");
    }

    @Test
    void aProvisionedPhoneMayLeaveProfileAndAccountToItsConfiguration() throws Exception {
        PhoneSpec desk = load("provisioning: prov", "register: desk").setup().phone("desk").orElseThrow();
        assertAll(() -> assertNull(desk.profile()), () -> assertNull(desk.user()), () -> assertNull(desk.password()));
    }

    @Test
    void aPhoneWithNeitherProvisioningNorConfigStillNeedsAProfile() throws Exception {
        rejects("user: \"101\", password: pass101", "register: desk", 5, "{ name", "missing key 'profile'");
    }
}

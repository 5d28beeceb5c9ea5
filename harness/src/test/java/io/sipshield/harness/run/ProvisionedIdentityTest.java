package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.cisco.SepMacConfig;
import io.sipshield.harness.scenario.PhoneSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A provisioned phone's profile and account: from its SEP<MAC>.cnf.xml, the scenario's keys winning with a warning. */
class ProvisionedIdentityTest {

    private static final String FILE = """
            <?xml version="1.0"?>
            <device>
              <deviceProtocol>SIP</deviceProtocol>
              <loadInformation>LOAD</loadInformation>
              <sipProfile>
                <sipLines><line button="1"><name>101</name><authName>101</authName><authPassword>pass101</authPassword></line></sipLines>
              </sipProfile>
              <deviceSecurityMode>MODE</deviceSecurityMode>
              <transportLayerProtocol>3</transportLayerProtocol>
            </device>
            """;

    private static Optional<SepMacConfig> file(String load, int mode) {
        return Optional.of(SepMacConfig.parse("SEP001122334455.cnf.xml",
                FILE.replace("LOAD", load).replace("MODE", Integer.toString(mode)).getBytes(StandardCharsets.UTF_8)));
    }

    private static PhoneSpec phone(String profile, String user, String password) {
        return new PhoneSpec("desk", profile, user, password, PhoneSpec.DEFAULT_SERVER_NAME, List.of(), false, null,
                PhoneSpec.TlsProvider.BORINGSSL, null, PhoneSpec.AnswerMode.AUTO, PhoneSpec.DEFAULT_REJECT_STATUS,
                List.of(), List.of(), null, new PhoneSpec.Provisioning(Path.of("prov"), null, null));
    }

    @Test
    void theFileNamesProfileAndAccountWhenTheScenarioDoesNot() {
        ProvisionedIdentity identity = ProvisionedIdentity.resolve(phone(null, null, null), file("sip88xx.14-2-1", 3),
                "accepted");
        assertEquals("cisco-8845@14.2", identity.profile().name());
        assertEquals(List.of(), identity.warnings());
        assertEquals("cisco-7961@9.4", ProvisionedIdentity.resolve(phone(null, null, null), file("SIP41.9-4-2SR3", 3),
                "accepted").profile().name());
    }

    @Test
    void theScenarioWinsAndEachContradictionIsAWarningNamingBoth() {
        ProvisionedIdentity identity = ProvisionedIdentity.resolve(phone("cisco-7961@9.4", "102", "secret"),
                file("sip88xx.14-2-1", 3), "accepted");
        assertEquals("cisco-7961@9.4", identity.profile().name());
        assertEquals(3, identity.warnings().size(), identity.warnings().toString());
        assertTrue(identity.warnings().get(0).startsWith("setup.phones[desk].profile cisco-7961@9.4 contradicts"
                + " SEP001122334455.cnf.xml (deviceSecurityMode 3, model"), identity.warnings().get(0));
        assertTrue(identity.warnings().get(0).contains("cisco-8845@14.2"), identity.warnings().get(0));
        assertEquals("setup.phones[desk].user 102 contradicts SEP001122334455.cnf.xml sipLines/line name 101; the"
                + " scenario's user wins", identity.warnings().get(1));
        assertTrue(identity.warnings().stream().noneMatch(w -> w.contains("secret") || w.contains("pass101")),
                "passwords are never printed: " + identity.warnings());
    }

    @Test
    void agreeingKeysGiveNoWarning() {
        assertEquals(List.of(), ProvisionedIdentity.resolve(phone("cisco-8845@14.2", "101", "pass101"),
                file("sip88xx.14-2-1", 3), "accepted").warnings());
    }

    @Test
    void anInsecureFileNamesNoProfileSoTheScenarioMust() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProvisionedIdentity.resolve(phone(null, null, null), file("sip88xx.14-2-1", 1), "accepted"));
        assertTrue(e.getMessage().startsWith("setup.phones[desk]: no profile: SEP001122334455.cnf.xml names none"),
                e.getMessage());
        assertEquals("cisco-8845@14.2", ProvisionedIdentity.resolve(phone("cisco-8845@14.2", null, null),
                file("sip88xx.14-2-1", 1), "accepted").profile().name());
    }

    @Test
    void noAcceptedFileAndNoUserIsAnErrorNamingTheOutcome() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProvisionedIdentity.resolve(phone("cisco-8845@14.2", null, null), Optional.empty(), "rejected"));
        assertEquals("setup.phones[desk]: no SIP account: the phone's provisioning accepted no SEP<MAC>.cnf.xml (config"
                + " rejected) and the scenario names no user; expected user: and password: on the phone", e.getMessage());
    }
}

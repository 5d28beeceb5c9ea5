package io.sipshield.harness.peers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link KamailioConfig} writes, and what it refuses to put into a Kamailio config. */
class KamailioConfigTest {

    private static final Path DIR = Path.of("/tmp/kamailio-test");

    private static KamailioConfig config(Map<String, String> accounts, String domain, ClientCertificateMode mode) {
        return new KamailioConfig(15061, domain, accounts, mode, "TLSv1.2+", DIR.resolve("chain.pem"),
                DIR.resolve("key.pem"), DIR.resolve("cas.pem"));
    }

    @Test
    void eachModeSetsBothTlsCfgSwitches() {
        assertTrue(config(Map.of(), "pbx.sip.test", ClientCertificateMode.NONE).tlsCfg()
                .contains("verify_certificate = no\nrequire_certificate = no\n"));
        assertTrue(config(Map.of(), "pbx.sip.test", ClientCertificateMode.OPTIONAL).tlsCfg()
                .contains("verify_certificate = yes\nrequire_certificate = no\n"));
        assertTrue(config(Map.of(), "pbx.sip.test", ClientCertificateMode.REQUIRED).tlsCfg()
                .contains("verify_certificate = yes\nrequire_certificate = yes\n"));
    }

    @Test
    void theConfigListensOnLoopbackTlsOnlyNeverConnectsAndAliasesTheDomainNotTheAddress() {
        String cfg = config(Map.of("101", "pass101"), "pbx.sip.test", ClientCertificateMode.NONE)
                .kamailioCfg(DIR.resolve("tls.cfg"));
        assertTrue(cfg.contains("listen=tls:127.0.0.1:15061\n"), cfg);
        assertTrue(cfg.contains("tcp_no_connect=yes\n"), cfg);
        assertTrue(cfg.contains("alias=\"pbx.sip.test\"\n"), cfg);
        assertTrue(!cfg.contains("alias=\"127.0.0.1\""), "a bare 127.0.0.1 alias makes every phone's Contact local");
        assertTrue(cfg.contains("$sht(users=>101) = \"pass101\";"), cfg);
        assertTrue(cfg.contains("modparam(\"tls\", \"config\", \"/tmp/kamailio-test/tls.cfg\")"), cfg);
    }

    @Test
    void aPasswordThatWouldBreakTheConfigIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("101", "pa\"ss"), "pbx.sip.test", ClientCertificateMode.NONE));
        assertTrue(refused.getMessage().contains("kamailio account 101"), refused.getMessage());
    }

    @Test
    void aDomainThatIsNotAHostNameIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of(), "pbx sip\"test", ClientCertificateMode.NONE));
        assertTrue(refused.getMessage().contains("domain"), refused.getMessage());
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KamailioConfig(0, "pbx.sip.test", Map.of(),
                ClientCertificateMode.NONE, "TLSv1.2+", DIR, DIR, DIR));
    }
}

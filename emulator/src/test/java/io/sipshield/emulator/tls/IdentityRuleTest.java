package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityRuleTest {

    private static final TestPki PKI = new TestPki(Instant.now(), 11);

    @Test
    void addressesArePrintedAsInetNtopDoes() throws UnknownHostException {
        assertEquals("127.0.0.1", IdentityRule.printAddress(InetAddress.getByName("127.0.0.1").getAddress()));
        assertEquals("::1", IdentityRule.printAddress(InetAddress.getByName("::1").getAddress()));
        assertEquals("2001:db8::1:0:0:1", IdentityRule.printAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress()));
        assertEquals("fe80::", IdentityRule.printAddress(InetAddress.getByName("fe80::").getAddress()));
        assertEquals("2001:db8:0:1:1:1:1:1", IdentityRule.printAddress(InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()),
                "a single zero group is not compressed");
        assertEquals("::ffff:192.0.2.1", IdentityRule.printAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1}));
    }

    @Test
    void ipv6HostMatchesWithOrWithoutBracketsButNotSpelledOut() {
        X509Certificate certificate = PKI.leaf("pbx").sanIp("::1").serverAuth().issuedBy(PKI.root).build().certificate();
        IdentityRule rule = IdentityRule.strict();
        assertTrue(rule.matches(certificate, "::1"));
        assertTrue(rule.matches(certificate, "[::1]"));
        assertFalse(rule.matches(certificate, "0:0:0:0:0:0:0:1"), "PJSIP compares the printed form");
    }

    @Test
    void sipsUrisCountAndOtherSchemesDoNot() {
        X509Certificate certificate = PKI.leaf("pbx").sanUri("sips:pbx.sip.test").sanUri("https://web.sip.test/")
                .serverAuth().issuedBy(PKI.root).build().certificate();
        IdentityRule rule = IdentityRule.strict();
        assertTrue(rule.matches(certificate, "PBX.sip.test"));
        assertFalse(rule.matches(certificate, "web.sip.test"));
        assertEquals(List.of("URI host:pbx.sip.test", "CN=pbx"), rule.presentedIdentities(certificate));
    }

    @Test
    void wildcardsNeverStandForAnIpAddressOrMoreThanOneLabel() {
        X509Certificate certificate = PKI.leaf("*.0.0.1").sanDns("*.sip.test").serverAuth().issuedBy(PKI.root).build()
                .certificate();
        IdentityRule rule = IdentityRule.allowingWildcards();
        assertTrue(rule.matches(certificate, "pbx.sip.test"));
        assertFalse(rule.matches(certificate, "127.0.0.1"));
        assertFalse(rule.matches(certificate, "sip.test"));
        assertFalse(rule.matches(certificate, "a.b.sip.test"));
        assertFalse(IdentityRule.strict().matches(certificate, "pbx.sip.test"));
    }
}

package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.Quirk;
import java.util.concurrent.TimeUnit;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An Algo 8301 with "SIPS Scheme" and "SIP Outbound Support (RFC 5626)" on (seed 003; Algo config.txt
 * {@code sip.sips = 1}, {@code sip.outbound = 1}) against the real mock over TLS on loopback: what its
 * REGISTER and INVITE carry, and that the mock registers and answers it. The twin without the settings
 * sends neither.
 */
@Timeout(60)
class SipsOutboundPhoneTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk pbx() {
        return MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    private static Phone phone(MockAsterisk pbx, DeviceProfile profile) {
        return Phone.create(profile, PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .build(), LOOPS);
    }

    private static Request next(MockAsterisk pbx, String method) throws InterruptedException {
        for (RecordedSipRequest recorded; (recorded = pbx.takeRequest(5, TimeUnit.SECONDS)) != null; ) {
            if (recorded.method().equals(method)) {
                return recorded.request();
            }
        }
        throw new AssertionError("no " + method + " reached the mock");
    }

    @Test
    void sipsAndOutboundShapeRegisterAndInvite() throws Exception {
        DeviceProfile profile = DeviceProfiles.ALGO_8301_3_1.with("algo-8301@3.1+sips+outbound",
                Quirk.SIPS_SCHEME, Quirk.SIP_OUTBOUND);
        try (MockAsterisk pbx = pbx(); Phone phone = phone(pbx, profile)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());

            Request register = next(pbx, Request.REGISTER);
            assertEquals("sips:pbx.sip.test", register.getRequestURI().toString());
            assertEquals("sips:101@pbx.sip.test", ((FromHeader) register.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
            ContactHeader contact = (ContactHeader) register.getHeader(ContactHeader.NAME);
            assertTrue(contact.getAddress().getURI().toString().startsWith("sips:101@127.0.0.1:"), contact::toString);
            assertFalse(contact.getAddress().getURI().toString().contains("transport="), "RFC 5630: no transport=tls on sips:");
            assertEquals("1", contact.getParameter("reg-id"));
            String instance = contact.getParameter("+sip.instance");
            assertNotNull(instance, contact::toString);
            assertTrue(instance.matches("\"?<urn:uuid:[0-9a-f-]{36}>\"?"), instance);
            assertTrue(register.getHeader("Supported").toString().contains("outbound"), register::toString);

            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            Request invite = next(pbx, Request.INVITE);
            assertTrue(invite.getRequestURI().toString().startsWith("sips:600@pbx.sip.test"), invite::toString);
            ContactHeader inviteContact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
            assertNull(inviteContact.getParameter("reg-id"), "reg-id belongs to REGISTER only (RFC 5626 §4.2.1)");
        }
    }

    @Test
    void withoutTheSettingsThePhoneSendsSipUrisAndNoOutbound() throws Exception {
        try (MockAsterisk pbx = pbx(); Phone phone = phone(pbx, DeviceProfiles.ALGO_8301_3_1)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());

            Request register = next(pbx, Request.REGISTER);
            assertEquals("sip:pbx.sip.test;transport=tls", register.getRequestURI().toString());
            ContactHeader contact = (ContactHeader) register.getHeader(ContactHeader.NAME);
            assertNull(contact.getParameter("reg-id"));
            assertNull(contact.getParameter("+sip.instance"));
            assertNull(register.getHeader("Supported"));
        }
    }
}

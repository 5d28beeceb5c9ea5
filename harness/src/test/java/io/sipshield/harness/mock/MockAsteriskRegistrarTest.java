package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.SipTrace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registrar over real TLS: AOR options, connection-bound contacts, qualify down the phone's connection. */
@Timeout(60)
class MockAsteriskRegistrarTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk pbx(MockAor aor) {
        return MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES).withAor(aor))
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    private static Phone phone(MockAsterisk pbx, int expires) throws Exception {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .registerExpires(expires)
                .build(), LOOPS);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
        return phone;
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static String lastReceived(Phone phone) {
        List<SipTrace.Entry> received = phone.trace().entries().stream()
                .filter(e -> e.direction() == SipTrace.Direction.RECEIVED).toList();
        return received.get(received.size() - 1).text();
    }

    @Test
    void anExpiryBelowMinimumExpirationIsAnswered423WithMinExpires() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.onePhone().withExpirations(3600, 120, 7200));
             Phone phone = phone(pbx, 60)) {
            assertEquals(423, phone.register().get(10, TimeUnit.SECONDS).status());
            String answer = lastReceived(phone);
            assertTrue(answer.startsWith("SIP/2.0 423 Interval Too Brief"), answer);
            assertTrue(answer.contains("Min-Expires: 120"), answer);
            assertTrue(pbx.registrar().bindings().isEmpty());
        }
    }

    @Test
    void aLongExpiryIsCutToMaximumExpiration() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.onePhone().withExpirations(300, 60, 600));
             Phone phone = phone(pbx, 3600)) {
            RegistrationResult result = phone.register().get(10, TimeUnit.SECONDS);
            assertEquals(200, result.status());
            assertTrue(result.expires() > 590 && result.expires() <= 600, "expiry " + result.expires());
            assertTrue(lastReceived(phone).contains("Expires: 600"), lastReceived(phone));
        }
    }

    @Test
    void maxContactsZeroRefusesWith403() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.asteriskDefaults());
             Phone phone = phone(pbx, 300)) {
            assertEquals(403, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void aSecondPhoneBeyondMaxContactsIsForbiddenWithoutRemoveExisting() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.onePhone().withRemoveExisting(false));
             Phone first = phone(pbx, 300);
             Phone second = phone(pbx, 300)) {
            assertEquals(200, first.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(403, second.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(1, pbx.registrar().bindings().size());
        }
    }

    @Test
    void removeExistingLetsTheSecondPhoneReplaceTheFirst() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.onePhone());
             Phone first = phone(pbx, 300);
             Phone second = phone(pbx, 300)) {
            assertEquals(200, first.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(200, second.register().get(10, TimeUnit.SECONDS).status());
            List<Registrar.Binding> bindings = pbx.registrar().bindings();
            assertEquals(1, bindings.size());
            assertEquals(pbx.tlsConnections().get(1).remote(), bindings.get(0).source(), "the second phone's contact");
        }
    }

    @Test
    void twoContactsUnderMaxContactsTwoAreBothAnswered() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.onePhone().withMaxContacts(2).withRemoveExisting(false));
             Phone first = phone(pbx, 300);
             Phone second = phone(pbx, 300)) {
            assertEquals(200, first.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(200, second.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(2, pbx.registrar().contacts().size());
            String ok = lastReceived(second);
            assertEquals(2, ok.split(";transport=TLS>;expires=", -1).length - 1,
                    "the 200 lists every contact of the AOR: " + ok);
        }
    }

    @Test
    void theContactDisappearsAsSoonAsItsConnectionCloses() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.onePhone())) {
            Phone phone = phone(pbx, 300);
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(1, pbx.registrar().bindings().size());
            phone.close();
            eventually(() -> pbx.registrar().bindings().isEmpty(), "the contact went with its connection");
        }
    }

    @Test
    void qualifySendsOptionsDownThePhonesOwnConnection() throws Exception {
        try (MockAsterisk pbx = pbx(MockAor.onePhone().withQualifyFrequency(1));
             Phone phone = phone(pbx, 300)) {
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            eventually(() -> !pbx.registrar().contacts().isEmpty()
                    && pbx.registrar().contacts().get(0).status() == Registrar.Availability.Avail, "qualified");
            Registrar.ContactStatus status = pbx.registrar().contacts().get(0);
            assertNotNull(status.rtt());
            assertTrue(phone.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                    && e.text().startsWith("OPTIONS sip:101@127.0.0.1:")), "the phone received the OPTIONS");
            assertEquals(1, pbx.tlsConnections().size(), "no connection but the phone's own");
        }
    }
}

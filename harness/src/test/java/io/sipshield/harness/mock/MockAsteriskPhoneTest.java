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
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.SipTrace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A real emulated phone against the real mock, TLS on loopback, end to end. */
@Timeout(60)
class MockAsteriskPhoneTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk pbx(FixtureName certificate) {
        return MockAsterisk.builder()
                .certificate(PKI.get(certificate))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .endpoint(new MockEndpoint("103", "pass103", MediaEncryption.NO))
                .extension("600", DialplanApp.ECHO)
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    private static Phone phone(MockAsterisk pbx, DeviceProfile profile, String user, String password,
                               PhoneSettings.TlsProvider provider) {
        return Phone.create(profile, PhoneSettings.builder()
                .account(user, password)
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .tlsProvider(provider)
                .build(), LOOPS);
    }

    @ParameterizedTest
    @EnumSource(PhoneSettings.TlsProvider.class)
    void registersCallsEchoAndHangsUp(PhoneSettings.TlsProvider provider) throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER);
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, "101", "pass101", provider)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
            assertEquals("TLSv1.2", tls.protocol());
            assertEquals(0, tls.verification().bitmask());

            RegistrationResult registration = phone.register().get(10, TimeUnit.SECONDS);
            assertEquals(200, registration.status());
            assertTrue(registration.expires() > 290 && registration.expires() <= 300, "expiry " + registration.expires());
            assertEquals(1, pbx.registrar().bindings().size());
            assertTrue(pbx.registrar().lookup("101").orElseThrow().contact().startsWith("sip:101@127.0.0.1:"));

            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            assertEquals("RTP/SAVP", call.mediaProfile());
            MediaStats media = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofSeconds(1))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(50, media.sent());
            assertEquals(50, media.received());
            assertEquals(50, media.verified());
            assertEquals(0, media.authFailures() + media.replays() + media.mismatched());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));

            List<String> methods = pbx.drainRequests().stream().map(RecordedSipRequest::method).toList();
            assertEquals(List.of("REGISTER", "REGISTER", "INVITE", "ACK", "INVITE", "ACK", "BYE"), methods,
                    "challenged REGISTER and INVITE, each ACKed, as Asterisk does");
        }
    }

    @Test
    void theMockChallengesWithAsterisksDigestAndRewritesTheContact() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER);
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, "101", "pass101",
                     PhoneSettings.TlsProvider.BORINGSSL)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            phone.register().get(10, TimeUnit.SECONDS);
            List<SipTrace.Entry> received = phone.trace().entries().stream()
                    .filter(e -> e.direction() == SipTrace.Direction.RECEIVED).toList();
            String challenge = received.get(0).text();
            assertTrue(challenge.startsWith("SIP/2.0 401 Unauthorized"), challenge);
            assertTrue(challenge.matches("(?s).*WWW-Authenticate: Digest realm=\"asterisk\",nonce=\"\\d+/[0-9a-f]{32}\","
                    + "opaque=\"[0-9a-f]+\",algorithm=MD5,qop=\"auth\".*"), challenge);
            assertTrue(challenge.contains(";received=127.0.0.1"), "Via received: " + challenge);
            String ok = received.get(1).text();
            assertTrue(ok.startsWith("SIP/2.0 200 OK"), ok);
            assertTrue(ok.matches("(?s).*Contact: <sip:101@127\\.0\\.0\\.1:\\d+;transport=TLS>;expires=29\\d.*"), ok);
        }
    }

    @Test
    void wrongPasswordIsChallengedAgainAndNothingRegisters() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER);
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, "101", "not-the-password",
                     PhoneSettings.TlsProvider.BORINGSSL)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(401, phone.register().get(10, TimeUnit.SECONDS).status());
            assertTrue(pbx.registrar().bindings().isEmpty());
        }
    }

    @Test
    void serverCertificateForAnotherHostIsDroppedWithTheIdentityFlag() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.OTHER_HOST_SERVER);
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, "101", "pass101",
                     PhoneSettings.TlsProvider.BORINGSSL)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertFalse(tls.established());
            assertEquals(0x40000000L, tls.verification().bitmask());
            assertNotNull(tls.failure());
            assertTrue(phone.register().isCompletedExceptionally());
            assertNull(pbx.takeRequest(200, TimeUnit.MILLISECONDS), "the phone never sent SIP");
        }
    }

    @Test
    void firmwareWithoutValidationReportsTheBitmaskAndConnectsAnyway() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER_UNKNOWN_CA);
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_2_0_4, "101", "pass101",
                     PhoneSettings.TlsProvider.BORINGSSL)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertTrue(tls.established());
            assertEquals(0x22L, tls.verification().bitmask());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void anEndpointWithoutMediaEncryptionRejectsTheSrtpOfferWith488() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER);
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, "103", "pass103",
                     PhoneSettings.TlsProvider.BORINGSSL)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(488, call.status());
            assertFalse(call.answered());
        }
    }

    @Test
    void anAlawOnlyEndpointAnswersPcmaAndTheEchoComesBackInIt() throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER)).port(0)
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES).withCodecs(List.of(G711.PCMA)))
                .extension("600", DialplanApp.ECHO).eventLoopGroup(LOOPS).build().start();
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, "101", "pass101", PhoneSettings.TlsProvider.BORINGSSL)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            assertEquals(G711.PCMA, call.codec(), "the phone offered PCMU then PCMA; the endpoint allows only alaw");
            MediaStats media = call.sendMedia(ToneSource.milliwatt(call.codec()), Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
            assertEquals(media.sent(), media.verified());
            call.hangup().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void noCommonCodecIs488() throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER)).port(0)
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES).withCodecs(List.of(G711.PCMA)))
                .extension("600", DialplanApp.ECHO).eventLoopGroup(LOOPS).build().start();
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "pass101").serverHost("pbx.sip.test").serverAddress(pbx.address())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).codecs(List.of(G711.PCMU)).build(), LOOPS)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(488, phone.call("600").get(10, TimeUnit.SECONDS).status());
        }
    }
}

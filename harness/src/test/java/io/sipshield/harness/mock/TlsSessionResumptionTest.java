package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsContextPool;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.tls.TlsResumption;
import io.sipshield.emulator.tls.TlsResumption.Mode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS session resumption between an emulated phone and the mock, on loopback with real
 * handshakes: a phone that connects again resumes its own session when its resumption mode and
 * the server allow, and only then; phones sharing a {@link TlsContextPool} context never resume
 * each other's sessions and keep their own certificate verdicts.
 */
@Timeout(60)
class TlsSessionResumptionTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final X509Certificate ROOT = PKI.get(FixtureName.TEST_ROOT).certificate();

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk mock(ServerSessionResumption resumption) {
        return MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER)).port(0).eventLoopGroup(LOOPS)
                .sessionResumption(resumption)
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES))
                .build().start();
    }

    private static PhoneSettings.Builder settings(MockAsterisk pbx, String user, TlsResumption resumption) {
        PhoneSettings.Builder builder = PhoneSettings.builder().account(user, "pass" + user)
                .serverAddress(pbx.address()).trust(ROOT);
        return resumption == null ? builder : builder.tlsResumption(resumption);
    }

    /**
     * The mock's counters once the server side of the last handshake finished too (the phone's
     * report can complete before the server reads the phone's Finished): polled up to 5 s until they
     * stop changing.
     */
    private static ServerSessionResumption.Stats settled(MockAsterisk pbx) throws InterruptedException {
        ServerSessionResumption.Stats last = pbx.tlsSessionStats();
        for (int i = 0; i < 50; i++) {
            TimeUnit.MILLISECONDS.sleep(100);
            ServerSessionResumption.Stats now = pbx.tlsSessionStats();
            if (now.equals(last) && i >= 2) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** Connects, closes, connects again: the two reports. */
    private static TlsReport[] twice(Phone phone) throws Exception {
        TlsReport first = phone.connect().get(10, TimeUnit.SECONDS);
        phone.close();
        TlsReport second = phone.connect().get(10, TimeUnit.SECONDS);
        phone.close();
        return new TlsReport[] {first, second};
    }

    @Test
    void aPhoneResumingByIdResumesItsSessionOnReconnect() throws Exception {
        try (MockAsterisk pbx = mock(new ServerSessionResumption(true, false))) {
            Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2,
                    settings(pbx, "101", TlsResumption.of(Mode.IDS)).build(), LOOPS);
            TlsReport[] reports = twice(phone);
            assertTrue(reports[0].established() && reports[1].established(), () -> reports[1].toString());
            assertFalse(reports[0].resumed(), "the first handshake is full");
            assertTrue(reports[1].resumed(), "the reconnect resumes by ID");
            assertFalse(reports[0].sessionId().isEmpty());
            assertEquals(reports[0].sessionId(), reports[1].sessionId(), "an ID resumption keeps the session ID");
            assertNotNull(reports[1].verification(), "a resumed session is still judged");
            assertTrue(reports[1].verification().ok());
            assertEquals(1, settled(pbx).cacheResumptions());
            assertEquals(0, settled(pbx).ticketResumptions());
        }
    }

    @Test
    void aPhoneOfferingTicketsResumesByTicket() throws Exception {
        try (MockAsterisk pbx = mock(ServerSessionResumption.DEFAULT)) {
            Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2,
                    settings(pbx, "101", TlsResumption.of(Mode.TICKETS)).build(), LOOPS);
            TlsReport[] reports = twice(phone);
            assertFalse(reports[0].resumed());
            assertTrue(reports[1].resumed(), "the reconnect resumes by ticket");
            assertEquals(1, settled(pbx).ticketResumptions(), pbx.tlsSessionStats()::toString);
        }
    }

    @Test
    void aRestartedMockHasForgottenEverySessionSoTheFirstHandshakeAfterItIsFull() throws Exception {
        try (MockAsterisk pbx = mock(ServerSessionResumption.DEFAULT)) {
            Phone byId = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2,
                    settings(pbx, "101", TlsResumption.of(Mode.IDS)).build(), LOOPS);
            Phone byTicket = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2,
                    settings(pbx, "102", TlsResumption.of(Mode.TICKETS)).build(), LOOPS);
            assertTrue(twice(byId)[1].resumed(), "by ID before the restart");
            assertTrue(twice(byTicket)[1].resumed(), "by ticket before the restart");

            pbx.restart(Duration.ofMillis(50)).get(10, TimeUnit.SECONDS);

            TlsReport idAfter = byId.connect().get(10, TimeUnit.SECONDS);
            byId.close();
            TlsReport ticketAfter = byTicket.connect().get(10, TimeUnit.SECONDS);
            byTicket.close();
            assertTrue(idAfter.established() && ticketAfter.established(), ticketAfter::toString);
            assertFalse(idAfter.resumed(), "a new process has an empty session cache");
            assertFalse(ticketAfter.resumed(), "a new process has new ticket keys");
            // the new process still grants resumption: a phone that never met the old one resumes its own session
            Phone fresh = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2,
                    settings(pbx, "101", TlsResumption.of(Mode.IDS)).build(), LOOPS);
            assertTrue(twice(fresh)[1].resumed(), "a session made after the restart resumes");

            ServerSessionResumption.Stats stats = settled(pbx);
            // (the server may not finish an abbreviated handshake the client closes at once, so only the ticket
            // count, taken when the server reads the ClientHello, is exact)
            assertEquals(1, stats.ticketResumptions(), "the ticket resumption before the restart still counts");
        }
    }

    @Test
    void withResumptionOffEveryHandshakeIsFull() throws Exception {
        try (MockAsterisk pbx = mock(ServerSessionResumption.DEFAULT)) {
            Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2,
                    settings(pbx, "101", TlsResumption.none()).build(), LOOPS);
            TlsReport[] reports = twice(phone);
            assertTrue(reports[1].established());
            assertFalse(reports[1].resumed());
            assertNotEquals(reports[0].sessionId(), reports[1].sessionId());
            assertEquals(0, settled(pbx).resumed());
            assertEquals(2, settled(pbx).handshakesCompleted());
        }
    }

    @Test
    void aDSeriesDoesNotResumeByDefaultAsPjsipFreesItsContextWithTheSocket() throws Exception {
        try (MockAsterisk pbx = mock(ServerSessionResumption.DEFAULT)) {
            Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "101", null).build(), LOOPS);
            assertEquals(Mode.NONE, phone.tlsResumption().mode());
            assertFalse(twice(phone)[1].resumed());
        }
    }

    @Test
    void aCiscoResumesByDefaultForItsResumptionTimer() throws Exception {
        try (MockAsterisk pbx = mock(ServerSessionResumption.DEFAULT)) {
            DeviceProfile cisco = DeviceProfiles.CISCO_8845_14_2;
            Phone phone = Phone.create(cisco, settings(pbx, "101", null).build(), LOOPS);
            assertEquals(new TlsResumption(Mode.IDS, TlsResumption.CISCO_TEMPLATE_LIFETIME), phone.tlsResumption());
        }
    }

    @Test
    void aMockWithNeitherCacheNorTicketsForcesFullHandshakes() throws Exception {
        try (MockAsterisk pbx = mock(ServerSessionResumption.NONE)) {
            Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2,
                    settings(pbx, "101", TlsResumption.of(Mode.BOTH)).build(), LOOPS);
            TlsReport[] reports = twice(phone);
            assertTrue(reports[1].established());
            assertFalse(reports[1].resumed(), "the server has nothing to resume from");
            assertEquals(0, settled(pbx).resumed());
        }
    }

    @Test
    void onTheJdkProviderAnIdResumptionIsToldByTheEchoedSessionId() throws Exception {
        try (MockAsterisk pbx = mock(new ServerSessionResumption(true, false))) {
            Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "101", TlsResumption.of(Mode.IDS))
                    .tlsProvider(PhoneSettings.TlsProvider.JDK).build(), LOOPS);
            TlsReport[] reports = twice(phone);
            assertFalse(reports[0].resumed());
            assertTrue(reports[1].resumed());
            assertEquals(1, settled(pbx).cacheResumptions());
        }
    }

    @Test
    void onTheJdkProviderResumptionOffGivesFullHandshakes() throws Exception {
        try (MockAsterisk pbx = mock(new ServerSessionResumption(true, false))) {
            Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "101", TlsResumption.none())
                    .tlsProvider(PhoneSettings.TlsProvider.JDK).build(), LOOPS);
            assertFalse(twice(phone)[1].resumed());
            assertEquals(0, settled(pbx).resumed());
        }
    }

    @Test
    void phonesSharingAContextNeverResumeEachOthersSession() throws Exception {
        TlsContextPool pool = new TlsContextPool();
        try (MockAsterisk pbx = mock(ServerSessionResumption.DEFAULT)) {
            TlsResumption ids = TlsResumption.of(Mode.IDS);
            Phone first = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "101", ids).build(), LOOPS, pool);
            Phone second = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "102", ids).build(), LOOPS, pool);
            assertEquals(1, pool.size(), "one context for both");
            TlsReport a = first.connect().get(10, TimeUnit.SECONDS);
            first.close();
            TlsReport b = second.connect().get(10, TimeUnit.SECONDS);
            second.close();
            assertFalse(b.resumed(), "the second phone's first handshake is full, not the first phone's session");
            assertNotEquals(a.sessionId(), b.sessionId());
            TlsReport again = first.connect().get(10, TimeUnit.SECONDS);
            first.close();
            assertTrue(again.resumed(), "each phone resumes its own session from the shared context");
            assertEquals(a.sessionId(), again.sessionId());
        }
    }

    @Test
    void onTheJdkProviderPhonesSharingAContextResumeOnlyTheirOwnSession() throws Exception {
        TlsContextPool pool = new TlsContextPool();
        try (MockAsterisk pbx = mock(new ServerSessionResumption(true, false))) {
            TlsResumption ids = TlsResumption.of(Mode.IDS);
            Phone first = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "101", ids)
                    .tlsProvider(PhoneSettings.TlsProvider.JDK).build(), LOOPS, pool);
            Phone second = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "102", ids)
                    .tlsProvider(PhoneSettings.TlsProvider.JDK).build(), LOOPS, pool);
            TlsReport a = first.connect().get(10, TimeUnit.SECONDS);
            first.close();
            TlsReport b = second.connect().get(10, TimeUnit.SECONDS);
            second.close();
            TlsReport again = first.connect().get(10, TimeUnit.SECONDS);
            first.close();
            assertTrue(a.established() && b.established() && again.established(), () -> b + " " + again);
            assertNotEquals(a.sessionId(), b.sessionId(), "the second phone got a session of its own");
            assertFalse(b.resumed());
            assertTrue(again.resumed());
            assertEquals(1, settled(pbx).cacheResumptions());
        }
    }

    @Test
    void phonesSharingAContextKeepTheirOwnCertificateVerdicts() throws Exception {
        TlsContextPool pool = new TlsContextPool();
        try (MockAsterisk pbx = mock(ServerSessionResumption.DEFAULT)) {
            X509Certificate otherRoot = PKI.get(FixtureName.OTHER_ROOT).certificate();
            Phone trusting = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(pbx, "101", null).build(), LOOPS,
                    pool);
            Phone stranger = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                    .account("102", "pass102").serverAddress(pbx.address()).trust(otherRoot).build(), LOOPS, pool);
            Phone lenient = Phone.create(DeviceProfiles.DIGIUM_D6X_2_2_0_4, PhoneSettings.builder()
                    .account("102", "pass102").serverAddress(pbx.address()).trust(otherRoot).build(), LOOPS, pool);
            TlsReport ok = trusting.connect().get(10, TimeUnit.SECONDS);
            TlsReport refused = stranger.connect().get(10, TimeUnit.SECONDS);
            TlsReport reported = lenient.connect().get(10, TimeUnit.SECONDS);
            trusting.close();
            stranger.close();
            lenient.close();
            assertTrue(ok.established(), ok::toString);
            assertEquals(0, ok.verification().bitmask());
            assertFalse(refused.established(), "the phone that does not trust the PBX's root drops the connection");
            assertNotEquals(0, refused.verification().bitmask());
            assertTrue(reported.established(), "2_2_0_4 does not validate: it keeps the connection");
            assertEquals(refused.verification().bitmask(), reported.verification().bitmask(),
                    "the same chain and trust give the same bitmask on a shared context");
            assertSame(DeviceProfiles.DIGIUM_D6X_2_9_2, trusting.profile());
        }
    }
}

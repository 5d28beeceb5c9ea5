package io.sipshield.harness.mock.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.fault.EndlessHeader;
import io.sipshield.emulator.fault.GarbageAfterHandshake;
import io.sipshield.emulator.fault.ManySans;
import io.sipshield.emulator.fault.OversizedChain;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.fault.TinyRecords;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsReport;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A D-Series against servers that attack it (issue 11): it reports, moves on, and never hangs. */
@Timeout(120)
class HostileServerTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static HostileTlsServer serve(ServerFault fault) {
        return HostileTlsServer.builder(fault).issuer(PKI.get(FixtureName.TEST_ROOT)).eventLoopGroup(LOOPS).build().start();
    }

    private static Phone phone(HostileTlsServer server) {
        return Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(server.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .transactionTimeout(Duration.ofSeconds(3))
                .build(), LOOPS);
    }

    /** Whether the phone's connection is closed within 2 s (the close is asynchronous). */
    private static boolean closes(Phone phone) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (phone.connected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return !phone.connected();
    }

    /** Whether the failure or one of its causes says {@code text}: the phone's report of what happened. */
    private static boolean mentions(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aChainOfTwoHundredCertificatesIsRefusedWithAReason() throws Exception {
        try (HostileTlsServer server = serve(new OversizedChain(200)); Phone phone = phone(server)) {
            TlsReport report = phone.connect().get(30, TimeUnit.SECONDS);
            assertFalse(report.established());
            assertTrue(report.failure().contains("ECHAIN_TOO_LONG"), report.failure());
            assertTrue(report.verification().toString().contains("the chain has more than 100 certificates"),
                    "the limit is named: " + report.verification());
        }
    }

    @Test
    void aCertificateWithTenThousandSansIsDecidedAndReported() throws Exception {
        try (HostileTlsServer server = serve(new ManySans(10_000)); Phone phone = phone(server)) {
            TlsReport report = phone.connect().get(30, TimeUnit.SECONDS);
            assertFalse(report.established());
            // the leaf alone is about 250 KB: BoringSSL's limit on the Certificate message refuses it
            assertTrue(report.failure().contains("EXCESSIVE_MESSAGE_SIZE"), report.failure());
            assertEquals(null, report.verification(), "the phone never got as far as judging the chain");
        }
    }

    @Test
    void aThousandSansFitTheLimitAndTheNameIsFoundAsTheLast() throws Exception {
        try (HostileTlsServer server = serve(new ManySans(1_000)); Phone phone = phone(server)) {
            TlsReport report = phone.connect().get(30, TimeUnit.SECONDS);
            assertTrue(report.established(), "pbx.sip.test is SAN number 1000: " + report.failure());
            int size = report.peerChain().get(0).getEncoded().length;
            assertTrue(size > 10_000 && size < 100 * 1024, "a leaf of " + size + " bytes, under the Certificate limit");
        }
    }

    @Test
    void aHeaderThatNeverEndsStopsAtTheMessageLimit() throws Exception {
        int endless = 4 << 20;
        try (HostileTlsServer server = serve(new EndlessHeader(endless)); Phone phone = phone(server)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            ExecutionException e = assertThrows(ExecutionException.class, () -> phone.register().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("exceeds the limit of 65536 bytes without an empty line"),
                    e.getCause().getMessage());
            assertTrue(closes(phone), "the phone closes a stream it can no longer frame");
            assertTrue(server.bytesWritten() < endless, "the phone stopped reading: " + server.bytesWritten());
        }
    }

    @Test
    void garbageAfterTheHandshakeIsAFramingErrorNotACrash() throws Exception {
        try (HostileTlsServer server = serve(new GarbageAfterHandshake(4096, 7)); Phone phone = phone(server)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            long started = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class, () -> phone.register().get(10, TimeUnit.SECONDS));
            assertTrue(mentions(e.getCause(), "not a SIP start line: control byte"), e.getCause().toString());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3),
                    "refused at the first line, before Timer F (3 s here) would end the REGISTER");
            assertTrue(closes(phone));
        }
    }

    @Test
    void aFaultThatIsNotHostileIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostileTlsServer.builder(new TinyRecords(1)).issuer(PKI.get(FixtureName.TEST_ROOT))
                        .eventLoopGroup(LOOPS).build());
        assertTrue(e.getMessage().startsWith("hostile server: tiny-records is not a hostile server fault"), e.getMessage());
    }
}

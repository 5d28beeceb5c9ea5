package io.sipshield.harness.mock.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.fault.CloseConnection;
import io.sipshield.emulator.fault.CoalescedMessages;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.RestartServer;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.fault.Stall;
import io.sipshield.emulator.fault.TinyRecords;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.sip.DigestAuthenticator;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.ua.FlowInterruption;
import io.sipshield.emulator.ua.ReconnectPolicy;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.TransactionTimeoutException;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each connection fault of the vocabulary against a real phone on TLS loopback: the mock plays it,
 * the phone recovers (RFC 5626 §4.4-4.5) or reports a clear timeout, and never hangs.
 */
@Timeout(60)
class ConnectionFaultsTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final ReconnectPolicy FAST = ReconnectPolicy.of(Duration.ofMillis(100), Duration.ofSeconds(1));

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk mock(ServerFault... faults) {
        return MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .faults(List.of(faults))
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    private static Phone phone(MockAsterisk pbx, ReconnectPolicy policy, Duration transactionTimeout) {
        return Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .reconnect(policy)
                .transactionTimeout(transactionTimeout)
                .build(), LOOPS);
    }

    private static void connect(Phone phone) throws Exception {
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
    }

    @Test
    void aConnectionClosedMidRegisterIsReconnectedAndRegisteredAgain() throws Exception {
        try (MockAsterisk pbx = mock(CloseConnection.at(FaultMoment.ON_REGISTER));
             Phone phone = phone(pbx, FAST, Duration.ofSeconds(5))) {
            connect(phone);
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> phone.register().get(10, TimeUnit.SECONDS));
            assertInstanceOf(java.nio.channels.ClosedChannelException.class, failed.getCause());

            FlowInterruption recovery = phone.awaitRecovery(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertTrue(recovery.recovered(), recovery.toString());
            assertEquals("closed by the server", recovery.cause());
            assertEquals(1, recovery.attempts());
            assertTrue(phone.connected());
            assertTrue(pbx.registrar().lookup("101").isPresent(), "the mock's registrar has the phone again");
            assertEquals(2, pbx.tlsConnections().size(), "a second connection after the close");
            assertEquals(1, pbx.faultJournal().entries(CloseConnection.NAME).size());
            assertEquals(List.of(recovery), phone.flowInterruptions());
        }
    }

    @Test
    void aConnectionClosedMidCallEndsTheCallAndThePhoneRegistersAgain() throws Exception {
        CloseConnection inCall = new CloseConnection(FaultMoment.IN_CALL, Duration.ofMillis(300), 1, false);
        try (MockAsterisk pbx = mock(inCall);
             Phone phone = phone(pbx, FAST, Duration.ofSeconds(5))) {
            connect(phone);
            assertTrue(phone.register().get(10, TimeUnit.SECONDS).registered());
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertTrue(call.answered());

            FlowInterruption recovery = phone.awaitRecovery(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertEquals(1, recovery.callsEnded(), recovery.toString());
            assertEquals("connection lost: closed by the server", call.endCause().orElseThrow());
            assertTrue(pbx.registrar().lookup("101").isPresent());
            assertTrue(pbx.activeChannels().channels().isEmpty(), "the mock ended its leg of the call too");
            // the phone works again: a new call over the new connection
            Call again = phone.call("600").get(10, TimeUnit.SECONDS);
            assertTrue(again.answered());
            assertEquals(200, again.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aResetConnectionIsRecoveredAndNamedAsAReset() throws Exception {
        CloseConnection reset = new CloseConnection(FaultMoment.AFTER_REGISTER, Duration.ZERO, 1, true);
        try (MockAsterisk pbx = mock(reset);
             Phone phone = phone(pbx, FAST, Duration.ofSeconds(5))) {
            connect(phone);
            assertTrue(phone.register().get(10, TimeUnit.SECONDS).registered());
            FlowInterruption recovery = phone.awaitRecovery(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertTrue(recovery.cause().startsWith("reset by the server"), recovery.cause());
            assertTrue(pbx.faultJournal().entries(CloseConnection.NAME).get(0).detail().contains("TCP RST"));
            assertTrue(pbx.registrar().lookup("101").isPresent());
        }
    }

    @Test
    void withoutAReconnectPolicyADroppedConnectionStaysDropped() throws Exception {
        try (MockAsterisk pbx = mock(new CloseConnection(FaultMoment.AFTER_REGISTER, Duration.ZERO, 1, false));
             Phone phone = phone(pbx, ReconnectPolicy.NONE, Duration.ofSeconds(5))) {
            connect(phone);
            assertTrue(phone.register().get(10, TimeUnit.SECONDS).registered());
            waitUntil(() -> !phone.flowInterruptions().isEmpty(), Duration.ofSeconds(10));
            FlowInterruption drop = phone.flowInterruptions().get(0);
            assertTrue(drop.gaveUp(), drop.toString());
            assertEquals(0, drop.attempts());
            assertFalse(phone.connected());
            assertEquals(1, pbx.tlsConnections().size(), "no second connection");
        }
    }

    @Test
    void oneByteRecordsStillCarryARegisterAndACall() throws Exception {
        try (MockAsterisk pbx = mock(new TinyRecords(1));
             Phone phone = phone(pbx, ReconnectPolicy.NONE, Duration.ofSeconds(10))) {
            connect(phone);
            RegistrationResult registration = phone.register().get(20, TimeUnit.SECONDS);
            assertTrue(registration.registered());
            Call call = phone.call("600").get(20, TimeUnit.SECONDS);
            assertTrue(call.answered() && call.hasMedia());
            assertEquals(200, call.hangup().get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void oneByteRecordsAreOneRecordPerByteOnTheWire() throws Exception {
        try (MockAsterisk pbx = mock(new TinyRecords(1));
             RecordCountingClient client = new RecordCountingClient(pbx.address(), LOOPS)) {
            client.send(register(client, null, 1));
            Response challenge = client.nextResponse(10);
            assertNotNull(challenge);
            assertEquals(401, challenge.getStatusCode());
            assertTrue(client.plaintextBytes() > 200, "a whole 401 arrived: " + client.plaintextBytes());
            assertEquals(client.plaintextBytes(), client.applicationRecords(), "one record per byte");
        }
    }

    @Test
    void withoutTinyRecordsAResponseIsOneRecord() throws Exception {
        try (MockAsterisk pbx = mock(new Stall(FaultMoment.ON_INVITE, Duration.ZERO));
             RecordCountingClient client = new RecordCountingClient(pbx.address(), LOOPS)) {
            client.send(register(client, null, 1));
            assertEquals(401, client.nextResponse(10).getStatusCode());
            assertEquals(1, client.applicationRecords(), "the control: the 401 in one record");
        }
    }

    @Test
    void aHundredOptionsWrittenTogetherAreAllAnswered() throws Exception {
        try (MockAsterisk pbx = mock(new CoalescedMessages(100));
             Phone phone = phone(pbx, ReconnectPolicy.NONE, Duration.ofSeconds(5))) {
            connect(phone);
            assertTrue(phone.register().get(10, TimeUnit.SECONDS).registered());
            waitUntil(() -> pbx.faultJournal().coalescedAnswered() == 100, Duration.ofSeconds(10));
            assertEquals(100, pbx.faultJournal().coalescedSent());
            assertEquals(100, pbx.faultJournal().coalescedAnswered(), "the mock got 100 answers");
            assertEquals(100, phone.inboundRequests().stream().filter(r -> r.is("OPTIONS")).count());
        }
    }

    @Test
    void coalescedMessagesThatFitOneRecordArriveInOneRecord() throws Exception {
        try (MockAsterisk pbx = mock(new CoalescedMessages(20));
             RecordCountingClient client = new RecordCountingClient(pbx.address(), LOOPS)) {
            client.send(register(client, null, 1));
            Response challenge = client.nextResponse(10);
            assertEquals(401, challenge.getStatusCode());
            client.send(register(client, challenge, 2));
            assertEquals(200, client.nextResponse(10).getStatusCode());
            for (int i = 0; i < 20; i++) {
                assertNotNull(client.nextRequest(10), "OPTIONS " + (i + 1) + " of 20");
            }
            assertEquals(3, client.applicationRecords(), "one record each: the 401, the 200, and all 20 OPTIONS");
            assertTrue(pbx.faultJournal().entries(CoalescedMessages.NAME).get(0).detail().endsWith("1 TLS record"));
        }
    }

    @Test
    void aStalledServerEndsTheRegisterWithATimeoutThatSaysWhatItWaitedFor() throws Exception {
        try (MockAsterisk pbx = mock(new Stall(FaultMoment.ON_REGISTER, Duration.ZERO));
             Phone phone = phone(pbx, ReconnectPolicy.NONE, Duration.ofMillis(500))) {
            connect(phone);
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> phone.register().get(10, TimeUnit.SECONDS));
            TransactionTimeoutException timeout = assertInstanceOf(TransactionTimeoutException.class, failed.getCause());
            assertEquals("no final response to REGISTER within 500 ms (Timer F, RFC 3261 §17.1.2.2)",
                    timeout.getMessage());
            assertEquals(1, pbx.faultJournal().entries(Stall.NAME).size());
        }
    }

    @Test
    void aStalledServerIsRetriedWithBackoffUntilThePolicyGivesUp() throws Exception {
        ReconnectPolicy twice = ReconnectPolicy.of(Duration.ofMillis(50), Duration.ofMillis(200)).withMaxAttempts(2);
        try (MockAsterisk pbx = mock(new Stall(FaultMoment.ON_REGISTER, Duration.ZERO));
             Phone phone = phone(pbx, twice, Duration.ofMillis(300))) {
            connect(phone);
            assertThrows(ExecutionException.class, () -> phone.register().get(10, TimeUnit.SECONDS));
            waitUntil(() -> !phone.flowInterruptions().isEmpty() && phone.flowInterruptions().get(0).gaveUp(),
                    Duration.ofSeconds(10));
            FlowInterruption interruption = phone.flowInterruptions().get(0);
            assertTrue(interruption.cause().startsWith("no final response to REGISTER within 300 ms"),
                    interruption.cause());
            assertEquals(2, interruption.attempts());
            assertTrue(interruption.lastFailure().startsWith("no final response to REGISTER"), interruption.lastFailure());
            assertEquals(3, pbx.tlsConnections().size(), "the first connection and two attempts");
        }
    }

    @Test
    void aRestartedServerLosesItsRegistrationsAndEveryPhoneComesBack() throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .faults(List.of(new RestartServer(Duration.ofMillis(500), Duration.ofMillis(300))))
                .port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = phone(pbx, FAST, Duration.ofSeconds(5))) {
            int port = pbx.address().getPort();
            connect(phone);
            assertTrue(phone.register().get(10, TimeUnit.SECONDS).registered());
            FlowInterruption recovery = phone.awaitRecovery(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertTrue(recovery.recovered());
            assertTrue(recovery.downtime().compareTo(Duration.ofMillis(250)) >= 0,
                    "nothing listened for 300 ms: " + recovery);
            assertEquals(port, pbx.address().getPort(), "the same port");
            assertTrue(pbx.registrar().lookup("101").isPresent());
            assertEquals(2, pbx.faultJournal().entries(RestartServer.NAME).stream()
                    .filter(e -> e.detail().startsWith("closed every") || e.detail().startsWith("listening again"))
                    .count());
        }
    }

    /** An unauthenticated REGISTER, or one answering {@code challenge}. */
    private static Request register(RecordCountingClient client, Response challenge, long cseq) {
        SipMessages messages = new SipMessages();
        String host = client.localAddress().getAddress().getHostAddress();
        String uri = "sip:pbx.sip.test";
        var builder = messages.request(Request.REGISTER, uri)
                .from("sip:101@pbx.sip.test", "reg-tag")
                .to("sip:101@pbx.sip.test")
                .callId("records-" + host + "-" + client.localAddress().getPort())
                .cseq(cseq)
                .via(host, client.localAddress().getPort(), "TLS")
                .branch("z9hG4bK-records-" + cseq)
                .contact("sip:101@" + host + ":" + client.localAddress().getPort() + ";transport=tls")
                .header("Expires", "300");
        if (challenge != null) {
            String value = ((WWWAuthenticateHeader) challenge.getHeader(WWWAuthenticateHeader.NAME)).toString()
                    .substring(WWWAuthenticateHeader.NAME.length() + 1).trim();
            builder.header("Authorization", DigestAuthenticator.authorize(value, "101", "pass101", Request.REGISTER, uri));
        }
        return builder.build();
    }

    private static void waitUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}

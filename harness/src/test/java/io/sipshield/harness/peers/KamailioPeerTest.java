package io.sipshield.harness.peers;

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
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.AnswerMode;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.IncomingCall;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.Quirk;
import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.tls.TlsAlert;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.InboundRequest;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.SipTrace;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Emulated phones against a real Kamailio 5.x (Debian {@code kamailio}, {@code kamailio-tls-modules})
 * over TLS on 127.0.0.1: digest registration, calls between two phones with SDES-SRTP end to end,
 * persistent TLS with {@code tcp_no_connect=yes}, and the three client-certificate modes of its
 * tls.cfg, whose alerts come from OpenSSL's server side ({@code ssl/statem/statem_srvr.c}).
 * Missing packages fail this class in CI and skip it elsewhere ({@link PeerPackages}).
 */
@Tag("slow")
@Timeout(90)
class KamailioPeerTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    /** No shipped profile offers TLS 1.3: a phone offering it alone, presenting a certificate when asked. */
    private static final DeviceProfile TLS13_PHONE = new DeviceProfile("test-phone-TLSv1.3", "sipshield-test-phone",
            List.of("TLSv1.3"), List.of(), EnumSet.of(Quirk.FACTORY_DEVICE_CERTIFICATE), "test",
            SrtpPolicy.ALGO_STANDARD);

    @AfterAll
    static void stopLoops() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static KamailioPeer kamailio(ClientCertificateMode mode) throws Exception {
        return KamailioPeer.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .account("101", "pass101")
                .account("102", "pass102")
                .clientCertificates(mode, List.of(PKI.get(FixtureName.ALGO_ROOT).certificate()))
                .start();
    }

    private static Phone phone(KamailioPeer kamailio, DeviceProfile profile, String user, AnswerMode answer,
                               FixtureName clientCertificate) {
        PhoneSettings.Builder settings = PhoneSettings.builder()
                .account(user, "pass" + user)
                .serverHost("pbx.sip.test")
                .serverAddress(kamailio.tlsAddress())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .answerMode(answer);
        if (clientCertificate != null) {
            IssuedCertificate issued = PKI.get(clientCertificate);
            settings.clientCredentials(new ClientCredentials(issued.privateKey(), issued.chainWithoutRoot()));
        }
        return Phone.create(profile, settings.build(), LOOPS);
    }

    private static Phone connected(KamailioPeer kamailio, String user, AnswerMode answer) throws Exception {
        Phone phone = phone(kamailio, DeviceProfiles.DIGIUM_D6X_2_9_2, user, answer, null);
        TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
        assertTrue(tls.established(), () -> "TLS to Kamailio: " + tls + "\n" + log(kamailio));
        return phone;
    }

    private static String log(KamailioPeer kamailio) {
        return "--- kamailio ---\n" + String.join("\n", kamailio.lastLines(40));
    }

    private static List<String> firstLines(Phone phone, SipTrace.Direction direction) {
        return phone.trace().entries().stream().filter(e -> e.direction() == direction)
                .map(SipTrace.Entry::firstLine).toList();
    }

    @Test
    void aPhoneRegistersWithDigestAuthentication401Then200() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.NONE);
             Phone phone = connected(kamailio, "101", AnswerMode.AUTO)) {
            RegistrationResult registered = phone.register().get(10, TimeUnit.SECONDS);
            assertEquals(200, registered.status(), () -> log(kamailio));
            // www_challenge() answers the first REGISTER 401 with a WWW-Authenticate for realm $td;
            // pv_www_authenticate() accepts the retry against the htable password, save() answers 200
            List<String> received = firstLines(phone, SipTrace.Direction.RECEIVED);
            assertTrue(received.get(0).startsWith("SIP/2.0 401"), received::toString);
            assertTrue(received.get(1).startsWith("SIP/2.0 200"), received::toString);
            assertTrue(phone.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                    && e.text().contains("realm=\"pbx.sip.test\"")), "the realm is the To domain");
        }
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndNeverRegisters() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.NONE);
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "wrong").serverHost("pbx.sip.test").serverAddress(kamailio.tlsAddress())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            RegistrationResult refused = phone.register().get(10, TimeUnit.SECONDS);
            // pv_www_authenticate() fails on the wrong response, so www_challenge() sends a fresh 401
            assertEquals(401, refused.status(), () -> log(kamailio));
            assertFalse(refused.registered());
        }
    }

    @Test
    void twoPhonesCallEachOtherThroughKamailioWithSrtpBothWays() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.NONE);
             Phone alice = connected(kamailio, "101", AnswerMode.AUTO);
             Phone bob = connected(kamailio, "102", AnswerMode.MANUAL)) {
            assertEquals(200, alice.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            CompletableFuture<Call> calling = alice.call("102");
            IncomingCall ringing = bob.nextIncomingCall(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            Call incoming = ringing.answer().get(10, TimeUnit.SECONDS);
            Call outgoing = calling.get(10, TimeUnit.SECONDS);
            // proxy_challenge() made alice authenticate the INVITE (407) before lookup() found bob
            assertTrue(firstLines(alice, SipTrace.Direction.RECEIVED).stream().anyMatch(l -> l.startsWith("SIP/2.0 407")),
                    () -> firstLines(alice, SipTrace.Direction.RECEIVED).toString());
            assertEquals(200, outgoing.status(), () -> log(kamailio));
            // Kamailio relays the SDP untouched: both ends agreed SDES-SRTP between themselves
            assertEquals("RTP/SAVP", outgoing.mediaProfile());
            assertEquals("RTP/SAVP", incoming.mediaProfile());

            ToneDetector bobHears = ToneDetector.builder().frequency(1000).build();
            ToneDetector aliceHears = ToneDetector.builder().frequency(2000).build();
            incoming.addSink(bobHears);
            outgoing.addSink(aliceHears);
            CompletableFuture<?> fromAlice = outgoing.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(600));
            CompletableFuture<?> fromBob = incoming.sendMedia(ToneSource.builder().frequency(2000).build(),
                    Duration.ofMillis(600));
            fromAlice.get(10, TimeUnit.SECONDS);
            fromBob.get(10, TimeUnit.SECONDS);
            assertTrue(bobHears.report().present(), "bob hears alice's 1 kHz: " + bobHears.report());
            assertTrue(aliceHears.report().present(), "alice hears bob's 2 kHz: " + aliceHears.report());
            assertEquals(0, outgoing.mediaStats().authFailures() + incoming.mediaStats().authFailures(),
                    "every SRTP packet authenticates with the keys the other phone offered");
            // the BYE has no Route (the phones keep no route set): Kamailio relays it to bob's Contact
            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS), () -> log(kamailio));
        }
    }

    @Test
    void theInviteReachesTheCalleeOverItsOwnConnectionThoughKamailioCannotConnect() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.NONE);
             Phone alice = connected(kamailio, "101", AnswerMode.AUTO);
             Phone bob = connected(kamailio, "102", AnswerMode.MANUAL)) {
            assertTrue(kamailio.config().kamailioCfg(kamailio.config().certificateFile()).contains("tcp_no_connect=yes"));
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            alice.call("102");
            InboundRequest invite = bob.awaitRequest("INVITE", Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            // bob has no listener and Kamailio may not connect (tcp_no_connect): the INVITE can only have
            // come down bob's registered connection, whose source fix_nated_register() stored
            assertNotNull(invite);
            assertTrue(bob.connected());
            assertTrue(firstLines(bob, SipTrace.Direction.RECEIVED).stream().anyMatch(l -> l.startsWith("INVITE sip:102@")),
                    () -> firstLines(bob, SipTrace.Direction.RECEIVED).toString());
            IncomingCall ringing = bob.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            ringing.reject(486).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCalleeWhoseConnectionIsGoneCannotBeReachedBecauseKamailioMayNotConnect() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.NONE);
             Phone alice = connected(kamailio, "101", AnswerMode.AUTO)) {
            try (Phone bob = connected(kamailio, "102", AnswerMode.AUTO)) {
                assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            }
            // the binding stays (3600 s) but its connection is closed; tcp_no_connect=yes forbids a new
            // one, so t_relay() fails at once and sl_reply_error() answers the caller with an error
            Call failed = alice.call("102").get(15, TimeUnit.SECONDS);
            assertFalse(failed.answered());
            assertTrue(failed.status() >= 400 && failed.status() != 404 && failed.status() != 407,
                    () -> "status " + failed.status() + "\n" + log(kamailio));
            assertTrue(kamailio.logged("cannot relay INVITE"), () -> log(kamailio));
        }
    }

    @Test
    void optionalModeLetsAPhoneWithoutACertificateRegister() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.OPTIONAL);
             Phone phone = phone(kamailio, DeviceProfiles.ALGO_8301_3_1, "101", AnswerMode.AUTO, null)) {
            // verify_certificate=yes without require_certificate: OpenSSL sends a CertificateRequest
            // but accepts an empty Certificate (SSL_VERIFY_PEER without FAIL_IF_NO_PEER_CERT)
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established(), () -> log(kamailio));
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void requiredModeLetsAPhoneWithATrustedCertificateRegister() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.REQUIRED);
             Phone phone = phone(kamailio, DeviceProfiles.ALGO_8301_3_1, "101", AnswerMode.AUTO,
                     FixtureName.ALGO_DEVICE)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established(), () -> log(kamailio));
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void requiredModeRefusesAPhoneWithoutACertificateWithHandshakeFailureOnTls12() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.REQUIRED);
             Phone phone = phone(kamailio, DeviceProfiles.ALGO_8301_3_1, "101", AnswerMode.AUTO, null)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            // TLS 1.2: OpenSSL's tls_process_client_certificate() sees an empty Certificate with
            // FAIL_IF_NO_PEER_CERT and sends handshake_failure (40) before its Finished
            assertFalse(tls.established(), tls::toString);
            assertNotNull(tls.alert(), tls::toString);
            assertEquals(40, tls.alert().code(), tls::toString);
            assertEquals(TlsAlert.Sender.SERVER, tls.alert().sender());
            assertTrue(kamailio.logged("peer did not return a certificate"), () -> log(kamailio));
        }
    }

    @Test
    void requiredModeRefusesAPhoneWithoutACertificateWithCertificateRequiredOnTls13AfterItsHandshake() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.REQUIRED);
             Phone phone = phone(kamailio, TLS13_PHONE, "101", AnswerMode.AUTO, null)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            // TLS 1.3: the client's Finished goes with its (empty) Certificate, so the phone's handshake
            // is complete before the server judges it; the alert comes on the first read after it
            assertTrue(tls.established(), tls::toString);
            assertEquals("TLSv1.3", tls.protocol());
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> phone.register().get(10, TimeUnit.SECONDS));
            TlsAlert alert = TlsAlert.receivedFrom(refused.getCause()).orElse(null);
            assertNotNull(alert, () -> "the first read names the alert: " + refused.getCause());
            assertEquals(116, alert.code(), alert::toString);
            assertEquals(TlsAlert.Sender.SERVER, alert.sender());
            assertFalse(phone.connected(), "OpenSSL closed the connection after the alert");
            assertTrue(firstLines(phone, SipTrace.Direction.RECEIVED).isEmpty(), "no SIP came back");
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedWithUnknownCa() throws Exception {
        for (ClientCertificateMode mode : List.of(ClientCertificateMode.OPTIONAL, ClientCertificateMode.REQUIRED)) {
            try (KamailioPeer kamailio = kamailio(mode);
                 Phone phone = phone(kamailio, DeviceProfiles.ALGO_8301_3_1, "101", AnswerMode.AUTO,
                         FixtureName.CLIENT_UNTRUSTED_CA)) {
                TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
                // other-root is not in ca_list: X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, which
                // OpenSSL's ssl_verify_alert_type() sends as unknown_ca (48), in either verifying mode
                assertFalse(tls.established(), mode + ": " + tls);
                assertNotNull(tls.alert(), mode + ": " + tls);
                assertEquals(48, tls.alert().code(), mode + ": " + tls);
                assertEquals(TlsAlert.Sender.SERVER, tls.alert().sender());
            }
        }
    }

    @Test
    void noneModeDoesNotAskForTheCertificateAPhoneHolds() throws Exception {
        try (KamailioPeer kamailio = kamailio(ClientCertificateMode.NONE);
             Phone phone = phone(kamailio, DeviceProfiles.ALGO_8301_3_1, "101", AnswerMode.AUTO,
                     FixtureName.CLIENT_UNTRUSTED_CA)) {
            // verify_certificate=no: no CertificateRequest, so even an untrusted certificate is never sent
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established(), () -> log(kamailio));
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void aMissingCaListForAVerifyingModeIsRefusedBeforeLaunch() {
        KamailioPeer.Builder builder = KamailioPeer.builder().certificate(PKI.get(FixtureName.PBX_SERVER))
                .clientCertificates(ClientCertificateMode.REQUIRED, List.of());
        IllegalStateException refused = assertThrows(IllegalStateException.class, builder::start);
        assertTrue(refused.getMessage().contains("REQUIRED"), refused.getMessage());
    }
}

package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pjsip show ...} of a real mock on loopback, with an emulated phone registered over TLS. */
@Timeout(60)
class PjsipIntrospectionTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @TempDir
    Path dir;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk pbx() {
        return MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES)
                        .withAor(MockAor.onePhone().withQualifyFrequency(1)))
                .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.NO))
                .method(TlsMethod.TLSV1_2)
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    private static Phone registered(MockAsterisk pbx) throws Exception {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .build(), LOOPS);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
        assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        return phone;
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void aRegisteredPhoneIsAnAvailContactWithItsQualifyRoundTripAndItsEndpointIsNotInUse() throws Exception {
        try (MockAsterisk pbx = pbx(); Phone phone = registered(pbx)) {
            PjsipIntrospection show = pbx.show();
            eventually(() -> show.contacts().stream().anyMatch(c -> c.status() == Registrar.Availability.Avail),
                    "the contact answers qualify: " + show.contacts());
            List<ContactView> contacts = show.contacts();
            assertEquals(1, contacts.size(), contacts.toString());
            ContactView contact = contacts.get(0);
            assertEquals("101", contact.aor());
            assertEquals(PjsipIntrospection.md5(contact.uri()), contact.hash());
            assertNotNull(contact.rttMillis());
            assertTrue(contact.rttMillis() >= 0, contact.toString());

            EndpointView e101 = show.endpoint("101").orElseThrow();
            assertEquals(EndpointState.NOT_IN_USE, e101.state());
            assertEquals(0, e101.channels());
            assertEquals(List.of(contact), e101.contacts());
            assertEquals("sdes", e101.mediaEncryption());
            assertEquals(List.of("ulaw"), e101.allow());
            assertEquals("transport-tls", e101.transport());
            EndpointView e102 = show.endpoint("102").orElseThrow();
            assertEquals(EndpointState.UNAVAILABLE, e102.state());
            assertEquals(List.of(), e102.contacts());
            assertEquals(List.of("101", "102"), show.endpoints().stream().map(EndpointView::id).toList());
            assertEquals(Optional.empty(), show.endpoint("103"));

            assertEquals(List.of(new AorView("101", 1, 1, List.of(contact)), new AorView("102", 1, 0, List.of())),
                    show.aors());

            String text = new PjsipCliRenderer().contacts(show.contacts());
            assertTrue(text.contains("  Contact:  101/" + contact.uri()), text);
            assertTrue(text.contains(contact.hash().substring(0, 10) + " Avail"), text);
        }
    }

    @Test
    void anOpenChannelMakesTheEndpointInUseUntilItCloses() throws Exception {
        try (MockAsterisk pbx = pbx(); Phone phone = registered(pbx)) {
            eventually(() -> pbx.show().endpoint("101").orElseThrow().state() == EndpointState.NOT_IN_USE,
                    "101 is reachable once its contact answers qualify");
            pbx.activeChannels().opened("101", "call-1@test");
            EndpointView inCall = pbx.show().endpoint("101").orElseThrow();
            assertEquals(EndpointState.IN_USE, inCall.state());
            assertEquals(1, inCall.channels());
            pbx.activeChannels().closed("call-1@test");
            assertEquals(EndpointState.NOT_IN_USE, pbx.show().endpoint("101").orElseThrow().state());
        }
    }

    @Test
    void aRealCallOpensAChannelOnTheCallersEndpointAndItsByeClosesIt() throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = registered(pbx)) {
            assertEquals(0, pbx.show().endpoint("101").orElseThrow().channels());
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            EndpointView inCall = pbx.show().endpoint("101").orElseThrow();
            assertEquals(1, inCall.channels(), inCall.toString());
            assertEquals(EndpointState.IN_USE, inCall.state());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
            eventually(() -> pbx.show().endpoint("101").orElseThrow().channels() == 0, "the BYE closes the channel");
        }
    }

    @Test
    void aRefusedCallLeavesNoChannelOpen() throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("604", DialplanApp.BUSY)
                .port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = registered(pbx)) {
            assertEquals(486, phone.call("604").get(10, TimeUnit.SECONDS).status());
            // the mock hangs the channel up right after writing the 486, on its own event loop
            eventually(() -> pbx.show().endpoint("101").orElseThrow().channels() == 0, "the refusal closes the channel");
            assertEquals(List.of(), pbx.activeChannels().channels());
        }
    }

    @Test
    void aContactThatHasNotAnsweredQualifyYetLeavesTheEndpointUnavailableUnlessItHasAChannel() {
        ContactView pending = new ContactView("101", "sip:101@127.0.0.1:1", "00", Registrar.Availability.Unknown, null);
        ContactView unanswered = new ContactView("101", "sip:101@127.0.0.1:1", "00", Registrar.Availability.Unavail, null);
        ContactView unqualified = new ContactView("101", "sip:101@127.0.0.1:1", "00", Registrar.Availability.NonQual, null);
        assertEquals(false, pending.reachable());
        assertEquals(false, unanswered.reachable());
        assertEquals(true, unqualified.reachable());
        assertEquals(EndpointState.UNAVAILABLE, EndpointState.of(false, 0, 0));
        assertEquals(EndpointState.IN_USE, EndpointState.of(false, 1, 0));
        assertEquals(EndpointState.BUSY, EndpointState.of(true, 2, 2));
        assertEquals(Optional.of(EndpointState.NOT_IN_USE), EndpointState.fromAsteriskName("not in use"));
        assertEquals(Optional.empty(), EndpointState.fromAsteriskName("Idle"));
    }

    @Test
    void whenThePhonesConnectionClosesItsContactGoesAndTheEndpointIsUnavailable() throws Exception {
        try (MockAsterisk pbx = pbx()) {
            try (Phone phone = registered(pbx)) {
                assertEquals(1, pbx.show().contacts().size());
            }
            eventually(() -> pbx.show().contacts().isEmpty(), "the contact goes with its connection");
            assertEquals(EndpointState.UNAVAILABLE, pbx.show().endpoint("101").orElseThrow().state());
        }
    }

    @Test
    void theTransportShowsTheBoundAddressAndTheTlsOptions() {
        try (MockAsterisk pbx = pbx()) {
            TransportView transport = pbx.show().transports().get(0);
            assertEquals("transport-tls", transport.id());
            assertEquals("tls", transport.protocol());
            assertEquals("127.0.0.1:" + pbx.address().getPort(), transport.bindAddress());
            assertEquals("tlsv1_2", transport.method());
            assertEquals(List.of(), transport.ciphers());
            assertEquals(false, transport.verifyClient());
            assertEquals(false, transport.requireClientCert());
            assertEquals(PKI.get(FixtureName.PBX_SERVER).certificate().getSubjectX500Principal().getName(),
                    transport.certSubject());
            assertEquals(Optional.of(transport), pbx.show().transport("transport-tls"));
            assertEquals(Optional.empty(), pbx.show().transport("transport-udp"));
        }
    }

    @Test
    void theMethodIsTheConfiguredOneElseTheOneMatchingTheAcceptedVersions() {
        assertEquals("default", PjsipIntrospection.methodName(TlsMethod.DEFAULT, List.of("TLSv1")));
        assertEquals("tlsv1", PjsipIntrospection.methodName(null, List.of("TLSv1")));
        assertEquals("tlsv1_2", PjsipIntrospection.methodName(null, List.of("TLSv1.2")));
        assertEquals("sslv23", PjsipIntrospection.methodName(null, List.of("TLSv1.2", "TLSv1.3")));
        assertEquals("TLSv1.1,TLSv1.2", PjsipIntrospection.methodName(null, List.of("TLSv1.1", "TLSv1.2")));
    }

    @Test
    void aBlankTransportNameIsRefused() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MockAsterisk.builder().transportName(" "));
        assertTrue(refused.getMessage().contains("transportName"), refused.getMessage());
    }

    @Test
    void fromPjsipConfTheTransportIsNamedAfterItsSection() throws Exception {
        Path fixtures = Path.of("..", "..", "shared", "fixtures", "asterisk");
        AsteriskTlsFiles.in(Files.createDirectories(dir.resolve("keys")))
                .write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            Files.writeString(dir.resolve(name), Files.readString(fixtures.resolve(name))
                    .replace("@RUN_DIR@", dir.toString()).replace("transport-tls", "tls-phones"));
        }
        MockAsterisk.Builder builder = MockAsteriskConfiguration.load(dir).builder().port(0).eventLoopGroup(LOOPS);
        try (MockAsterisk pbx = builder.build().start()) {
            TransportView transport = pbx.show().transports().get(0);
            assertEquals("tls-phones", transport.id());
            assertEquals("tlsv1_2", transport.method());
            assertEquals(dir.resolve("keys").resolve("asterisk.crt").toString(), transport.certFile());
            assertEquals("tls-phones", pbx.show().endpoint("101").orElseThrow().transport());
        }
    }
}

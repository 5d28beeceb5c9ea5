package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.Pem;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.config.AlgoFirmware;
import io.sipshield.emulator.config.PhoneConfiguration;
import io.sipshield.emulator.config.PhoneConfigurations;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsReport;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Phones built from their vendors' own configuration files, registering against the mock over real TLS. */
@Timeout(60)
class VendorConfigPhoneTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @TempDir
    Path dir;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk.Builder pbx() {
        return MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .port(0)
                .eventLoopGroup(LOOPS);
    }

    /** The phone the file describes; the file's host name is reached on loopback at the file's port. */
    private static Phone phone(PhoneConfiguration config, DeviceProfile fallback) {
        DeviceProfile profile = config.profile().resolve(fallback);
        PhoneSettings settings = config.applyTo(PhoneSettings.builder(), InetAddress.getLoopbackAddress()).build();
        return Phone.create(profile, settings, LOOPS);
    }

    @Test
    void digiumXmlPhoneRegistersAndCallsWithSrtp() throws Exception {
        try (MockAsterisk pbx = pbx().build().start()) {
            Files.writeString(dir.resolve("ca.pem"), PKI.get(FixtureName.TEST_ROOT).certificatePem());
            Path xml = Files.writeString(dir.resolve("phone.xml"), "<?xml version=\"1.0\"?>\n<config>\n"
                    + "<setting id=\"config_server_url\" value=\"sip:proxy@pbx.sip.test:" + pbx.address().getPort()
                    + ";transport=tls\"/>\n<setting id=\"transport_tls_allowed\" value=\"1\"/>\n<accounts>\n"
                    + "<account index=\"0\" status=\"1\" register=\"1\" account_id=\"101\" username=\"101\" authname=\"101\""
                    + " password=\"pass101\">\n<host_primary server=\"pbx.sip.test\" port=\"" + pbx.address().getPort()
                    + "\" transport=\"tls\" media_encryption=\"sdes\"/>\n</account>\n</accounts>\n"
                    + "<certs><cert file=\"ca.pem\"/></certs>\n</config>\n");
            PhoneConfiguration config = PhoneConfigurations.read(xml);
            try (Phone phone = phone(config, DeviceProfiles.DIGIUM_D65_2_9_2)) {
                assertEquals("digium-d65@2_9_2", phone.profile().name());
                TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
                assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
                assertEquals(0, tls.verification().bitmask());
                assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
                assertTrue(pbx.registrar().lookup("101").isPresent());
                Call call = phone.call("600").get(10, TimeUnit.SECONDS);
                assertEquals(200, call.status());
                assertEquals("RTP/SAVP", call.mediaProfile(), "media_encryption=sdes: the D-Series offers RTP/SAVP");
                assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void digiumXmlWithoutTheCaDropsTheServer() throws Exception {
        try (MockAsterisk pbx = pbx().build().start()) {
            Path xml = Files.writeString(dir.resolve("phone.xml"), "<config><accounts><account index=\"0\" username=\"101\""
                    + " password=\"pass101\"><host_primary server=\"pbx.sip.test\" port=\"" + pbx.address().getPort()
                    + "\" transport=\"tls\"/></account></accounts></config>");
            try (Phone phone = phone(PhoneConfigurations.read(xml), DeviceProfiles.DIGIUM_D65_2_9_2)) {
                TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
                assertFalse(tls.established(), "no <certs>: the private CA is not loaded, 2_9_2 validates");
                assertNotEquals(0, tls.verification().bitmask());
            }
        }
    }

    /** An Algo device directory whose config.txt points at the mock's port. */
    private Path algoTree(int port, String srtp) throws Exception {
        Path root = Files.createDirectories(dir.resolve("algo"));
        Files.writeString(root.resolve("config.txt"), "sip.proxy = pbx.sip.test:" + port + "\nsip.u1.user = 101\n"
                + "sip.u1.pwd = pass101\nsip.transport = tls\nsip.tls.validate = 1\nsip.sdp.srtp = " + srtp + "\n");
        return root;
    }

    @Test
    void algo31TreeRegistersWithItsSipclientCertificate() throws Exception {
        try (MockAsterisk pbx = pbx().requireClientCert(true).verifyClient(true)
                .caList(List.of(PKI.get(FixtureName.ALGO_ROOT).certificate())).build().start()) {
            Path root = algoTree(pbx.address().getPort(), "standard");
            Files.createDirectories(root.resolve("certs/trusted"));
            Files.writeString(root.resolve("certs/trusted/pbx-ca.crt"), PKI.get(FixtureName.TEST_ROOT).certificatePem());
            IssuedCertificate device = PKI.get(FixtureName.ALGO_DEVICE);
            Files.writeString(root.resolve("certs/sipclient.pem"), device.certificatePem() + device.privateKeyPem()
                    + Pem.certificates(device.chainWithoutRoot().subList(1, device.chainWithoutRoot().size())));
            PhoneConfiguration config = PhoneConfigurations.read(root,
                    PhoneConfigurations.Options.defaults().withAlgoFirmware(AlgoFirmware.V3_1));
            try (Phone phone = phone(config, DeviceProfiles.DIGIUM_D65_2_9_2)) {
                assertEquals("algo-8301@3.1+sipclient", phone.profile().name());
                TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
                assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
                assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
                TlsConnection connection = pbx.tlsConnections().get(pbx.tlsConnections().size() - 1);
                assertTrue(connection.clientCertificate().contains(FixtureCatalog.ALGO_DEVICE_MAC), connection::toString);
            }
        }
    }

    @Test
    void algoFirmwareDecidesWhichTrustFileCounts() throws Exception {
        try (MockAsterisk pbx = pbx().build().start()) {
            Path root = algoTree(pbx.address().getPort(), "optional");
            Files.createDirectories(root.resolve("certs"));
            Files.writeString(root.resolve("certs/siptrusted.pem"), PKI.get(FixtureName.TEST_ROOT).certificatePem());

            PhoneConfiguration on17 = PhoneConfigurations.read(root,
                    PhoneConfigurations.Options.defaults().withAlgoFirmware(AlgoFirmware.V1_7));
            try (Phone phone = phone(on17, DeviceProfiles.ALGO_8301_3_1)) {
                assertEquals("algo-8301@1.7+srtp-optional", phone.profile().name());
                TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
                assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
                assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            }

            PhoneConfiguration on31 = PhoneConfigurations.read(root,
                    PhoneConfigurations.Options.defaults().withAlgoFirmware(AlgoFirmware.V3_1));
            assertTrue(on31.warnings().stream().anyMatch(w -> w.message().startsWith("ignored by firmware 3.1")));
            try (Phone phone = phone(on31, DeviceProfiles.ALGO_8301_1_7)) {
                TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
                assertFalse(tls.established(), "3.1 ignores siptrusted.pem: the private CA is unknown");
                assertNotEquals(0, tls.verification().bitmask());
            }
        }
    }
}

package io.sipshield.harness.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.emulator.cisco.CiscoMac;
import io.sipshield.emulator.cisco.CiscoProvisioningClient;
import io.sipshield.emulator.cisco.CiscoTrustStore;
import io.sipshield.emulator.cisco.ProvisioningResult;
import io.sipshield.emulator.cisco.ProvisioningTransport;
import io.sipshield.harness.provisioning.ProvisioningRequest.Status;
import io.sipshield.harness.provisioning.ProvisioningRequest.Transport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The emulated Cisco phone's provisioning client against the server, both on one shared event loop. */
@Timeout(60)
class ProvisioningServerCiscoClientTest {

    private static final String CONFIG = "SEP001122334455.cnf.xml";
    private static final byte[] CONFIG_XML = "<device><deviceSecurityMode>1</deviceSecurityMode></device>\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    private EventLoopGroup loops;
    private Path served;

    @BeforeEach
    void setUp() throws Exception {
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        served = Files.createDirectories(temp.resolve("tftpboot"));
        Files.write(served.resolve(CONFIG), CONFIG_XML);
    }

    @AfterEach
    void tearDown() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private CiscoProvisioningClient.Builder phone() throws Exception {
        return CiscoProvisioningClient.builder()
                .trustStore(CiscoTrustStore.open(temp.resolve("state"), CiscoMac.parse("00:11:22:33:44:55")))
                .server("127.0.0.1").serverAddress(InetAddress.getLoopbackAddress()).eventLoops(loops)
                .timeout(Duration.ofSeconds(5));
    }

    @Test
    void aPhoneWithoutTrustListsAsksInItsOrderOverHttpAndGetsItsConfig() throws Exception {
        try (ProvisioningServer server = ProvisioningServer.builder().directory(served).bindAddress("127.0.0.1")
                .httpPort(0).withoutTftp().eventLoopGroup(loops).build().start()) {
            ProvisioningResult result = phone().httpPort(server.httpAddress().getPort()).build()
                    .provision().get(30, TimeUnit.SECONDS);

            assertArrayEquals(CONFIG_XML, result.config().orElseThrow());
            assertEquals(ProvisioningTransport.HTTP, result.configSource().orElseThrow());
            List<ProvisioningRequest> requests = server.requests();
            assertEquals(List.of("/CTLSEP001122334455.tlv", "/ITLSEP001122334455.tlv", "/ITLFile.tlv", "/" + CONFIG),
                    requests.stream().map(ProvisioningRequest::path).toList());
            assertEquals(List.of(Status.NOT_FOUND, Status.NOT_FOUND, Status.NOT_FOUND, Status.SERVED),
                    requests.stream().map(ProvisioningRequest::status).toList());
        }
    }

    @Test
    void whenHttpIsUnreachableThePhoneFallsBackToTftp() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (ProvisioningServer server = ProvisioningServer.builder().directory(served).bindAddress("127.0.0.1")
                .withoutHttp().tftpPort(0).eventLoopGroup(loops).build().start()) {
            ProvisioningResult result = phone().httpPort(closedPort).tftpPort(server.tftpAddress().getPort())
                    .tftpRetransmission(Duration.ofMillis(500), 3).build().provision().get(30, TimeUnit.SECONDS);

            assertArrayEquals(CONFIG_XML, result.config().orElseThrow());
            assertEquals(ProvisioningTransport.TFTP, result.configSource().orElseThrow());
            // the phone is done when it has sent the last ACK; the server records the transfer when that ACK arrives
            ProvisioningRequest last = null;
            for (int i = 0; i < 4; i++) {
                last = server.takeRequest(Duration.ofSeconds(10));
            }
            assertNotNull(last, "the configuration transfer was not recorded");
            assertEquals(Transport.TFTP, last.transport());
            assertEquals(CONFIG, last.path());
            assertEquals(Status.SERVED, last.status());
            assertEquals(CONFIG_XML.length, last.bytes());
        }
    }
}

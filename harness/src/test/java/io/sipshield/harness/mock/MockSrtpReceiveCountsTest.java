package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.srtp.SrtpStatus;
import io.sipshield.emulator.ua.SipTrace;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mock counts what became of every SRTP packet it received ({@link MockAsterisk#srtpReceived()}):
 * a D-Series' real SRTP stream to Echo() is counted as authenticated, and forged packets sent to the
 * same media port (a valid RTP header, a tag made with no key) as authentication failures, dropped.
 */
@Timeout(60)
class MockSrtpReceiveCountsTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private EventLoopGroup loops;
    private MockAsterisk pbx;

    @BeforeEach
    void start() {
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .port(0)
                .eventLoopGroup(loops)
                .build().start();
    }

    @AfterEach
    void stop() {
        pbx.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Phone phone() {
        return Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .build(), loops);
    }

    /** The mock's RTP port, from the m= line of the 200 OK the phone received for its INVITE. */
    private static int mockMediaPort(Phone phone) {
        Pattern audio = Pattern.compile("m=audio (\\d+) ");
        for (SipTrace.Entry entry : phone.trace().entries()) {
            if (entry.direction() == SipTrace.Direction.RECEIVED && entry.firstLine().startsWith("SIP/2.0 200")
                    && entry.text().contains(" INVITE")) {
                Matcher matcher = audio.matcher(entry.text());
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        throw new AssertionError("no 200 OK with SDP in the phone's trace");
    }

    private static void await(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void theEchoedStreamIsCountedAsAuthenticatedWithNoFailure() throws Exception {
        try (Phone phone = phone()) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            MediaStats media = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(1000))
                    .get(20, TimeUnit.SECONDS);
            await(() -> pbx.srtpReceived().count(SrtpStatus.OK), media.sent());

            assertEquals(media.sent(), pbx.srtpReceived().count(SrtpStatus.OK), "every packet the phone sent");
            assertEquals(0, pbx.srtpReceived().authFailures());
            assertEquals(0, pbx.srtpReceived().rejected());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void forgedPacketsToTheCallsMediaPortAreCountedAsAuthenticationFailures() throws Exception {
        try (Phone phone = phone(); DatagramSocket attacker = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            int port = mockMediaPort(phone);
            for (int i = 0; i < 7; i++) {
                // RTP v2, PCMU, sequence i, a timestamp and SSRC, 160 bytes of payload, then a 10-byte
                // tag that no key made (AES_CM_128_HMAC_SHA1_80)
                ByteBuffer forged = ByteBuffer.allocate(12 + 160 + 10);
                forged.put((byte) 0x80).put((byte) 0).putShort((short) i).putInt(160 * i).putInt(0x5EC0DE);
                byte[] bytes = forged.array();
                for (int b = 12; b < bytes.length; b++) {
                    bytes[b] = (byte) (b * 31 + i);
                }
                attacker.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            }
            await(() -> pbx.srtpReceived().authFailures(), 7);

            assertEquals(7, pbx.srtpReceived().authFailures(), "each forged packet fails authentication");
            assertEquals(7, pbx.srtpReceived().rejected(), "and is dropped");
            assertEquals(0, pbx.srtpReceived().count(SrtpStatus.OK), "none was passed on");
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void countsStartAtZeroAndAddUpByStatus() {
        SrtpReceiveCounts counts = new SrtpReceiveCounts();
        assertEquals(0, counts.rejected());
        counts.record(SrtpStatus.OK);
        counts.record(SrtpStatus.AUTH_FAIL);
        counts.record(SrtpStatus.REPLAY);
        counts.record(SrtpStatus.REPLAY);
        assertEquals(1, counts.count(SrtpStatus.OK));
        assertEquals(1, counts.authFailures());
        assertEquals(2, counts.count(SrtpStatus.REPLAY));
        assertEquals(3, counts.rejected());
    }
}

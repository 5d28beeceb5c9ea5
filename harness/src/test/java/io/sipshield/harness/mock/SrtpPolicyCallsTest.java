package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.RtcpStats;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Phones with each SRTP policy calling the mock's sdes and plain endpoints (DEVICES.md §B, §C, §E). */
@Timeout(60)
class SrtpPolicyCallsTest {

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("103", "pass103", MediaEncryption.NO))
            .extension("600", DialplanApp.ECHO)
            .rtcpInterval(Duration.ofMillis(500)));

    private static Call call(SrtpPolicy policy, String user) throws Exception {
        DeviceProfile profile = DeviceProfiles.DIGIUM_D6X_2_9_2.withSrtp(policy);
        Phone phone = PBX.phone(profile, PBX.settings(user).rtcpInterval(Duration.ofMillis(200)).build());
        return phone.call("600").get(10, TimeUnit.SECONDS);
    }

    private static MediaStats echo(Call call) throws Exception {
        ToneDetector tone = ToneDetector.builder().frequency(1000).build();
        call.addSink(tone);
        MediaStats media = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS);
        assertTrue(tone.report().present(), "the echoed milliwatt is heard: " + tone.report());
        assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        return media;
    }

    @Test
    void algoOptionalOffersCryptoInRtpAvpAndAsteriskAnswersSrtp() throws Exception {
        Call call = call(SrtpPolicy.ALGO_OPTIONAL, "101");
        assertEquals(200, call.status());
        assertEquals("RTP/AVP", call.mediaProfile(),
                "Asterisk answers crypto in RTP/AVP in the received profile (res_pjsip_sdp_rtp.c)");
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, call.suite());
        MediaStats media = echo(call);
        assertEquals(10, media.verified());
        assertEquals(0, media.authFailures());
    }

    @Test
    void algoOptionalFallsBackToPlainRtpWithAPlainEndpoint() throws Exception {
        Call call = call(SrtpPolicy.ALGO_OPTIONAL, "103");
        assertEquals(200, call.status());
        SdesOutcome.Plain plain = assertInstanceOf(SdesOutcome.Plain.class, call.negotiation());
        assertTrue(plain.reason().contains("falling back to plain RTP"), plain.reason());
        assertNull(call.suite());
        assertEquals(10, echo(call).verified(), "plain RTP echoes too");
    }

    @Test
    void algoDisabledIsRefusedBySdesEndpointWith488() throws Exception {
        assertEquals(488, call(SrtpPolicy.ALGO_DISABLED, "101").status());
    }

    @Test
    void cisco79x1KeysWithThirtyTwoBitTags() throws Exception {
        Call call = call(SrtpPolicy.CISCO_79X1_ENCRYPTED, "101");
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, call.suite());
        MediaStats media = echo(call);
        assertEquals(10, media.verified());
    }

    @Test
    void srtcpGoesBothWaysBetweenPhoneAndAsterisk() throws Exception {
        Call call = call(SrtpPolicy.DIGIUM, "101");
        call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((call.mediaStats().rtcp().peerReport() == null || call.mediaStats().rtcp().roundTrip() == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        RtcpStats rtcp = call.mediaStats().rtcp();
        assertTrue(rtcp.sent() > 0, "the phone reports: " + rtcp);
        assertTrue(rtcp.received() > 0, "Asterisk reports: " + rtcp);
        assertEquals(0, rtcp.rejected(), "every SRTCP packet authenticates");
        assertEquals(0, rtcp.peerReport().cumulativeLost(), "Asterisk lost none of the phone's packets");
        assertTrue(rtcp.roundTrip().toMillis() < 1000, "round trip from LSR/DLSR: " + rtcp.roundTrip());
        assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
    }

    @Test
    void rtcpIntervalOutsideRtpConfsRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MockAsterisk.builder().rtcpInterval(Duration.ofMillis(100)));
        assertEquals("rtcpInterval: rtp.conf takes 500 to 60000 ms, got 100 ms", e.getMessage());
    }
}

package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.RtpPacket;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SrtpContextTest {

    private static final long SSRC = 0x11223344L;
    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;

    private final SrtpMasterKey key = SrtpMasterKey.random(SUITE, new SecureRandom());
    private final SrtpContext sender = SrtpContext.create(SUITE, key);
    private final SrtpContext receiver = SrtpContext.create(SUITE, key);

    private static byte[] rtp(int seq) {
        return rtp(seq, SSRC);
    }

    private static byte[] rtp(int seq, long ssrc) {
        byte[] payload = new byte[160];
        new Random(seq).nextBytes(payload);
        return new RtpPacket(0, false, seq, seq * 160L, ssrc, payload).encode();
    }

    private SrtpStatus deliver(byte[] srtp) {
        return receiver.unprotect(srtp).status();
    }

    @ParameterizedTest
    @EnumSource(SrtpCryptoSuite.class)
    void protectThenUnprotectGivesTheSamePacket(SrtpCryptoSuite suite) {
        SrtpMasterKey k = SrtpMasterKey.random(suite, new SecureRandom());
        byte[] plain = rtp(1000);
        byte[] srtp = SrtpContext.create(suite, k).protect(plain);

        assertEquals(plain.length + suite.authTagLength(), srtp.length);
        assertArrayEquals(Arrays.copyOf(plain, 12), Arrays.copyOf(srtp, 12), "header stays in the clear");
        assertFalse(Arrays.equals(Arrays.copyOfRange(plain, 12, plain.length),
                Arrays.copyOfRange(srtp, 12, plain.length)), "payload is encrypted");
        SrtpResult result = SrtpContext.create(suite, k).unprotect(srtp);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(plain, result.rtpPacket());
    }

    @Test
    void unprotectLeavesItsInputAlone() {
        byte[] srtp = sender.protect(rtp(5));
        byte[] copy = srtp.clone();
        receiver.unprotect(srtp);
        assertArrayEquals(copy, srtp);
    }

    @Test
    void flippedPayloadByteFailsAuthentication() {
        byte[] srtp = sender.protect(rtp(7));
        srtp[20] ^= 0x01;
        SrtpResult result = receiver.unprotect(srtp);
        assertEquals(SrtpStatus.AUTH_FAIL, result.status());
        assertNull(result.rtpPacket());
    }

    @Test
    void flippedHeaderByteFailsAuthentication() {
        byte[] srtp = sender.protect(rtp(7));
        srtp[1] ^= 0x08; // payload type 0 -> 8
        assertEquals(SrtpStatus.AUTH_FAIL, deliver(srtp));
    }

    @Test
    void flippedTagByteFailsAuthentication() {
        byte[] srtp = sender.protect(rtp(7));
        srtp[srtp.length - 10] ^= (byte) 0x80;
        assertEquals(SrtpStatus.AUTH_FAIL, deliver(srtp));
    }

    @Test
    void anotherKeyFailsAuthentication() {
        SrtpContext stranger = SrtpContext.create(SUITE, SrtpMasterKey.random(SUITE, new SecureRandom()));
        assertEquals(SrtpStatus.AUTH_FAIL, stranger.unprotect(sender.protect(rtp(7))).status());
    }

    @Test
    void samePacketTwiceIsAReplay() {
        byte[] srtp = sender.protect(rtp(42));
        assertEquals(SrtpStatus.OK, deliver(srtp));
        assertEquals(SrtpStatus.REPLAY, deliver(srtp));
    }

    @Test
    void reorderedPacketsInsideTheWindowAreAccepted() {
        byte[][] packets = new byte[10][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = sender.protect(rtp(100 + i));
        }
        for (int i : new int[] {0, 5, 3, 9, 1, 2, 8, 4, 7, 6}) {
            assertEquals(SrtpStatus.OK, deliver(packets[i]), "packet " + i);
        }
        assertEquals(SrtpStatus.REPLAY, deliver(packets[3]));
    }

    @Test
    void packetOlderThanTheWindowIsTooOld() {
        byte[] old = sender.protect(rtp(100));
        byte[] last = null;
        for (int seq = 101; seq <= 100 + 64; seq++) {
            last = sender.protect(rtp(seq));
        }
        assertEquals(SrtpStatus.OK, deliver(last)); // highest = 164, window covers 101..164
        assertEquals(SrtpStatus.TOO_OLD, deliver(old));
    }

    @Test
    void widerWindowAcceptsWhatTheDefaultCallsTooOld() {
        SrtpContext wide = SrtpContext.builder().suite(SUITE).masterKey(key).replayWindow(1024).build();
        byte[] old = sender.protect(rtp(100));
        byte[] last = null;
        for (int seq = 101; seq <= 600; seq++) {
            last = sender.protect(rtp(seq));
        }
        assertEquals(SrtpStatus.OK, wide.unprotect(last).status());
        assertEquals(SrtpStatus.OK, wide.unprotect(old).status());
        assertEquals(SrtpStatus.REPLAY, wide.unprotect(old).status());
    }

    @Test
    void sequenceRunAcrossTheWrapKeepsDecryptingAndIncrementsTheRoc() {
        for (int i = 0; i < 40; i++) {
            int seq = (65_520 + i) & 0xFFFF;
            byte[] plain = rtp(seq);
            SrtpResult result = receiver.unprotect(sender.protect(plain));
            assertEquals(SrtpStatus.OK, result.status(), "seq " + seq);
            assertArrayEquals(plain, result.rtpPacket(), "seq " + seq);
        }
        assertEquals(OptionalLong.of(1), sender.rolloverCounter(SSRC));
        assertEquals(OptionalLong.of(1), receiver.rolloverCounter(SSRC));
    }

    @Test
    void latePacketFromBeforeTheWrapStillDecrypts() {
        byte[] beforeWrap = null;
        byte[][] after = new byte[5][];
        for (int seq = 65_530; seq <= 65_535; seq++) {
            byte[] srtp = sender.protect(rtp(seq));
            if (seq == 65_535) {
                beforeWrap = srtp;
            } else {
                assertEquals(SrtpStatus.OK, deliver(srtp));
            }
        }
        for (int seq = 0; seq < after.length; seq++) {
            assertEquals(SrtpStatus.OK, deliver(sender.protect(rtp(seq))));
        }
        SrtpResult late = receiver.unprotect(beforeWrap);
        assertEquals(SrtpStatus.OK, late.status(), "index 65535 is estimated with ROC 0, not 1");
        assertArrayEquals(rtp(65_535), late.rtpPacket());
        assertEquals(OptionalLong.of(1), receiver.rolloverCounter(SSRC));
    }

    @Test
    void receiverThatJoinsMidStreamDecrypts() {
        for (int seq = 20_000; seq < 30_000; seq++) {
            sender.protect(rtp(seq)); // the receiver never sees these
        }
        for (int seq = 30_000; seq < 30_010; seq++) {
            byte[] plain = rtp(seq);
            SrtpResult result = receiver.unprotect(sender.protect(plain));
            assertEquals(SrtpStatus.OK, result.status());
            assertArrayEquals(plain, result.rtpPacket());
        }
    }

    @Test
    void receiverThatJoinsJustBeforeTheWrapFollowsIt() {
        for (int seq = 60_000; seq < 65_500; seq++) {
            sender.protect(rtp(seq));
        }
        for (int i = 0; i < 100; i++) {
            int seq = (65_500 + i) & 0xFFFF;
            assertEquals(SrtpStatus.OK, deliver(sender.protect(rtp(seq))), "seq " + seq);
        }
        assertEquals(OptionalLong.of(1), receiver.rolloverCounter(SSRC));
    }

    @Test
    void forgedPacketDoesNotMoveTheRocOrTheWindow() {
        assertEquals(SrtpStatus.OK, deliver(sender.protect(rtp(40_000))));
        byte[] forged = sender.protect(rtp(1_000)); // more than 2^15 behind 40000: read as ROC 1
        forged[forged.length - 1] ^= 0x01;
        assertEquals(SrtpStatus.AUTH_FAIL, deliver(forged));
        assertEquals(OptionalLong.of(0), receiver.rolloverCounter(SSRC));
        assertEquals(SrtpStatus.OK, deliver(sender.protect(rtp(40_001))));
    }

    @Test
    void forgedCopyOfAGoodPacketDoesNotBlockTheRealOne() {
        byte[] good = sender.protect(rtp(9));
        byte[] forged = good.clone();
        forged[30] ^= 0x40;
        assertEquals(SrtpStatus.AUTH_FAIL, deliver(forged));
        assertEquals(SrtpStatus.OK, deliver(good), "a failed packet is not recorded as received");
    }

    @Test
    void truncatedPacketIsMalformed() {
        byte[] srtp = sender.protect(rtp(1));
        assertEquals(SrtpStatus.MALFORMED, deliver(Arrays.copyOf(srtp, 21)), "12-byte header + 9 < tag");
        assertEquals(SrtpStatus.MALFORMED, deliver(Arrays.copyOf(srtp, 5)));
        assertEquals(SrtpStatus.MALFORMED, deliver(new byte[0]));
    }

    @Test
    void wrongVersionIsMalformed() {
        byte[] srtp = sender.protect(rtp(1));
        srtp[0] = (byte) 0x40;
        assertEquals(SrtpStatus.MALFORMED, deliver(srtp));
    }

    @Test
    void csrcCountPastTheEndIsMalformed() {
        byte[] srtp = sender.protect(new RtpPacket(0, false, 1, 0, SSRC, new byte[4]).encode());
        srtp[0] = (byte) 0x8F; // 15 CSRCs = 60 bytes, far more than the packet holds
        assertEquals(SrtpStatus.MALFORMED, deliver(srtp));
    }

    @Test
    void csrcsAndHeaderExtensionStayInTheClear() {
        byte[] plain = HexFormat.of().parseHex("92" + "00" + "0102" + "00000500" + "11223344" // V=2 X=1 CC=2
                + "aaaaaaaa" + "bbbbbbbb" // CSRCs
                + "bede0002" + "1011121314151617" // extension, 2 words
                + "00112233445566778899");
        byte[] srtp = sender.protect(plain);
        assertArrayEquals(Arrays.copyOf(plain, 32), Arrays.copyOf(srtp, 32), "header, CSRCs and extension");
        assertFalse(Arrays.equals(Arrays.copyOfRange(plain, 32, plain.length),
                Arrays.copyOfRange(srtp, 32, plain.length)));
        SrtpResult result = receiver.unprotect(srtp);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(plain, result.rtpPacket());
        assertEquals(10, RtpPacket.decode(result.rtpPacket()).payload().length);
    }

    @Test
    void streamsOfSeveralSsrcsKeepTheirOwnState() {
        byte[] a = sender.protect(rtp(10, 1));
        byte[] b = sender.protect(rtp(10, 2));
        assertEquals(SrtpStatus.OK, deliver(a));
        assertEquals(SrtpStatus.OK, deliver(b), "same sequence number, other SSRC");
        assertEquals(SrtpStatus.REPLAY, deliver(a));
        for (int i = 0; i < 65_536; i += 1000) {
            assertEquals(SrtpStatus.OK, deliver(sender.protect(rtp((11 + i) & 0xFFFF, 1))));
        }
        assertEquals(SrtpStatus.OK, deliver(sender.protect(rtp(20, 1))));
        assertEquals(SrtpStatus.OK, deliver(sender.protect(rtp(11, 2))));
        assertEquals(OptionalLong.of(1), receiver.rolloverCounter(1));
        assertEquals(OptionalLong.of(0), receiver.rolloverCounter(2), "SSRC 2 did not wrap");
        assertEquals(OptionalLong.empty(), receiver.rolloverCounter(3));
    }

    @Test
    void senderRefusesASequenceNumberFromBeforeItsFirstPacket() {
        sender.protect(rtp(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.protect(rtp(60_000)));
        assertTrue(e.getMessage().contains("before the first packet"), e.getMessage());
    }

    @Test
    void inPlaceProtectAndUnprotectMatchTheCopyingOnes() {
        byte[] plain = rtp(77);
        byte[] expected = SrtpContext.create(SUITE, key).protect(plain);
        byte[] buffer = new byte[5 + plain.length + 10 + 3];
        System.arraycopy(plain, 0, buffer, 5, plain.length);

        int length = sender.protectInPlace(buffer, 5, plain.length);
        assertEquals(expected.length, length);
        assertArrayEquals(expected, Arrays.copyOfRange(buffer, 5, 5 + length));

        assertEquals(SrtpStatus.OK, receiver.unprotectInPlace(buffer, 5, length));
        assertArrayEquals(plain, Arrays.copyOfRange(buffer, 5, 5 + length - SUITE.authTagLength()));
    }

    @Test
    void failedInPlaceUnprotectLeavesTheBufferUnchanged() {
        byte[] srtp = sender.protect(rtp(3));
        srtp[14] ^= 1;
        byte[] before = srtp.clone();
        assertEquals(SrtpStatus.AUTH_FAIL, receiver.unprotectInPlace(srtp, 0, srtp.length));
        assertArrayEquals(before, srtp);
    }

    @Test
    void protectRejectsWhatIsNotRtp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.protect(new byte[8]));
        assertTrue(e.getMessage().startsWith("rtpPacket:"), e.getMessage());
        byte[] plain = rtp(1);
        assertThrows(IllegalArgumentException.class, () -> sender.protectInPlace(plain, 0, plain.length),
                "no room for the tag");
    }

    @Test
    void statsCountEveryOutcome() {
        byte[] one = sender.protect(rtp(1));
        byte[] two = sender.protect(rtp(2));
        byte[] forged = two.clone();
        forged[13] ^= 1;
        deliver(one);
        deliver(one);
        deliver(forged);
        deliver(new byte[3]);
        for (int seq = 3; seq < 70; seq++) {
            deliver(sender.protect(rtp(seq)));
        }
        deliver(two); // highest 69, window 6..69

        assertEquals(new SrtpStats.Snapshot(69, 68, 1, 1, 1, 1), sender.stats().plus(receiver.stats()));
        SrtpStats.Snapshot received = receiver.stats();
        assertEquals(68, received.count(SrtpStatus.OK));
        assertEquals(4, received.rejected());
        assertEquals(0, received.protectedPackets());
    }

    @Test
    void builderNamesWhatIsMissingOrWrong() {
        assertEquals("suite: required", assertThrows(IllegalStateException.class,
                () -> SrtpContext.builder().masterKey(key).build()).getMessage());
        assertEquals("masterKey: required", assertThrows(IllegalStateException.class,
                () -> SrtpContext.builder().suite(SUITE).build()).getMessage());
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
                () -> SrtpContext.builder().replayWindow(32));
        assertTrue(window.getMessage().startsWith("replayWindow:"), window.getMessage());
        SrtpMasterKey longKey = new SrtpMasterKey(new byte[32], new byte[14]);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> SrtpContext.create(SUITE, longKey));
        assertTrue(mismatch.getMessage().contains("16-byte key"), mismatch.getMessage());
    }

    @Test
    void mediaFromTheRtpPackageSurvivesTheRoundTrip() {
        var tone = io.sipshield.emulator.rtp.ToneSource.milliwatt(io.sipshield.emulator.rtp.G711.PCMU);
        var packetizer = io.sipshield.emulator.rtp.RtpPacketizer.builder().random(new Random(1)).build();
        for (int i = 0; i < 50; i++) {
            RtpPacket packet = packetizer.next(tone.nextFrame());
            SrtpResult result = receiver.unprotect(sender.protect(packet.encode()));
            assertEquals(packet, RtpPacket.decode(result.rtpPacket()));
        }
    }
}

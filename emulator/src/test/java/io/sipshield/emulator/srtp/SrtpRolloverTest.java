package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.emulator.rtp.RtpPacket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rollover counter across a sequence number wrap (RFC 3711 §3.3.1, the index estimate of
 * Appendix A), with the packets around the wrap arriving out of order and replayed (issue 11, roc-wrap).
 */
class SrtpRolloverTest {

    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
    private static final long SSRC = 0xCAFE;

    private static byte[] rtp(int sequence) {
        return new RtpPacket(0, false, sequence, sequence * 160L, SSRC, new byte[] {(byte) sequence, 7, 7, 7}).encode();
    }

    @Test
    void aLatePacketFromBeforeTheWrapStillDecryptsWithTheOldRolloverCounter() {
        SrtpMasterKey key = SrtpMasterKey.random(SUITE, new SecureRandom());
        SrtpContext sender = SrtpContext.create(SUITE, key);
        SrtpContext receiver = SrtpContext.create(SUITE, key);
        List<Integer> sequences = new ArrayList<>();
        for (int seq = 65_530; seq <= 65_535; seq++) {
            sequences.add(seq);
        }
        for (int seq = 0; seq <= 5; seq++) {
            sequences.add(seq);
        }
        List<byte[]> sent = new ArrayList<>();
        for (int seq : sequences) {
            sent.add(sender.protect(rtp(seq)));
        }
        assertEquals(1, sender.rolloverCounter(SSRC).getAsLong(), "the sender stepped its ROC at the wrap");

        // arrival: 65530..65534, then 0 and 1 (after the wrap), then 65535 late, then 2..5
        int[] order = {0, 1, 2, 3, 4, 6, 7, 5, 8, 9, 10, 11};
        for (int i : order) {
            SrtpResult result = receiver.unprotect(sent.get(i));
            assertEquals(SrtpStatus.OK, result.status(), "sequence " + sequences.get(i));
            assertArrayEquals(rtp(sequences.get(i)), result.rtpPacket());
        }
        assertEquals(1, receiver.rolloverCounter(SSRC).getAsLong());
        assertEquals(SrtpStatus.REPLAY, receiver.unprotect(sent.get(5)).status(), "65535 again: ROC 0 index, a replay");
        assertEquals(SrtpStatus.REPLAY, receiver.unprotect(sent.get(6)).status(), "0 again: ROC 1 index, a replay");
        assertEquals(12, receiver.stats().unprotectedOk());
        assertEquals(2, receiver.stats().replay());
        assertEquals(0, receiver.stats().authFail(), "no packet around the wrap is decrypted with the wrong ROC");
    }
}

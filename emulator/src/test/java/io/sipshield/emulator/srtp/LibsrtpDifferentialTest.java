package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.RtpPacket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * sipshield against libsrtp2 for every suite both implement: packets libsrtp protects unprotect
 * in sipshield and the reverse, starting at sequence 65500 so the ROC wraps, with loss,
 * reordering, a late packet from before the wrap and a replay; SRTCP both ways; MKI with a key
 * change both ways; byte-for-byte equal output; a start at a given ROC; and a forged packet that
 * both reject.
 *
 * <p>Two libsrtp 2.5 defects are pinned rather than worked around. Its AES-192 suites derive the
 * session keys with the AES-256 PRF over the zero-padded {@code key||salt} (srtp.c sets
 * kdf_keylen to 46 for any key longer than 30 bytes), not with RFC 6188's AES_192_CM_PRF, so they
 * interoperate with no RFC 6188 implementation: {@link #libsrtpDerivesAes192KeysWithTheAes256Prf}
 * shows exactly that. And it looks for the SRTCP MKI with the SRTP tag length, so with MKI it
 * cannot read SRTCP of the {@code _32} suites, not even its own.
 */
class LibsrtpDifferentialTest {

    private static final long SSRC = 0x1eaf5eedL;
    private static final int FIRST_SEQ = 65_500;
    private static final int PACKETS = 80;
    private static final SrtpMki MKI_A = SrtpMki.of(1, 4);
    private static final SrtpMki MKI_B = SrtpMki.of(2, 4);

    @TempDir
    static Path tools;
    private static LibsrtpPeer libsrtp;

    private final Random random = new Random(3711);

    @BeforeAll
    static void compileHelper() throws Exception {
        libsrtp = LibsrtpPeer.compile(tools);
    }

    private byte[] rtp(int i) {
        byte[] payload = new byte[160];
        random.nextBytes(payload);
        int seq = (FIRST_SEQ + i) & 0xFFFF;
        return new RtpPacket(0, i == 0, seq, 1000L + 160L * i, SSRC, payload).encode();
    }

    private byte[] rtcp(int i) {
        byte[] packet = new byte[8 + 24];
        random.nextBytes(packet);
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201; // RR
        packet[2] = 0;
        packet[3] = 7;
        PacketFields.writeInt(packet, 4, (int) SSRC);
        packet[8] = (byte) i;
        return packet;
    }

    /**
     * The order packets arrive in: every 9th lost, neighbours swapped every 5, packet 30 (sequence
     * 65530, before the wrap) held back to the end, then packet 40 again (a replay).
     */
    private static List<Integer> deliveryOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            if (i % 9 != 4 && i != 30) {
                order.add(i);
            }
        }
        for (int at = 0; at + 1 < order.size(); at += 5) {
            order.set(at, order.set(at + 1, order.get(at)));
        }
        order.add(30);
        order.add(40);
        return order;
    }

    private static boolean isReplay(List<Integer> order, int position) {
        return order.subList(0, position).contains(order.get(position));
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, mode = EnumSource.Mode.MATCH_NONE, names = "AES_192_.*")
    void libsrtpToSipshieldAcrossTheWrapWithLossAndReordering(SrtpCryptoSuite suite) throws Exception {
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        List<byte[]> plain = new ArrayList<>();
        LibsrtpPeer.Session sender = libsrtp.session(suite, "send").key(key, null);
        for (int i = 0; i < PACKETS; i++) {
            plain.add(rtp(i));
            sender.rtp(plain.get(i));
        }
        List<LibsrtpPeer.Reply> protectedPackets = sender.run();

        SrtpContext receiver = SrtpContext.create(suite, key);
        List<Integer> order = deliveryOrder();
        for (int position = 0; position < order.size(); position++) {
            int i = order.get(position);
            SrtpResult result = receiver.unprotect(protectedPackets.get(i).packet());
            if (isReplay(order, position)) {
                assertEquals(SrtpStatus.REPLAY, result.status(), "packet " + i + " again");
            } else {
                assertEquals(SrtpStatus.OK, result.status(), "packet " + i);
                assertArrayEquals(plain.get(i), result.rtpPacket(), "packet " + i);
            }
        }
        assertEquals(OptionalLong.of(1), receiver.rolloverCounter(SSRC));
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, mode = EnumSource.Mode.MATCH_NONE, names = "AES_192_.*")
    void sipshieldToLibsrtpAcrossTheWrapWithLossAndReordering(SrtpCryptoSuite suite) throws Exception {
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        SrtpContext sender = SrtpContext.create(suite, key);
        List<byte[]> plain = new ArrayList<>();
        List<byte[]> protectedPackets = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            plain.add(rtp(i));
            protectedPackets.add(sender.protect(plain.get(i)));
        }
        List<Integer> order = deliveryOrder();
        LibsrtpPeer.Session receiver = libsrtp.session(suite, "recv").key(key, null);
        order.forEach(i -> receiver.rtp(protectedPackets.get(i)));
        List<LibsrtpPeer.Reply> replies = receiver.run();

        for (int position = 0; position < order.size(); position++) {
            int i = order.get(position);
            LibsrtpPeer.Reply reply = replies.get(position);
            if (isReplay(order, position)) {
                assertEquals("replay_fail", reply.error(), "packet " + i + " again");
            } else {
                assertTrue(reply.ok(), () -> "packet " + i + ": libsrtp says " + reply.error());
                assertArrayEquals(plain.get(i), reply.packet(), "packet " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, mode = EnumSource.Mode.MATCH_NONE, names = "AES_192_.*")
    void srtcpBothWays(SrtpCryptoSuite suite) throws Exception {
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        List<byte[]> plain = new ArrayList<>();
        LibsrtpPeer.Session libsrtpSender = libsrtp.session(suite, "send").key(key, null);
        for (int i = 0; i < 6; i++) {
            plain.add(rtcp(i));
            libsrtpSender.rtcp(plain.get(i));
        }
        List<LibsrtpPeer.Reply> fromLibsrtp = libsrtpSender.run();
        SrtcpContext receiver = SrtcpContext.create(suite, key);
        for (int i : new int[] {0, 2, 1, 5, 4}) { // 3 lost, reordered
            SrtpResult result = receiver.unprotect(fromLibsrtp.get(i).packet());
            assertEquals(SrtpStatus.OK, result.status(), "libsrtp SRTCP packet " + i);
            assertArrayEquals(plain.get(i), result.rtpPacket());
        }
        assertEquals(SrtpStatus.REPLAY, receiver.unprotect(fromLibsrtp.get(2).packet()).status());

        SrtcpContext sender = SrtcpContext.create(suite, key);
        List<byte[]> fromSipshield = plain.stream().map(sender::protect).toList();
        LibsrtpPeer.Session libsrtpReceiver = libsrtp.session(suite, "recv").key(key, null);
        int[] order = {1, 0, 3, 5, 3};
        for (int i : order) {
            libsrtpReceiver.rtcp(fromSipshield.get(i));
        }
        List<LibsrtpPeer.Reply> replies = libsrtpReceiver.run();
        for (int position = 0; position < 4; position++) {
            LibsrtpPeer.Reply reply = replies.get(position);
            assertTrue(reply.ok(), () -> "sipshield SRTCP packet: libsrtp says " + reply.error());
            assertArrayEquals(plain.get(order[position]), reply.packet());
        }
        assertEquals("replay_fail", replies.get(4).error());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, mode = EnumSource.Mode.MATCH_NONE, names = "AES_192_.*")
    void mkiAndAKeyChangeBothWays(SrtpCryptoSuite suite) throws Exception {
        SrtpMasterKey keyA = SrtpMasterKey.random(suite, new SecureRandom());
        SrtpMasterKey keyB = SrtpMasterKey.random(suite, new SecureRandom());
        byte[] first = rtp(1);
        byte[] second = rtp(2);
        byte[] report = rtcp(1);

        List<LibsrtpPeer.Reply> fromLibsrtp = libsrtp.session(suite, "send").key(keyA, MKI_A).key(keyB, MKI_B)
                .rtp(first).rtcp(report).use(1).rtp(second).run();
        SrtpContext receiver = SrtpContext.builder().suite(suite).masterKey(keyA, MKI_A).masterKey(keyB, MKI_B).build();
        assertArrayEquals(first, receiver.unprotect(fromLibsrtp.get(0).packet()).rtpPacket(), "key A");
        assertArrayEquals(second, receiver.unprotect(fromLibsrtp.get(2).packet()).rtpPacket(), "key B");
        SrtcpContext rtcpReceiver = SrtcpContext.builder().suite(suite).masterKey(keyA, MKI_A).masterKey(keyB, MKI_B)
                .build();
        assertArrayEquals(report, rtcpReceiver.unprotect(fromLibsrtp.get(1).packet()).rtpPacket(), "SRTCP, key A");

        SrtpContext sender = SrtpContext.builder().suite(suite).masterKey(keyA, MKI_A).masterKey(keyB, MKI_B).build();
        byte[] withA = sender.protect(first);
        sender.useMasterKey(MKI_B);
        byte[] withB = sender.protect(second);
        byte[] rtcpWithB = SrtcpContext.builder().suite(suite).masterKey(keyA, MKI_A).masterKey(keyB, MKI_B).build()
                .protect(report);
        List<LibsrtpPeer.Reply> replies = libsrtp.session(suite, "recv").key(keyA, MKI_A).key(keyB, MKI_B)
                .rtp(withA).rtp(withB).rtcp(rtcpWithB).rtcp(fromLibsrtp.get(1).packet()).run();
        assertArrayEquals(first, replies.get(0).packet(), () -> "key A: libsrtp says " + replies.get(0).error());
        assertArrayEquals(second, replies.get(1).packet(), () -> "key B: libsrtp says " + replies.get(1).error());
        if (suite.authTagLength() == suite.srtcpAuthTagLength()) {
            assertArrayEquals(report, replies.get(2).packet(), () -> "SRTCP: libsrtp says " + replies.get(2).error());
        } else {
            // libsrtp 2.5 looks for the SRTCP MKI srtcpAuthTagLength - authTagLength bytes too late
            assertEquals("bad_mki", replies.get(2).error(), "libsrtp cannot find the MKI of our SRTCP");
            assertEquals("bad_mki", replies.get(3).error(), "nor of its own");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, mode = EnumSource.Mode.MATCH_NONE, names = "AES_192_.*")
    void protectsByteForByteAsLibsrtpDoes(SrtpCryptoSuite suite) throws Exception {
        for (SrtpMki mki : new SrtpMki[] {null, MKI_B}) {
            SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
            byte[] first = rtp(0);
            byte[] wrapped = rtp(40);
            byte[] report = rtcp(0);
            List<LibsrtpPeer.Reply> theirs = libsrtp.session(suite, "send").key(key, mki)
                    .rtp(first).rtp(wrapped).rtcp(report).rtcp(report).run();

            SrtpContext.Builder srtp = SrtpContext.builder().suite(suite);
            SrtcpContext.Builder srtcp = SrtcpContext.builder().suite(suite).initialIndex(1); // libsrtp starts at 1
            if (mki == null) {
                srtp.masterKey(key);
                srtcp.masterKey(key);
            } else {
                srtp.masterKey(key, mki);
                srtcp.masterKey(key, mki);
            }
            SrtpContext rtpSender = srtp.build();
            SrtcpContext rtcpSender = srtcp.build();
            String withMki = mki == null ? "" : " with MKI";
            assertArrayEquals(theirs.get(0).packet(), rtpSender.protect(first), "SRTP" + withMki);
            assertArrayEquals(theirs.get(1).packet(), rtpSender.protect(wrapped), "SRTP after the wrap" + withMki);
            assertArrayEquals(theirs.get(2).packet(), rtcpSender.protect(report), "SRTCP" + withMki);
            assertArrayEquals(theirs.get(3).packet(), rtcpSender.protect(report), "second SRTCP" + withMki);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = "AES_192_.*", mode = EnumSource.Mode.MATCH_ALL)
    void libsrtpDerivesAes192KeysWithTheAes256Prf(SrtpCryptoSuite suite) throws Exception {
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        byte[] plain = rtp(1);
        byte[] fromLibsrtp = libsrtp.session(suite, "send").key(key, null).rtp(plain).run().get(0).packet();
        assertEquals(SrtpStatus.AUTH_FAIL, SrtpContext.create(suite, key).unprotect(fromLibsrtp).status(),
                "RFC 6188 keys do not read libsrtp's AES-192 packets");

        // libsrtp: key||salt (38 bytes) zero-padded to 46, split 32 + 14, through the AES-256 PRF
        byte[] padded = Arrays.copyOf(key.keyAndSalt(), 46);
        SrtpKdf libsrtpKdf = SrtpKdf.create(new SrtpMasterKey(Arrays.copyOf(padded, 32),
                Arrays.copyOfRange(padded, 32, 46)));
        CmHmacCipher cipher = new CmHmacCipher(libsrtpKdf.derive(SrtpKeyLabel.RTP_ENCRYPTION, 24),
                libsrtpKdf.derive(SrtpKeyLabel.RTP_SALT, 14), libsrtpKdf.derive(SrtpKeyLabel.RTP_AUTHENTICATION, 20),
                suite.authTagLength());
        int rtpLength = plain.length;
        assertTrue(cipher.verifyRtp(fromLibsrtp, 0, 12, rtpLength, (int) SSRC, FIRST_SEQ + 1, rtpLength),
                "libsrtp's tag is the one of the AES-256-PRF keys");
        cipher.decryptRtp(fromLibsrtp, 0, 12, rtpLength, (int) SSRC, FIRST_SEQ + 1);
        assertArrayEquals(plain, Arrays.copyOf(fromLibsrtp, rtpLength));
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_256_GCM"})
    void streamsThatStartAtAGivenRoc(SrtpCryptoSuite suite) throws Exception {
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        byte[] plain = rtp(50); // sequence 14 after the wrap
        String[] atRoc5 = {"--ssrc", Long.toString(SSRC), "--roc", "5"};
        byte[] fromLibsrtp = libsrtp.session(suite, "send", atRoc5).key(key, null).rtp(plain).run().get(0).packet();
        SrtpContext receiver = SrtpContext.builder().suite(suite).masterKey(key).initialRolloverCounter(5).build();
        assertArrayEquals(plain, receiver.unprotect(fromLibsrtp).rtpPacket());

        byte[] fromSipshield = SrtpContext.builder().suite(suite).masterKey(key).initialRolloverCounter(5).build()
                .protect(plain);
        LibsrtpPeer.Reply reply = libsrtp.session(suite, "recv", atRoc5).key(key, null).rtp(fromSipshield).run().get(0);
        assertArrayEquals(plain, reply.packet(), () -> "libsrtp says " + reply.error());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM_8"})
    void aForgedByteIsRejectedByBoth(SrtpCryptoSuite suite) throws Exception {
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        byte[] plain = rtp(3);
        byte[] fromLibsrtp = libsrtp.session(suite, "send").key(key, null).rtp(plain).run().get(0).packet();
        fromLibsrtp[30] ^= 0x20;
        assertEquals(SrtpStatus.AUTH_FAIL, SrtpContext.create(suite, key).unprotect(fromLibsrtp).status());

        byte[] fromSipshield = SrtpContext.create(suite, key).protect(plain);
        fromSipshield[30] ^= 0x20;
        assertEquals("auth_fail", libsrtp.session(suite, "recv").key(key, null).rtp(fromSipshield).run().get(0).error());
    }
}

package io.sipshield.harness.cli.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.RtcpCompound;
import io.sipshield.emulator.rtp.RtcpSenderInfo;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.rtp.WavFile;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.harness.pcap.CapturedPacket;
import io.sipshield.harness.pcap.Frames;
import io.sipshield.harness.pcap.PcapReader;
import io.sipshield.harness.pcap.UdpDatagram;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sipshield srtp decrypt-pcap} on captures built in the test: alice's SRTP stream across a
 * sequence-number wrap (ROC 0 to 1), her SRTCP, bob's stream under another key, and a SIP datagram.
 */
class DecryptPcapCommandTest {

    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
    private static final long ALICE = 0x11111111L;
    private static final long BOB = 0x22222222L;
    private static final int PACKETS = 100;
    private static final int FIRST_SEQUENCE = 65_500;

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final CryptoAttribute aliceKey = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, random));
    private final CryptoAttribute bobKey = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, random));
    private final List<RtpPacket> alicePlain = new ArrayList<>();
    private byte[] aliceRtcpPlain;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** UDP payloads in capture order: alice's SRTP, bob's SRTP, a SIP message, alice's SRTCP. */
    private List<byte[][]> conversation(int payloadType, int skip) {
        SrtpContext alice = SrtpContext.create(SUITE, aliceKey.key());
        SrtpContext bob = SrtpContext.create(SUITE, bobKey.key());
        ToneSource tone = ToneSource.milliwatt(G711.PCMU);
        List<byte[][]> datagrams = new ArrayList<>(); // {ports, payload}
        for (int i = 0; i < PACKETS; i++) {
            RtpPacket plain = new RtpPacket(payloadType, i == 0, (FIRST_SEQUENCE + i) & 0xFFFF, 160L * i, ALICE,
                    tone.nextFrame());
            byte[] protectedPacket = alice.protect(plain.encode());
            byte[] bobPacket = bob.protect(new RtpPacket(0, false, i, 160L * i, BOB, new byte[160]).encode());
            if (i < skip) {
                continue;
            }
            alicePlain.add(plain);
            datagrams.add(new byte[][] {{40, 0}, protectedPacket});
            datagrams.add(new byte[][] {{50, 0}, bobPacket});
            if (i == 10) {
                datagrams.add(new byte[][] {{60, 0}, "OPTIONS sip:pbx SIP/2.0\r\n\r\n".getBytes()});
            }
        }
        aliceRtcpPlain = new RtcpCompound(ALICE, new RtcpSenderInfo(1L << 60, 160L * PACKETS, PACKETS, 160L * PACKETS),
                List.of(), "alice@test", false).encode();
        datagrams.add(new byte[][] {{41, 0}, SrtcpContext.create(SUITE, aliceKey.key()).protect(aliceRtcpPlain)});
        return datagrams;
    }

    /** Builds one frame from source port, destination port and UDP payload. */
    private interface Framing {
        byte[] frame(int sourcePort, int destinationPort, byte[] payload);
    }

    private Path capture(String name, int type, Framing framing, boolean ng, boolean twice, List<byte[][]> datagrams)
            throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (byte[][] datagram : datagrams) {
            int port = 20000 + 100 * datagram[0][0];
            byte[] frame = framing.frame(port, port + 2, datagram[1]);
            frames.add(frame);
            if (twice) {
                frames.add(frame);
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, ng ? Frames.pcapng(type, frames) : Frames.classicPcap(type, frames));
        return file;
    }

    private Path ethernet(List<byte[][]> datagrams) throws Exception {
        return capture("call.pcap", 1, Frames::ethernetIpv4, false, false, datagrams);
    }

    private int decrypt(String... args) {
        CommandLine cli = new CommandLine(new DecryptPcapCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String crypto(CryptoAttribute line) {
        return line.toSdpValue().substring(2); // without the tag, as the CLI takes it
    }

    @Test
    void findsAlicesStreamAcrossTheWrapAndWritesPlainRtp() throws Exception {
        Path in = ethernet(conversation(0, 0));
        Path result = dir.resolve("plain.pcap");
        assertEquals(0, decrypt("--crypto", crypto(aliceKey), in.toString(), result.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("SRTP stream SSRC 0x11111111, 127.0.0.1:24000 -> 127.0.0.2:24002, AES_CM_128_HMAC_SHA1_80"), text);
        assertTrue(text.contains("100 packets: 100 decrypted, 0 failed authentication"), text);
        assertTrue(text.contains("rollover counter at the end 1"), text);
        assertTrue(text.contains("1 SRTCP packets: 1 decrypted, 0 failed authentication"), text);
        assertFalse(text.contains(aliceKey.toSdpValue().substring(34)), "the key is never printed");

        List<CapturedPacket> written = PcapReader.read(result);
        List<CapturedPacket> original = PcapReader.read(in);
        assertEquals(original.size(), written.size());
        List<byte[]> aliceOut = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            UdpDatagram udp = UdpDatagram.parse(written.get(i)).orElseThrow();
            switch (udp.source().getPort()) {
                case 24000 -> aliceOut.add(udp.payload());
                case 24100 -> assertArrayEquals(aliceRtcpPlain, udp.payload(), "SRTCP decrypted");
                default -> assertEquals(original.get(i), written.get(i), "other traffic untouched");
            }
        }
        assertEquals(PACKETS, aliceOut.size());
        for (int i = 0; i < PACKETS; i++) {
            assertArrayEquals(alicePlain.get(i).encode(), aliceOut.get(i), "packet " + i);
        }
    }

    @Test
    void linuxCookedIpv6PcapngCapturedTwiceAsWithAnyInterface() throws Exception {
        Path in = capture("any.pcapng", 113, Frames::linuxCookedIpv6, true, true, conversation(0, 0));
        Path result = dir.resolve("plain.pcap");
        assertEquals(0, decrypt("--crypto", "a=crypto:" + aliceKey.toSdpValue(), in.toString(), result.toString()),
                err.toString());
        assertTrue(out.toString().contains("[::1]:24000 -> [::2]:24002"), out.toString());
        assertTrue(out.toString().contains("(100 captured twice, decrypted once)"), out.toString());
        List<CapturedPacket> written = PcapReader.read(result);
        assertEquals(113, written.get(0).linkType());
        long aliceCount = written.stream().map(p -> UdpDatagram.parse(p).orElseThrow())
                .filter(u -> u.source().getPort() == 24000).peek(u -> assertEquals(6, u.ipVersion())).count();
        assertEquals(2 * PACKETS, aliceCount, "both copies written, decrypted");
    }

    @Test
    void wavOutputIsTheDecodedAudio() throws Exception {
        Path in = capture("call.pcap", 0, Frames::nullIpv4, false, false, conversation(0, 0)); // BSD loopback
        Path wav = dir.resolve("alice.wav");
        assertEquals(0, decrypt("--crypto", crypto(aliceKey), in.toString(), wav.toString()), err.toString());
        short[] samples = WavFile.readTelephonyPcm(wav);
        assertEquals(PACKETS * 160, samples.length);
        byte[] lastFrame = alicePlain.get(PACKETS - 1).payload();
        for (int i = 0; i < 160; i++) {
            assertEquals(G711.PCMU.decode(lastFrame[i]), samples[(PACKETS - 1) * 160 + i]);
        }
        assertTrue(out.toString().contains("wrote " + wav + ": 2.00 s of 8 kHz audio"), out.toString());
    }

    @Test
    void aCaptureStartedAfterTheWrapNeedsTheRolloverCounter() throws Exception {
        Path in = ethernet(conversation(0, 50)); // starts at sequence 14, ROC 1
        Path result = dir.resolve("plain.pcap");
        assertEquals(1, decrypt("--crypto", crypto(aliceKey), in.toString(), result.toString()));
        assertTrue(err.toString().contains("no stream authenticates with this key: wrong key, wrong suite, or a rollover"
                + " counter other than 0 (--roc)"), err.toString());
        assertEquals(0, decrypt("--crypto", crypto(aliceKey), "--roc", "1", in.toString(), result.toString()), err.toString());
    }

    @Test
    void theWrongKeyFindsNoStream() throws Exception {
        Path in = ethernet(conversation(0, 0));
        CryptoAttribute other = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, random));
        assertEquals(1, decrypt("--crypto", crypto(other), in.toString(), dir.resolve("x.pcap").toString()));
        assertTrue(err.toString().contains("the capture has 0x11111111 (100 packets), 0x22222222 (100 packets)"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("x.pcap")));
    }

    @Test
    void aChosenSsrcThatIsNotThereOrDoesNotFitTheKey() throws Exception {
        Path in = ethernet(conversation(0, 0));
        Path result = dir.resolve("x.pcap");
        assertEquals(1, decrypt("--crypto", crypto(aliceKey), "--ssrc", "0x33333333", in.toString(), result.toString()));
        assertTrue(err.toString().contains("no RTP packet with SSRC 0x33333333"), err.toString());
        assertEquals(1, decrypt("--crypto", crypto(aliceKey), "--ssrc", Long.toString(BOB), in.toString(), result.toString()));
        assertTrue(out.toString().contains("100 packets: 0 decrypted, 100 failed authentication"), out.toString());
    }

    @Test
    void aWavNeedsG711() throws Exception {
        Path in = ethernet(conversation(18, 0));
        assertEquals(1, decrypt("--crypto", crypto(aliceKey), in.toString(), dir.resolve("x.wav").toString()));
        assertTrue(err.toString().contains("the stream carries no G.711 (payload types [18], expected 0 or 8)"), err.toString());
    }

    @Test
    void unusableInputIsExitCodeTwoWithOneLine() throws Exception {
        Path in = ethernet(conversation(0, 0));
        String outFile = dir.resolve("x.pcap").toString();
        assertInvalid("sipshield srtp decrypt-pcap: --crypto: key-params: AES_CM_128_HMAC_SHA1_80 needs 30 bytes of"
                + " key||salt, the inline key decodes to 3", "--crypto", "AES_CM_128_HMAC_SHA1_80 inline:AAAA", in.toString(), outFile);
        assertInvalid("sipshield srtp decrypt-pcap: --roc: expected 0 to 4294967295 (decimal or 0x hex), got 'x'",
                "--crypto", crypto(aliceKey), "--roc", "x", in.toString(), outFile);
        assertInvalid("sipshield srtp decrypt-pcap: --ssrc: expected 0 to 4294967295 (decimal or 0x hex), got '-1'",
                "--crypto", crypto(aliceKey), "--ssrc", "-1", in.toString(), outFile);
        assertInvalid("sipshield srtp decrypt-pcap: OUT: '" + dir.resolve("x.txt") + "' is neither a .pcap nor a .wav file name",
                "--crypto", crypto(aliceKey), in.toString(), dir.resolve("x.txt").toString());
        assertInvalid("sipshield srtp decrypt-pcap: IN: " + dir.resolve("missing.pcap") + ": no such file",
                "--crypto", crypto(aliceKey), dir.resolve("missing.pcap").toString(), outFile);
        Path text = Files.writeString(dir.resolve("notes.pcap"), "not a capture");
        assertInvalid("sipshield srtp decrypt-pcap: IN: " + text + ": not a pcap or pcapng file (magic 0x6e6f7420)",
                "--crypto", crypto(aliceKey), text.toString(), outFile);
    }

    private void assertInvalid(String message, String... args) {
        StringWriter before = new StringWriter();
        before.write(err.toString());
        assertEquals(2, decrypt(args));
        String line = err.toString().substring(before.toString().length()).strip();
        assertEquals(message, line);
    }
}

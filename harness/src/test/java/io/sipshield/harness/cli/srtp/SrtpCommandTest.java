package io.sipshield.harness.cli.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sipshield srtp protect|unprotect} on the RFC 3711 / libsrtp test key and packets. */
class SrtpCommandTest {

    private static final HexFormat HEX = HexFormat.of();
    // RFC 3711 B.3 master key and salt, the key of libsrtp's srtp_validate() vectors
    private static final String INLINE = "inline:" + Base64.getEncoder().encodeToString(
            HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6"));
    private static final String CRYPTO = "AES_CM_128_HMAC_SHA1_80 " + INLINE;
    private static final String RTP = "800f1234decafbadcafebabe" + "abababab".repeat(4);
    private static final String SRTP = "800f1234decafbadcafebabe" + "4e55dc4ce79978d88ca4d215949d2402" + "b78d6acc99ea179b8dbb";
    private static final String RTCP = "81c8000bcafebabe" + "abababab".repeat(4);
    private static final String SRTCP = "81c8000bcafebabe" + "7128035be487b9bdbef89041f977a5a8" + "80000001"
            + "993e08cd54d6c1230798";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int srtp(String... args) {
        CommandLine cli = new CommandLine(new SrtpCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void protectGivesLibsrtpsVector() {
        assertEquals(0, srtp("protect", "--crypto", CRYPTO, RTP));
        assertEquals("OK " + SRTP, out.toString().strip());
    }

    @Test
    void unprotectGivesThePlainPacketAndATamperedOneFails() {
        String tampered = SRTP.substring(0, SRTP.length() - 2) + "bc";
        assertEquals(1, srtp("unprotect", "--crypto", "a=crypto:7 " + CRYPTO, tampered, SRTP, SRTP));
        assertEquals(String.join("\n", "AUTH_FAIL", "OK " + RTP, "REPLAY"), out.toString().strip());
    }

    @Test
    void srtcpWithAChosenIndex() {
        assertEquals(0, srtp("protect", "--srtcp", "--index", "1", "--crypto", CRYPTO, RTCP));
        assertEquals("OK " + SRTCP, out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, srtp("unprotect", "--srtcp", "--crypto", CRYPTO, SRTCP));
        assertEquals("OK " + RTCP, out.toString().strip());
    }

    @Test
    void rocChangesTheTagAndTheSameRocReadsItBack() {
        assertEquals(0, srtp("protect", "--roc", "3", "--crypto", CRYPTO, RTP));
        String protectedAtRoc3 = out.toString().strip().substring(3);
        assertFalse(protectedAtRoc3.equals(SRTP));
        out.getBuffer().setLength(0);
        assertEquals(1, srtp("unprotect", "--crypto", CRYPTO, protectedAtRoc3));
        assertEquals("AUTH_FAIL", out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, srtp("unprotect", "--roc", "3", "--crypto", CRYPTO, protectedAtRoc3));
        assertEquals("OK " + RTP, out.toString().strip());
    }

    @Test
    void binaryFilesInAndOut() throws Exception {
        Path in = Files.write(dir.resolve("packet.srtp"), HEX.parseHex(SRTP));
        Path result = dir.resolve("packet.rtp");
        assertEquals(0, srtp("unprotect", "--crypto", CRYPTO, "--in", in.toString(), "--out", result.toString()));
        assertArrayEquals(HEX.parseHex(RTP), Files.readAllBytes(result));
    }

    @Test
    void mkiAndLifetimeFromTheLineAreUsed() {
        assertEquals(1, srtp("protect", "--crypto", CRYPTO + "|1|1:4", RTP, RTP.replace("800f1234", "800f1235")));
        String[] lines = out.toString().strip().split("\n");
        assertTrue(lines[0].startsWith("OK " + SRTP.substring(0, 2 * 28) + "00000001"), lines[0]);
        assertTrue(lines[1].startsWith("KEY_EXPIRED"), lines[1]);
    }

    @Test
    void badInputIsNamedAndTheKeyIsNeverEchoed() {
        assertEquals(2, srtp("protect", "--crypto", "AES_CM_128_HMAC_SHA1_99 " + INLINE, RTP));
        assertEquals("sipshield srtp protect: --crypto: suite: unknown crypto-suite 'AES_CM_128_HMAC_SHA1_99'",
                err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, srtp("protect", "--crypto", "AEAD_AES_128_GCM " + INLINE, RTP));
        assertTrue(err.toString().contains("key-params"), err.toString());
        assertFalse(err.toString().contains(INLINE.substring(7)), "the key is never printed");
        err.getBuffer().setLength(0);
        assertEquals(2, srtp("protect", "--crypto", CRYPTO, "80zz"));
        assertTrue(err.toString().startsWith("sipshield srtp protect: packet 1: not hex"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, srtp("protect", "--crypto", CRYPTO, "4000"));
        assertTrue(err.toString().startsWith("sipshield srtp protect: packet 1: rtpPacket: not a version 2 RTP packet"),
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, srtp("unprotect", "--srtcp", "--roc", "1", "--crypto", CRYPTO, SRTCP));
        assertTrue(err.toString().contains("--roc applies to SRTP"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, srtp("unprotect", "--crypto", CRYPTO, "--in", dir.resolve("missing").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, srtp("unprotect", "--crypto", CRYPTO));
        assertTrue(err.toString().contains("no packet"), err.toString());
    }

    @Test
    void withoutASubcommandItIsAUsageError() {
        assertEquals(2, new CommandLine(new SrtpCommand()).setErr(new PrintWriter(err, true)).execute());
        assertTrue(err.toString().contains("Missing required subcommand"), err.toString());
    }
}

package io.sipshield.harness.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files baresip is started with, and the ctrl_tcp framing: no baresip needed. */
class BaresipConfigTest {

    private static final IssuedCertificate SERVER = FixtureCatalog.create().get(FixtureName.PBX_SERVER_VIA_INTERMEDIATE);

    @TempDir
    Path dir;

    private static BaresipConfig config(String mediaEncryption, int sipPort) {
        return new BaresipConfig("102", sipPort, 20000, SERVER, mediaEncryption, Path.of("/tmp/tone.wav"), true);
    }

    @Test
    void writesLoopbackConfigWithTlsOnTheNextPortAndAUuidWithoutNewline() throws IOException {
        BaresipConfig config = config("srtp-mand", 15060);
        config.write(dir);
        String text = Files.readString(dir.resolve("config"));
        assertTrue(text.contains("sip_listen\t\t127.0.0.1:15060\n"), text);
        assertTrue(text.contains("net_interface\t\t127.0.0.1\n"), text);
        assertTrue(text.contains("ctrl_tcp_listen\t\t127.0.0.1:20000\n"), text);
        assertTrue(text.contains("audio_source\t\taufile,/tmp/tone.wav\n"), text);
        assertEquals(15061, config.tlsPort());
        assertEquals("<sip:102@127.0.0.1;transport=tls>;regint=0;mediaenc=srtp-mand;answermode=auto;"
                + "audio_codecs=PCMU,PCMA;ptime=20\n", Files.readString(dir.resolve("accounts")));
        String uuid = Files.readString(dir.resolve("uuid"));
        assertFalse(uuid.endsWith("\n"), "baresip reads the uuid file verbatim");
        assertEquals(36, uuid.length());
        String pem = Files.readString(dir.resolve("cert.pem"));
        assertEquals(2, pem.split("BEGIN CERTIFICATE", -1).length - 1, "leaf and intermediate, not the root");
        assertTrue(pem.contains("PRIVATE KEY"));
        assertTrue(Files.isDirectory(dir.resolve(BaresipConfig.RECORDINGS)));
    }

    @Test
    void rejectsAnUnknownMediaEncryptionByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("dtls_srtp", 15060));
        assertTrue(e.getMessage().contains("mediaEncryption") && e.getMessage().contains("dtls_srtp"), e.getMessage());
    }

    @Test
    void rejectsASipPortWithNoRoomForTls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("srtp", 65535));
        assertTrue(e.getMessage().contains("sipPort + 1"), e.getMessage());
    }

    @Test
    void netstringsRoundTripAndBadFramingIsAnError() throws IOException {
        byte[] body = "{\"event\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] framed = BaresipControl.netstring(body);
        assertEquals("14:{\"event\":true},", new String(framed, StandardCharsets.UTF_8));
        assertArrayEquals(body, BaresipControl.readNetstring(new ByteArrayInputStream(framed)));
        IOException bad = assertThrows(IOException.class, () -> BaresipControl.readNetstring(
                new ByteArrayInputStream("3:abc;".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(bad.getMessage().contains("not ended by ','"), bad.getMessage());
        assertThrows(IOException.class, () -> BaresipControl.readNetstring(
                new ByteArrayInputStream("x:".getBytes(StandardCharsets.US_ASCII))));
    }
}

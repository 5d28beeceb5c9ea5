package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsClientHelloTest {

    /** TLS_DH_anon_WITH_AES_128_CBC_SHA and TLS_RSA_WITH_NULL_SHA256 (RFC 5246 Appendix A.5). */
    private static final int DH_ANON_AES_128 = 0x0034;
    private static final int RSA_NULL_SHA256 = 0x003B;
    private static final int ECDHE_RSA_AES_128_GCM = 0xC02F;

    @Test
    void readsTheSuitesInOrderWithoutGrease() {
        TlsClientHello hello = TlsClientHello.parse(ClientHelloBytes.clientHello(0x0303,
                List.of(0x0A0A, ECDHE_RSA_AES_128_GCM, DH_ANON_AES_128, RSA_NULL_SHA256), List.of()));
        assertEquals(List.of(ECDHE_RSA_AES_128_GCM, DH_ANON_AES_128, RSA_NULL_SHA256), hello.cipherSuites());
        assertTrue(hello.offers(DH_ANON_AES_128));
        assertFalse(hello.offers(0x0A0A), "GREASE is no suite");
        assertEquals(0x0303, hello.legacyVersion());
    }

    @Test
    void withoutSupportedVersionsEveryVersionUpToTheLegacyOneIsOffered() {
        TlsClientHello hello = TlsClientHello.parse(ClientHelloBytes.clientHello(0x0303, List.of(0x002F), List.of()));
        assertEquals(List.of(), hello.supportedVersions());
        assertEquals(List.of("TLSv1.2", "TLSv1.1", "TLSv1"), hello.offeredVersions());
    }

    @Test
    void supportedVersionsWinsOverTheLegacyVersion() {
        TlsClientHello hello = TlsClientHello.parse(ClientHelloBytes.clientHello(0x0303, List.of(0x1301),
                List.of(0x1A1A, 0x0304, 0x0303)));
        assertEquals(List.of(0x0304, 0x0303), hello.supportedVersions());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), hello.offeredVersions());
    }

    @Test
    void aTruncatedHelloNamesTheFieldThatRunsOut() {
        byte[] whole = ClientHelloBytes.clientHello(0x0303, List.of(0x002F, 0x0035), List.of());
        byte[] cut = Arrays.copyOf(whole, 4 + 2 + 32 + 1 + 3);
        cut[3] = (byte) (cut.length - 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsClientHello.parse(cut));
        assertTrue(e.getMessage().contains("cipher_suites"), e.getMessage());
    }

    @Test
    void aLengthBeyondTheBytesIsRefused() {
        byte[] whole = ClientHelloBytes.clientHello(0x0303, List.of(0x002F), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsClientHello.parse(Arrays.copyOf(whole, whole.length - 3)));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
    }

    @Test
    void anotherHandshakeMessageIsNoClientHello() {
        byte[] serverHello = ClientHelloBytes.clientHello(0x0303, List.of(0x002F), List.of());
        serverHello[0] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsClientHello.parse(serverHello));
        assertTrue(e.getMessage().contains("msg_type 2"), e.getMessage());
    }

    @Test
    void anOddSuitesLengthIsRefused() {
        byte[] hello = ClientHelloBytes.clientHello(0x0303, List.of(0x002F), List.of());
        hello[4 + 2 + 32 + 1 + 1] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsClientHello.parse(hello));
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
    }
}

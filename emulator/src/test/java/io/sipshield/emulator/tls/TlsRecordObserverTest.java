package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsRecordObserverTest {

    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;

    private final TlsRecordObserver server = new TlsRecordObserver(TlsAlert.Sender.SERVER);
    private final EmbeddedChannel channel = new EmbeddedChannel(server);

    @AfterEach
    void nothingLeftOver() {
        assertFalse(channel.finishAndReleaseAll(), "every byte was passed on and read");
    }

    private byte[] passInbound(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        ByteBuf passed = channel.readInbound();
        try {
            return ByteBufUtil.getBytes(passed);
        } finally {
            passed.release();
        }
    }

    private void passOutbound(byte[] bytes) {
        channel.writeOutbound(Unpooled.wrappedBuffer(bytes));
        ByteBuf passed = channel.readOutbound();
        passed.release();
    }

    @Test
    void readsAClientHelloThatArrivesByteByByteAndPassesEveryByteOn() {
        byte[] hello = ClientHelloBytes.clientHello(0x0303, List.of(0xC02F, 0x0034), List.of());
        byte[] record = ClientHelloBytes.record(HANDSHAKE, hello);
        for (byte b : record) {
            assertArrayEquals(new byte[] {b}, passInbound(new byte[] {b}));
        }
        assertEquals(List.of(0xC02F, 0x0034), server.clientHello().orElseThrow().cipherSuites());
    }

    @Test
    void readsAClientHelloSplitOverTwoRecords() {
        byte[] hello = ClientHelloBytes.clientHello(0x0303, List.of(0xC030, 0x003B), List.of());
        byte[] first = ClientHelloBytes.record(HANDSHAKE, Arrays.copyOf(hello, 20));
        byte[] second = ClientHelloBytes.record(HANDSHAKE, Arrays.copyOfRange(hello, 20, hello.length));
        passInbound(first);
        assertEquals(Optional.empty(), server.clientHello());
        passInbound(second);
        assertTrue(server.clientHello().orElseThrow().offers(0x003B));
    }

    @Test
    void anAlertWrittenIsTheLocalSidesAndAnAlertReadThePeers() {
        passOutbound(ClientHelloBytes.record(ALERT, new byte[] {2, 40}));
        passInbound(ClientHelloBytes.record(ALERT, new byte[] {1, 0}));
        assertEquals(List.of(TlsAlert.fatal(40, TlsAlert.Sender.SERVER),
                new TlsAlert(0, "close_notify", false, TlsAlert.Sender.PHONE)), server.alerts());
        assertEquals(Optional.of(TlsAlert.fatal(40, TlsAlert.Sender.SERVER)), server.firstFatalAlert());
    }

    @Test
    void anEncryptedAlertIsNotRead() {
        passInbound(ClientHelloBytes.record(ALERT, new byte[26]));
        assertEquals(List.of(), server.alerts());
    }

    @Test
    void nothingIsReadAfterApplicationData() {
        passInbound(ClientHelloBytes.record(APPLICATION_DATA, new byte[40]));
        passInbound(ClientHelloBytes.record(ALERT, new byte[] {2, 80}));
        assertEquals(List.of(), server.alerts());
    }

    @Test
    void bytesThatAreNoTlsStopTheReadingButPassUnchanged() {
        byte[] sip = "OPTIONS sip:pbx SIP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertArrayEquals(sip, passInbound(sip));
        passInbound(ClientHelloBytes.record(ALERT, new byte[] {2, 40}));
        assertEquals(List.of(), server.alerts());
        assertEquals(Optional.empty(), server.clientHello());
    }

    @Test
    void aMalformedClientHelloIsReportedNotThrown() {
        byte[] hello = ClientHelloBytes.clientHello(0x0303, List.of(0x002F), List.of());
        hello[4 + 2 + 32 + 1 + 1] = 3; // odd cipher_suites length
        passInbound(ClientHelloBytes.record(HANDSHAKE, hello));
        assertEquals(Optional.empty(), server.clientHello());
        assertTrue(server.clientHelloProblem().orElseThrow().contains("odd"));
    }
}

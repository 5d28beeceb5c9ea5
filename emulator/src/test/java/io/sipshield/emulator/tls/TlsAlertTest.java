package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsAlertTest {

    @Test
    void readsTheAlertTheJdkReceived() {
        Exception failure = new IllegalStateException("wrapped",
                new SSLHandshakeException("Received fatal alert: handshake_failure"));
        assertEquals(Optional.of(new TlsAlert("handshake_failure", 40, TlsAlert.Sender.SERVER)), TlsAlert.received(failure));
    }

    @Test
    void readsTheAlertBoringSslReceived() {
        Exception failure = new SSLHandshakeException(
                "error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA");
        assertEquals(Optional.of(new TlsAlert("unknown_ca", 48, TlsAlert.Sender.SERVER)), TlsAlert.received(failure));
        assertEquals("protocol_version", TlsAlert.receivedIn("SSLV3_ALERT_PROTOCOL_VERSION").isPresent()
                ? "protocol_version" : "x");
    }

    @Test
    void noAlertWhenTheMessageNamesNoneOrAnUnknownOne() {
        assertTrue(TlsAlert.received(new SSLHandshakeException("Connection reset")).isEmpty());
        assertTrue(TlsAlert.receivedIn("Received fatal alert: made_up").isEmpty());
        assertTrue(TlsAlert.receivedIn(null).isEmpty());
    }

    @Test
    void aPhoneClosingItselfSendsCloseNotify() {
        assertEquals("close_notify (0) sent by phone", TlsAlert.closeNotifyFromPhone().toString());
    }
}

package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsAlertTest {

    @Test
    void boringSslNamesTheAlertItReceived() {
        SSLException boring = new SSLHandshakeException(
                "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE");
        assertEquals(Optional.of(TlsAlert.fatal(40, TlsAlert.Sender.SERVER)), TlsAlert.receivedFrom(boring));
        SSLException version = new SSLHandshakeException(
                "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION");
        assertEquals(Optional.of(TlsAlert.fatal(70, TlsAlert.Sender.SERVER)), TlsAlert.receivedFrom(version));
    }

    @Test
    void theJdkSaysReceivedFatalAlertAnywhereInTheCauseChain() {
        SSLException jdk = new SSLException("wrapped", new SSLException("Received fatal alert: internal_error"));
        assertEquals(Optional.of(TlsAlert.fatal(80, TlsAlert.Sender.SERVER)), TlsAlert.receivedFrom(jdk));
    }

    @Test
    void aLocalFailureNamesNoReceivedAlert() {
        assertEquals(Optional.empty(), TlsAlert.receivedFrom(new SSLHandshakeException(
                "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL")));
        assertEquals(Optional.empty(), TlsAlert.receivedFrom(new SSLHandshakeException(
                "The server selected protocol version TLS10 is not accepted by client preferences [TLS12]")));
        assertEquals(Optional.empty(), TlsAlert.receivedFrom(new SSLException("Received fatal alert: no_such_alert")));
    }

    @Test
    void namesFollowTheRfcAndUnknownCodesStayNumbered() {
        assertEquals("protocol_version", TlsAlert.nameOf(70));
        assertEquals("certificate_required", TlsAlert.nameOf(116));
        assertEquals("alert_200", TlsAlert.nameOf(200));
        assertEquals(Optional.of(48), TlsAlert.codeOf("unknown_ca"));
        assertEquals("handshake_failure (40) sent by the phone", TlsAlert.fatal(40, TlsAlert.Sender.PHONE).toString());
    }

    @Test
    void aCodeIsOneByte() {
        assertThrows(IllegalArgumentException.class, () -> TlsAlert.fatal(256, TlsAlert.Sender.SERVER));
    }
}

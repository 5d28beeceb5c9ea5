package io.sipshield.harness.mock;

import java.net.InetSocketAddress;
import javax.sip.message.Request;

/**
 * A request the mock received, for verification after the exercise (MockWebServer's
 * {@code RecordedRequest}).
 *
 * @param request     the parsed request
 * @param source      the connection's remote address
 * @param tlsProtocol the TLS version of the connection it came on
 * @param cipherSuite the cipher suite of that connection
 */
public record RecordedSipRequest(Request request, InetSocketAddress source, String tlsProtocol, String cipherSuite) {

    public String method() {
        return request.getMethod();
    }
}

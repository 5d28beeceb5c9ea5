package io.sipshield.harness.mock;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One SIP message on one of the mock's TLS connections, in a line: what {@code sipshield serve}
 * logs for each message, as Asterisk's {@code pjsip set logger on} would show its first lines.
 * Built from the start line and the CSeq only: never the body, so no SDES key (a=crypto) and no
 * digest credentials end up in a log.
 *
 * @param direction   whether the mock received or sent it
 * @param remote      the phone's address
 * @param firstLine   the request line or the status line
 * @param cseq        the CSeq header's value ({@code 1 REGISTER}), or null without one
 * @param tlsProtocol the connection's TLS version, or null when unknown
 * @param cipherSuite the connection's cipher suite, or null when unknown
 */
public record SipMessageSummary(Direction direction, InetSocketAddress remote, String firstLine, String cseq,
                                String tlsProtocol, String cipherSuite) {

    /** Which way the message went, seen from the mock. */
    public enum Direction {
        RECEIVED,
        SENT
    }

    public SipMessageSummary {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(firstLine, "firstLine");
    }

    /**
     * The log line: {@code REGISTER sip:pbx.sip.test;transport=tls from /127.0.0.1:40000 (TLSv1.2, TLS_...)}
     * for what arrived, {@code SIP/2.0 401 Unauthorized to /127.0.0.1:40000 (CSeq: 1 REGISTER)} for what left.
     */
    public String toLine() {
        StringBuilder line = new StringBuilder(firstLine)
                .append(direction == Direction.RECEIVED ? " from " : " to ").append(remote);
        if (direction == Direction.RECEIVED && tlsProtocol != null) {
            line.append(" (").append(tlsProtocol).append(", ").append(cipherSuite).append(')');
        }
        if (cseq != null && (direction == Direction.SENT || firstLine.startsWith("SIP/"))) {
            line.append(" (CSeq: ").append(cseq).append(')');
        }
        return line.toString();
    }
}

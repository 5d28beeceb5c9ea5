package io.sipshield.emulator.ua;

import java.time.Instant;
import java.util.Objects;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

/**
 * One request the server sent down the phone's own connection (RFC 5626 flow): a qualify
 * OPTIONS, an INVITE, a BYE, a CANCEL, an ACK, a NOTIFY. SDES keys in the text are redacted as
 * in {@link SipTrace}.
 *
 * @param method     the request's method ({@code OPTIONS})
 * @param requestUri the Request-URI as sent
 * @param callId     its Call-ID, or null when it has none
 * @param receivedAt when the phone read it (wall clock, not the phone's possibly wrong clock)
 * @param summary    the request line, e.g. {@code OPTIONS sip:101@127.0.0.1:50432;transport=tls SIP/2.0}
 * @param text       the whole request, keys redacted
 */
public record InboundRequest(String method, String requestUri, String callId, Instant receivedAt, String summary,
                             String text) {

    public InboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(text, "text");
    }

    /** Records {@code request} as read at {@code at}. */
    public static InboundRequest of(Request request, Instant at) {
        String text = SipTrace.redact(request.toString());
        int end = text.indexOf('\r');
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return new InboundRequest(request.getMethod(), request.getRequestURI().toString(),
                callId == null ? null : callId.getCallId(), at, end < 0 ? text : text.substring(0, end), text);
    }

    /** Whether this is a {@code method} request (case-insensitive, as scenario files may spell it). */
    public boolean is(String wanted) {
        return method.equalsIgnoreCase(wanted);
    }
}

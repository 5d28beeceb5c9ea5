package io.sipshield.emulator.ua;

import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.Quirk;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.sip.SipRequestBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the requests one phone sends over its TLS connection, on top of {@link SipMessages}: it
 * knows the account, the server host, the connection's local address (Via, Contact) and the
 * User-Agent. One per connection; no shared state.
 */
public final class RequestFactory {

    private final SipMessages messages;
    private final String user;
    private final String serverHost;
    private final String userAgent;
    private final InetSocketAddress local;
    private final UriOptions options;

    /**
     * How the phone writes its URIs and registers.
     *
     * @param sips       RFC 3261 §26.2.2 SIPS scheme: {@code sips:} URIs, without {@code ;transport=tls} (RFC 5630 §3.2)
     * @param instanceId RFC 5626 outbound: the instance's {@code urn:uuid:...}, sent as {@code +sip.instance} with
     *                   {@code reg-id=1} on REGISTER's Contact and {@code Supported: outbound}; null for none
     */
    public record UriOptions(boolean sips, String instanceId) {
        /** {@code sip:} URIs with {@code ;transport=tls}, no outbound. */
        public static final UriOptions PLAIN = new UriOptions(false, null);

        /**
         * What the profile's quirks ask for ({@link Quirk#SIPS_SCHEME}, {@link Quirk#SIP_OUTBOUND}); the
         * instance UUID is name-based on {@code user@serverHost}, so it stays the same across connections.
         */
        public static UriOptions of(DeviceProfile profile, String user, String serverHost) {
            String instance = profile.has(Quirk.SIP_OUTBOUND)
                    ? "urn:uuid:" + UUID.nameUUIDFromBytes((user + "@" + serverHost).getBytes(StandardCharsets.UTF_8))
                    : null;
            return new UriOptions(profile.has(Quirk.SIPS_SCHEME), instance);
        }
    }

    public RequestFactory(SipMessages messages, String user, String serverHost, String userAgent, InetSocketAddress local) {
        this(messages, user, serverHost, userAgent, local, UriOptions.PLAIN);
    }

    public RequestFactory(SipMessages messages, String user, String serverHost, String userAgent, InetSocketAddress local,
                          UriOptions options) {
        this.messages = messages;
        this.user = user;
        this.serverHost = serverHost;
        this.userAgent = userAgent;
        this.local = local;
        this.options = options;
    }

    private String scheme() {
        return options.sips() ? "sips:" : "sip:";
    }

    private String transport() {
        return options.sips() ? "" : ";transport=tls";
    }

    public SipMessages messages() {
        return messages;
    }

    /** {@code sip:<user>@<server>} (the address of record; {@code sips:} with the SIPS scheme). */
    public String addressOfRecord() {
        return scheme() + user + "@" + hostForUri(serverHost);
    }

    /** {@code sip:<server>;transport=tls}: where REGISTER goes ({@code sips:<server>} with the SIPS scheme). */
    public String registrarUri() {
        return scheme() + hostForUri(serverHost) + transport();
    }

    /** {@code sip:<extension>@<server>;transport=tls} ({@code sips:<extension>@<server>} with the SIPS scheme). */
    public String extensionUri(String extension) {
        return scheme() + extension + "@" + hostForUri(serverHost) + transport();
    }

    /** The phone's Contact URI on this connection. */
    public String contactUri() {
        return scheme() + user + "@" + hostForUri(local.getAddress().getHostAddress()) + ":" + local.getPort()
                + transport();
    }

    /**
     * A request from this phone: From is its address of record, Via its side of the connection.
     *
     * @param toTag null outside a dialog
     */
    public SipRequestBuilder request(String method, String requestUri, String toUri, String toTag, String callId,
                                     String fromTag, long cseq) {
        SipRequestBuilder builder = messages.request(method, requestUri)
                .from(addressOfRecord(), fromTag)
                .to(toUri, toTag)
                .callId(callId)
                .cseq(cseq)
                .via(local.getAddress().getHostAddress(), local.getPort(), "TLS")
                .userAgent(userAgent);
        if (!Request.ACK.equals(method) && !Request.BYE.equals(method)) {
            builder.contact(contactUri());
        }
        if (Request.REGISTER.equals(method) && options.instanceId() != null) {
            builder.contactParameter("reg-id", "1")
                    .contactParameter("+sip.instance", "\"<" + options.instanceId() + ">\"")
                    .header("Supported", "outbound");
        }
        return builder;
    }

    /** Copies {@code request} with a new Via branch and CSeq, for the retry after a digest challenge. */
    public Request retry(Request request, long cseq) {
        Request copy = (Request) request.clone();
        try {
            ((ViaHeader) copy.getHeader(ViaHeader.NAME)).setBranch(messages.newBranch());
            ((CSeqHeader) copy.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
        } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException("cannot renumber " + request.getMethod(), e);
        }
        return copy;
    }

    /**
     * The ACK an INVITE client transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3):
     * the INVITE's Request-URI, Call-ID, From tag, top Via branch and CSeq number, and the response's To.
     */
    public Request ackForNon2xx(Request invite, Response response) {
        ViaHeader via = (ViaHeader) invite.getHeader(ViaHeader.NAME);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        return messages.request(Request.ACK, invite.getRequestURI().toString())
                .from(addressOfRecord(), ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag())
                .to(to.getAddress().getURI().toString(), to.getTag())
                .callId(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId())
                .cseq(((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber())
                .via(via.getHost(), via.getPort(), via.getTransport())
                .branch(via.getBranch())
                .userAgent(userAgent)
                .build();
    }

    /**
     * The CANCEL for an INVITE still without a final response (RFC 3261 §9.1): the INVITE's
     * Request-URI, Call-ID, From, To and CSeq number, and a single Via equal to its top Via (same
     * branch), so the server matches it to the INVITE transaction.
     */
    public Request cancel(Request invite) {
        ViaHeader via = (ViaHeader) invite.getHeader(ViaHeader.NAME);
        ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
        return messages.request(Request.CANCEL, invite.getRequestURI().toString())
                .from(addressOfRecord(), ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag())
                .to(to.getAddress().getURI().toString(), to.getTag())
                .callId(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId())
                .cseq(((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber())
                .via(via.getHost(), via.getPort(), via.getTransport())
                .branch(via.getBranch())
                .userAgent(userAgent)
                .build();
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}

package io.sipshield.emulator.ua;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the requests a phone sends over its TLS connection, with JAIN-SIP's factories used as
 * a message layer only. One per phone (no shared mutable state): it knows the account, the
 * server host, the connection's local address and the User-Agent.
 */
public final class RequestFactory {

    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final SecureRandom random = new SecureRandom();
    private final String user;
    private final String serverHost;
    private final String userAgent;
    private final InetSocketAddress local;

    public RequestFactory(String user, String serverHost, String userAgent, InetSocketAddress local) {
        this.user = user;
        this.serverHost = serverHost;
        this.userAgent = userAgent;
        this.local = local;
    }

    /** A fresh random token: 16 hex digits. */
    public String token() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code sip:<user>@<server>} (the address of record). */
    public String addressOfRecord() {
        return "sip:" + user + "@" + hostForUri(serverHost);
    }

    /** {@code sip:<server>;transport=tls}: where REGISTER goes. */
    public String registrarUri() {
        return "sip:" + hostForUri(serverHost) + ";transport=tls";
    }

    /** {@code sip:<extension>@<server>;transport=tls}. */
    public String extensionUri(String extension) {
        return "sip:" + extension + "@" + hostForUri(serverHost) + ";transport=tls";
    }

    /**
     * A request outside or inside a dialog.
     *
     * @param toTag null outside a dialog
     */
    public Request request(String method, String requestUri, String toUri, String toTag, String callId,
                           String fromTag, long cseq, List<Header> extra) {
        try {
            URI target = addresses.createURI(requestUri);
            Address fromAddress = addresses.createAddress(addresses.createURI(addressOfRecord()));
            Address toAddress = addresses.createAddress(addresses.createURI(toUri));
            FromHeader from = headers.createFromHeader(fromAddress, fromTag);
            ToHeader to = headers.createToHeader(toAddress, toTag);
            ViaHeader via = headers.createViaHeader(local.getAddress().getHostAddress(), local.getPort(), "TLS",
                    "z9hG4bK" + token());
            via.setRPort();
            CSeqHeader cseqHeader = headers.createCSeqHeader(cseq, method);
            Request request = messages.createRequest(target, method, headers.createCallIdHeader(callId), cseqHeader,
                    from, to, List.of(via), headers.createMaxForwardsHeader(70));
            if (!Request.ACK.equals(method) && !Request.BYE.equals(method)) {
                request.addHeader(contact());
            }
            request.addHeader(headers.createHeader("User-Agent", userAgent));
            for (Header header : extra) {
                request.addHeader(header);
            }
            return request;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot build " + method + " " + requestUri + ": " + e.getMessage(), e);
        }
    }

    /** Copies {@code request} with the same headers but a new Via branch and CSeq, for a retry after a challenge. */
    public Request retry(Request request, long cseq) {
        Request copy = (Request) request.clone();
        try {
            ViaHeader via = (ViaHeader) copy.getHeader(ViaHeader.NAME);
            via.setBranch("z9hG4bK" + token());
            ((CSeqHeader) copy.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot renumber " + request.getMethod(), e);
        }
        return copy;
    }

    /**
     * The ACK an INVITE client transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3):
     * the INVITE's Request-URI, Call-ID, From, top Via and CSeq number, and the response's To.
     */
    public Request ackForNon2xx(Request invite, Response response) {
        try {
            CSeqHeader inviteCseq = (CSeqHeader) invite.getHeader(CSeqHeader.NAME);
            Request ack = messages.createRequest(invite.getRequestURI(), Request.ACK,
                    (CallIdHeader) invite.getHeader(CallIdHeader.NAME),
                    headers.createCSeqHeader(inviteCseq.getSeqNumber(), Request.ACK),
                    (FromHeader) invite.getHeader(FromHeader.NAME), (ToHeader) response.getHeader(ToHeader.NAME),
                    List.of(invite.getHeader(ViaHeader.NAME)), headers.createMaxForwardsHeader(70));
            ack.addHeader(headers.createHeader("User-Agent", userAgent));
            return ack;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build the ACK for " + response.getStatusCode(), e);
        }
    }

    public ContactHeader contact() {
        try {
            SipURI uri = addresses.createSipURI(user, hostForUri(local.getAddress().getHostAddress()));
            uri.setPort(local.getPort());
            uri.setTransportParam("tls");
            return headers.createContactHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build the Contact of " + user, e);
        }
    }

    public Header header(String name, String value) {
        try {
            return headers.createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad " + name + " header '" + value + "': " + e.getMessage(), e);
        }
    }

    public void setBody(Request request, String contentType, String body) {
        try {
            String[] type = contentType.split("/", 2);
            request.setContent(body, headers.createContentTypeHeader(type[0], type[1]));
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad content type " + contentType, e);
        }
    }

    public HeaderFactoryImpl headerFactory() {
        return headers;
    }

    public MessageFactoryImpl messageFactory() {
        return messages;
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}

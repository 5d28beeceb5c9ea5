package io.sipshield.emulator.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Builds one SIP request (RFC 3261 §8.1.1) from {@link SipMessages#request}. {@code from}, {@code to} and {@code via} are required. Defaults: a new
 * From tag, no To tag, a new Call-ID, CSeq 1, a new branch, transport TLS, {@code rport}
 * (RFC 3581), Max-Forwards 70, no Contact, no User-Agent, no body. Headers come out in the
 * order of RFC 3261's examples (Via, Max-Forwards, To, From, Call-ID, CSeq), then Contact,
 * User-Agent and any extra headers in the order given, then Content-Type and Content-Length.
 */
public final class SipRequestBuilder {

    /** The order of RFC 3261's examples (§24.2); JAIN-SIP's own puts Call-ID first. */
    private static final List<String> STANDARD_ORDER =
            List.of("Via", "Max-Forwards", "To", "From", "Call-ID", "CSeq");

    private final SipMessages messages;
    private final String method;
    private final String requestUri;
    private String fromUri;
    private String fromTag;
    private String toUri;
    private String toTag;
    private String callId;
    private long cseq = 1;
    private String viaHost;
    private int viaPort = -1;
    private String viaTransport = "TLS";
    private String branch;
    private boolean rport = true;
    private int maxForwards = SipMessages.DEFAULT_MAX_FORWARDS;
    private String contactUri;
    private int contactExpires = -1;
    private final java.util.Map<String, String> contactParameters = new java.util.LinkedHashMap<>();
    private String userAgent;
    private final List<Header> extraHeaders = new ArrayList<>();
    private String contentType;
    private byte[] body;

    SipRequestBuilder(SipMessages messages, String method, String requestUri) {
        this.messages = messages;
        this.method = Objects.requireNonNull(method, "method");
        this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
    }

    /** The From address with a new random tag. */
    public SipRequestBuilder from(String uri) {
        return from(uri, messages.newTag());
    }

    /** The From address and tag (the tag is required in every request, §8.1.1.3). */
    public SipRequestBuilder from(String uri, String tag) {
        this.fromUri = Objects.requireNonNull(uri, "from uri");
        this.fromTag = Objects.requireNonNull(tag, "from tag");
        return this;
    }

    /** The To address, without a tag (outside a dialog). */
    public SipRequestBuilder to(String uri) {
        return to(uri, null);
    }

    /** The To address with the remote tag (inside a dialog), or null for none. */
    public SipRequestBuilder to(String uri, String tag) {
        this.toUri = Objects.requireNonNull(uri, "to uri");
        this.toTag = tag;
        return this;
    }

    public SipRequestBuilder callId(String callId) {
        this.callId = Objects.requireNonNull(callId, "callId");
        return this;
    }

    public SipRequestBuilder cseq(long cseq) {
        this.cseq = cseq;
        return this;
    }

    /** The sent-by of the Via: this side's address on the connection; transport TLS. */
    public SipRequestBuilder via(String host, int port) {
        return via(host, port, "TLS");
    }

    public SipRequestBuilder via(String host, int port, String transport) {
        this.viaHost = Objects.requireNonNull(host, "via host");
        this.viaPort = port;
        this.viaTransport = Objects.requireNonNull(transport, "via transport");
        return this;
    }

    /** A given branch instead of a new one (a CANCEL or non-2xx ACK reuses the INVITE's, §9.1, §17.1.1.3). */
    public SipRequestBuilder branch(String branch) {
        this.branch = Objects.requireNonNull(branch, "branch");
        return this;
    }

    /** Whether the Via asks for {@code rport} (RFC 3581); on by default. */
    public SipRequestBuilder rport(boolean rport) {
        this.rport = rport;
        return this;
    }

    public SipRequestBuilder maxForwards(int maxForwards) {
        this.maxForwards = maxForwards;
        return this;
    }

    /** A Contact {@code <uri>}. */
    public SipRequestBuilder contact(String uri) {
        return contact(uri, -1);
    }

    /** A Contact {@code <uri>;expires=n} (as in a REGISTER), or without expires when negative. */
    public SipRequestBuilder contact(String uri, int expires) {
        this.contactUri = Objects.requireNonNull(uri, "contact uri");
        this.contactExpires = expires;
        return this;
    }

    /**
     * A Contact header parameter (after the {@code <uri>}), e.g. RFC 5626 {@code reg-id=1} or
     * {@code +sip.instance="<urn:uuid:...>"}; {@code value} is written as given, quotes included.
     */
    public SipRequestBuilder contactParameter(String name, String value) {
        contactParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public SipRequestBuilder userAgent(String userAgent) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        return this;
    }

    /** Adds a header after the standard ones. */
    public SipRequestBuilder header(Header header) {
        extraHeaders.add(Objects.requireNonNull(header, "header"));
        return this;
    }

    /** Adds a header after the standard ones, parsed from its name and value. */
    public SipRequestBuilder header(String name, String value) {
        return header(messages.header(name, value));
    }

    /** A body with its type, such as {@code application/sdp}; Content-Length follows from it. */
    public SipRequestBuilder body(String contentType, byte[] body) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body").clone();
        return this;
    }

    public SipRequestBuilder body(String contentType, String body) {
        return body(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request. A builder can build again (each call draws a new branch, and a new Call-ID
     * unless one was set).
     *
     * @throws IllegalStateException    when from, to or via was not set
     * @throws IllegalArgumentException naming the field, for an invalid URI or header value
     */
    public Request build() {
        require(fromUri, "from");
        require(toUri, "to");
        require(viaHost, "via");
        try {
            Request request = messages.messageFactory().createRequest(messages.uri(requestUri), method,
                    messages.headerFactory().createCallIdHeader(callId != null ? callId : messages.newCallId()),
                    messages.headerFactory().createCSeqHeader(cseq, method),
                    messages.headerFactory().createFromHeader(nameAddress(fromUri, "from"), fromTag),
                    messages.headerFactory().createToHeader(nameAddress(toUri, "to"), toTag),
                    List.of(via()),
                    messages.headerFactory().createMaxForwardsHeader(maxForwards));
            for (String name : STANDARD_ORDER) {
                Header header = request.getHeader(name);
                request.removeHeader(name);
                request.addLast(header);
            }
            if (contactUri != null) {
                ContactHeader contact = messages.headerFactory().createContactHeader(nameAddress(contactUri, "contact"));
                if (contactExpires >= 0) {
                    contact.setExpires(contactExpires);
                }
                for (java.util.Map.Entry<String, String> parameter : contactParameters.entrySet()) {
                    contact.setParameter(parameter.getKey(), parameter.getValue());
                }
                request.addHeader(contact);
            }
            if (userAgent != null) {
                request.addHeader(messages.header("User-Agent", userAgent));
            }
            for (Header header : extraHeaders) {
                request.addHeader(header);
            }
            if (body != null) {
                request.setContent(body, contentType(contentType));
            }
            return request;
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new IllegalArgumentException("cannot build " + method + " " + requestUri + ": " + e.getMessage(), e);
        }
    }

    private ViaHeader via() throws ParseException, InvalidArgumentException {
        ViaHeader via = messages.headerFactory().createViaHeader(viaHost, viaPort, viaTransport,
                branch != null ? branch : messages.newBranch());
        if (rport) {
            via.setRPort();
        }
        return via;
    }

    private Address nameAddress(String uri, String field) {
        return messages.addressFactory().createAddress(parseUri(uri, field));
    }

    private URI parseUri(String uri, String field) {
        try {
            return messages.addressFactory().createURI(uri);
        } catch (ParseException e) {
            throw new IllegalArgumentException(field + " URI '" + uri + "' is invalid: " + e.getMessage(), e);
        }
    }

    private ContentTypeHeader contentType(String type) throws ParseException {
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1) {
            throw new IllegalArgumentException("content type '" + type + "' must read type/subtype");
        }
        return messages.headerFactory().createContentTypeHeader(type.substring(0, slash), type.substring(slash + 1));
    }

    private void require(Object value, String field) {
        if (value == null) {
            throw new IllegalStateException(method + " request to " + requestUri + ": " + field + " is required");
        }
    }
}

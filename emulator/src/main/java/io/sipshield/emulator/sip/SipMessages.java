package io.sipshield.emulator.sip;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds, parses and reads SIP messages (RFC 3261 §8.1.1, §8.2.6) for a user agent or a
 * registrar, with JAIN-SIP's factories used as a message layer only.
 *
 * <p>Each instance creates its own {@link MessageFactoryImpl}, {@link HeaderFactoryImpl} and
 * {@link AddressFactoryImpl} directly (never through the {@code SipFactory} singleton), and
 * never sets their process-wide defaults (such as a default User-Agent): every header it adds is
 * added to the message itself. Parsing uses JAIN-SIP's {@code StringMsgParser} with a listener
 * that rethrows, as {@link SipMessageCodec} does. Tags, branches and Call-IDs come from this
 * instance's {@link SecureRandom}.
 *
 * <pre>{@code
 * SipMessages sip = new SipMessages();
 * Request register = sip.request(Request.REGISTER, "sip:pbx.sip.test;transport=tls")
 *         .from("sip:101@pbx.sip.test").to("sip:101@pbx.sip.test")
 *         .via("127.0.0.1", 15061).contact("sip:101@127.0.0.1:15061;transport=tls", 300)
 *         .userAgent("sipshield").build();
 * Response ok = sip.response(Response.OK, register, sip.newTag());
 * }</pre>
 */
public final class SipMessages {

    /** The prefix of an RFC 3261 branch (§8.1.1.7). */
    public static final String BRANCH_MAGIC_COOKIE = "z9hG4bK";
    /** The Max-Forwards a user agent starts with (§8.1.1.6). */
    public static final int DEFAULT_MAX_FORWARDS = 70;

    /** The order of RFC 3261's examples (§24.2); JAIN-SIP's own puts Call-ID first. */
    private static final List<String> STANDARD_ORDER =
            List.of("Via", "Max-Forwards", "To", "From", "Call-ID", "CSeq");

    private final MessageFactoryImpl messageFactory = new MessageFactoryImpl();
    private final HeaderFactoryImpl headerFactory = new HeaderFactoryImpl();
    private final AddressFactoryImpl addressFactory = new AddressFactoryImpl();
    private final SipMessageParser parser = new SipMessageParser();
    private final SecureRandom random;

    public SipMessages() {
        this(new SecureRandom());
    }

    public SipMessages(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A From/To tag: 64 random bits as 16 hex digits (§19.3 asks for at least 32). */
    public String newTag() {
        return randomHex(8);
    }

    /** A Via branch: the magic cookie {@code z9hG4bK} and 64 random bits in hex (§8.1.1.7). */
    public String newBranch() {
        return BRANCH_MAGIC_COOKIE + randomHex(8);
    }

    /** A Call-ID: 128 random bits as 32 hex digits (§8.1.1.4). */
    public String newCallId() {
        return randomHex(16);
    }

    /** Starts a request; see {@link RequestBuilder} for what must be set and what defaults. */
    public RequestBuilder request(String method, String requestUri) {
        return new RequestBuilder(method, requestUri);
    }

    /**
     * A response to {@code request}: the status line with the standard reason phrase, and the
     * request's Via, From, To, Call-ID and CSeq copied (§8.2.6.2).
     */
    public Response response(int status, Request request) {
        return response(status, request, null);
    }

    /**
     * As {@link #response(int, Request)}, with a To tag added when {@code toTag} is not null (a
     * UAS adds one to every response but a 100 outside a dialog, §8.2.6.2).
     */
    public Response response(int status, Request request, String toTag) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status " + status + " is not a SIP status code (100-699)");
        }
        try {
            Response response = messageFactory.createResponse(status, request);
            if (toTag != null) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot build a " + status + " response to " + request.getMethod()
                    + " (to-tag '" + toTag + "'): " + e.getMessage(), e);
        }
    }

    /**
     * Parses one complete message (start line, headers, empty line, body of Content-Length bytes).
     *
     * @throws SipParseException naming the line and header that failed
     */
    public Message parse(String text) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a message that must be a request. */
    public Request parseRequest(String text) {
        if (parse(text) instanceof Request request) {
            return request;
        }
        throw new SipParseException(1, firstLine(text), "line 1: expected a request but found '" + firstLine(text) + "'");
    }

    /** Parses a message that must be a response. */
    public Response parseResponse(String text) {
        if (parse(text) instanceof Response response) {
            return response;
        }
        throw new SipParseException(1, firstLine(text), "line 1: expected a response but found '" + firstLine(text) + "'");
    }

    /**
     * Any header from its name and value, parsed by JAIN-SIP into its typed class (a
     * {@code "Contact"} becomes a {@link ContactHeader}, unknown names an extension header). A
     * comma-separated value of a list header ({@code "Allow", "INVITE,ACK,BYE"}) becomes one
     * JAIN-SIP header list, written back as one line.
     *
     * @throws IllegalArgumentException naming the header if the value does not parse
     */
    public Header header(String name, String value) {
        try {
            SIPHeader header = StringMsgParser.parseSIPHeader(name + ": " + value);
            if (header instanceof SIPHeaderList<?> list && list.size() == 1) {
                return list.getFirst(); // one value: its typed header, not a list of one
            }
            return header;
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid " + name + " header value '" + value + "': " + e.getMessage(), e);
        }
    }

    /** A URI ({@code sip:}, {@code sips:}, {@code tel:} or other). */
    public URI uri(String uri) {
        try {
            return addressFactory.createURI(uri);
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid URI '" + uri + "': " + e.getMessage(), e);
        }
    }

    /** An address: a bare URI, {@code <uri>}, or {@code "Display" <uri>}. */
    public Address address(String address) {
        try {
            return addressFactory.createAddress(address);
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid address '" + address + "': " + e.getMessage(), e);
        }
    }

    /** The value of the first header with this name (long or compact form), or null. */
    public String headerValue(Message message, String name) {
        Header header = message.getHeader(name);
        return header == null ? null : Headers.value(header);
    }

    /** The values of every header with this name, in order; a comma-joined header counts once per value. */
    public List<String> headerValues(Message message, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<?> headers = message.getHeaders(name);
        while (headers.hasNext()) {
            values.add(Headers.value((Header) headers.next()));
        }
        return List.copyOf(values);
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String firstLine(String text) {
        String stripped = text.stripLeading();
        int end = stripped.indexOf('\n');
        return (end < 0 ? stripped : stripped.substring(0, end)).strip();
    }

    /**
     * Builds one request. {@code from}, {@code to} and {@code via} are required. Defaults: a new
     * From tag, no To tag, a new Call-ID, CSeq 1, a new branch, transport TLS, {@code rport}
     * (RFC 3581), Max-Forwards 70, no Contact, no User-Agent, no body. Headers come out in the
     * order of RFC 3261's examples (Via, Max-Forwards, To, From, Call-ID, CSeq), then Contact,
     * User-Agent and any extra headers in the order given, then Content-Type and Content-Length.
     */
    public final class RequestBuilder {
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
        private int maxForwards = DEFAULT_MAX_FORWARDS;
        private String contactUri;
        private int contactExpires = -1;
        private String userAgent;
        private final List<Header> extraHeaders = new ArrayList<>();
        private String contentType;
        private byte[] body;

        private RequestBuilder(String method, String requestUri) {
            this.method = Objects.requireNonNull(method, "method");
            this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
        }

        /** The From address with a new random tag. */
        public RequestBuilder from(String uri) {
            return from(uri, newTag());
        }

        /** The From address and tag (the tag is required in every request, §8.1.1.3). */
        public RequestBuilder from(String uri, String tag) {
            this.fromUri = Objects.requireNonNull(uri, "from uri");
            this.fromTag = Objects.requireNonNull(tag, "from tag");
            return this;
        }

        /** The To address, without a tag (outside a dialog). */
        public RequestBuilder to(String uri) {
            return to(uri, null);
        }

        /** The To address with the remote tag (inside a dialog), or null for none. */
        public RequestBuilder to(String uri, String tag) {
            this.toUri = Objects.requireNonNull(uri, "to uri");
            this.toTag = tag;
            return this;
        }

        public RequestBuilder callId(String callId) {
            this.callId = Objects.requireNonNull(callId, "callId");
            return this;
        }

        public RequestBuilder cseq(long cseq) {
            this.cseq = cseq;
            return this;
        }

        /** The sent-by of the Via: this side's address on the connection; transport TLS. */
        public RequestBuilder via(String host, int port) {
            return via(host, port, "TLS");
        }

        public RequestBuilder via(String host, int port, String transport) {
            this.viaHost = Objects.requireNonNull(host, "via host");
            this.viaPort = port;
            this.viaTransport = Objects.requireNonNull(transport, "via transport");
            return this;
        }

        /** A given branch instead of a new one (a CANCEL or non-2xx ACK reuses the INVITE's, §9.1, §17.1.1.3). */
        public RequestBuilder branch(String branch) {
            this.branch = Objects.requireNonNull(branch, "branch");
            return this;
        }

        /** Whether the Via asks for {@code rport} (RFC 3581); on by default. */
        public RequestBuilder rport(boolean rport) {
            this.rport = rport;
            return this;
        }

        public RequestBuilder maxForwards(int maxForwards) {
            this.maxForwards = maxForwards;
            return this;
        }

        /** A Contact {@code <uri>}. */
        public RequestBuilder contact(String uri) {
            return contact(uri, -1);
        }

        /** A Contact {@code <uri>;expires=n} (as in a REGISTER), or without expires when negative. */
        public RequestBuilder contact(String uri, int expires) {
            this.contactUri = Objects.requireNonNull(uri, "contact uri");
            this.contactExpires = expires;
            return this;
        }

        public RequestBuilder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** Adds a header after the standard ones. */
        public RequestBuilder header(Header header) {
            extraHeaders.add(Objects.requireNonNull(header, "header"));
            return this;
        }

        /** Adds a header after the standard ones, parsed from its name and value. */
        public RequestBuilder header(String name, String value) {
            return header(SipMessages.this.header(name, value));
        }

        /** A body with its type, such as {@code application/sdp}; Content-Length follows from it. */
        public RequestBuilder body(String contentType, byte[] body) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            this.body = body.clone();
            return this;
        }

        public RequestBuilder body(String contentType, String body) {
            return body(contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public Request build() {
            require(fromUri, "from");
            require(toUri, "to");
            require(viaHost, "via");
            try {
                Request request = messageFactory.createRequest(uri(requestUri), method,
                        headerFactory.createCallIdHeader(callId != null ? callId : newCallId()),
                        headerFactory.createCSeqHeader(cseq, method),
                        headerFactory.createFromHeader(nameAddress(fromUri, "from"), fromTag),
                        headerFactory.createToHeader(nameAddress(toUri, "to"), toTag),
                        List.of(via()),
                        headerFactory.createMaxForwardsHeader(maxForwards));
                for (String name : STANDARD_ORDER) {
                    Header header = request.getHeader(name);
                    request.removeHeader(name);
                    request.addLast(header);
                }
                if (contactUri != null) {
                    ContactHeader contact = headerFactory.createContactHeader(nameAddress(contactUri, "contact"));
                    if (contactExpires >= 0) {
                        contact.setExpires(contactExpires);
                    }
                    request.addHeader(contact);
                }
                if (userAgent != null) {
                    request.addHeader(SipMessages.this.header("User-Agent", userAgent));
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
            ViaHeader via = headerFactory.createViaHeader(viaHost, viaPort, viaTransport,
                    branch != null ? branch : newBranch());
            if (rport) {
                via.setRPort();
            }
            return via;
        }

        private Address nameAddress(String uri, String field) {
            Address address = addressFactory.createAddress(parseUri(uri, field));
            return address;
        }

        private URI parseUri(String uri, String field) {
            try {
                return addressFactory.createURI(uri);
            } catch (ParseException e) {
                throw new IllegalArgumentException(field + " URI '" + uri + "' is invalid: " + e.getMessage(), e);
            }
        }

        private ContentTypeHeader contentType(String type) throws ParseException {
            int slash = type.indexOf('/');
            if (slash <= 0 || slash == type.length() - 1) {
                throw new IllegalArgumentException("content type '" + type + "' must read type/subtype");
            }
            return headerFactory.createContentTypeHeader(type.substring(0, slash), type.substring(slash + 1));
        }

        private void require(Object value, String field) {
            if (value == null) {
                throw new IllegalStateException(method + " request to " + requestUri + ": " + field + " is required");
            }
        }
    }
}

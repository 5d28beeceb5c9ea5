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
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
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

    MessageFactoryImpl messageFactory() {
        return messageFactory;
    }

    HeaderFactoryImpl headerFactory() {
        return headerFactory;
    }

    AddressFactoryImpl addressFactory() {
        return addressFactory;
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

    /** Starts a request; see {@link SipRequestBuilder} for what must be set and what defaults. */
    public SipRequestBuilder request(String method, String requestUri) {
        return new SipRequestBuilder(this, method, requestUri);
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

    /**
     * Parses the header section of a message whose body was skipped, as
     * {@link TooLongSipMessageException#headerSection()} holds it: every check of {@link #parse(String)}
     * but the body length.
     *
     * @throws SipParseException naming the line and header that failed
     */
    public Message parseHeaderSection(byte[] headerSection) {
        return parser.parseHeaderSection(headerSection);
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
}

package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class SipMessagesTest {

    private final SipMessages sip = new SipMessages();

    private static final String OVERSIZED_HEADERS = "MESSAGE sips:101@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:5062;branch=z9hG4bK-1\r\nFrom: <sips:100@127.0.0.1>;tag=a\r\n"
            + "To: <sips:101@127.0.0.1>\r\nCall-ID: big\r\nCSeq: 4 MESSAGE\r\nContent-Length: 70000\r\n\r\n";

    @Test
    void headerSectionOfASkippedMessageParsesWithoutItsBody() {
        Request request = assertInstanceOf(Request.class,
                sip.parseHeaderSection(OVERSIZED_HEADERS.getBytes(StandardCharsets.US_ASCII)));

        assertEquals("MESSAGE", request.getMethod());
        assertEquals(513, sip.response(513, request).getStatusCode());
    }

    @Test
    void headerSectionIsCheckedLikeAWholeMessage() {
        byte[] bad = OVERSIZED_HEADERS.replace("CSeq: 4 MESSAGE", "CSeq: four MESSAGE").getBytes(StandardCharsets.US_ASCII);

        SipParseException e = assertThrows(SipParseException.class, () -> sip.parseHeaderSection(bad));
        assertTrue(e.getMessage().contains("invalid CSeq header"), e.getMessage());
        assertThrows(SipParseException.class, () -> sip.parse(OVERSIZED_HEADERS), "a whole message needs its body");
    }

    @Test
    void registerHasEveryHeaderAUserAgentMustSend() {
        Request register = sip.request(Request.REGISTER, "sip:127.0.0.1:5161;transport=tls")
                .from("sip:101@127.0.0.1:5161", "0b3a6ca15d320d24").to("sip:101@127.0.0.1:5161")
                .callId("b6c3771b7e3b9aea").cseq(27986).via("127.0.0.1", 15061)
                .contact("sip:101@127.0.0.1:15061;transport=tls", 300)
                .userAgent("baresip v1.0.0 (x86_64/linux)").build();

        String text = new String(SipMessageCodec.encode(register), StandardCharsets.UTF_8);
        String branch = ((ViaHeader) register.getHeader(ViaHeader.NAME)).getBranch();
        assertEquals(String.join("\r\n",
                "REGISTER sip:127.0.0.1:5161;transport=tls SIP/2.0",
                "Via: SIP/2.0/TLS 127.0.0.1:15061;branch=" + branch + ";rport",
                "Max-Forwards: 70",
                "To: <sip:101@127.0.0.1:5161>",
                "From: <sip:101@127.0.0.1:5161>;tag=0b3a6ca15d320d24",
                "Call-ID: b6c3771b7e3b9aea",
                "CSeq: 27986 REGISTER",
                "Contact: <sip:101@127.0.0.1:15061;transport=tls>;expires=300",
                "User-Agent: baresip v1.0.0 (x86_64/linux)",
                "Content-Length: 0", "", ""), text);
        assertTrue(branch.matches("z9hG4bK[0-9a-f]{16}"), branch);
    }

    @Test
    void defaultsAreFreshTagsBranchAndCallId() {
        Request first = options();
        Request second = options();

        String tag = ((FromHeader) first.getHeader(FromHeader.NAME)).getTag();
        assertTrue(tag.matches("[0-9a-f]{16}"), tag);
        assertNull(((ToHeader) first.getHeader(ToHeader.NAME)).getTag(), "no To tag outside a dialog");
        String callId = sip.headerValue(first, "Call-ID");
        assertTrue(callId.matches("[0-9a-f]{32}"), callId);
        assertEquals("1 OPTIONS", sip.headerValue(first, "CSeq"));
        assertNotEquals(callId, sip.headerValue(second, "Call-ID"));
        assertNotEquals(((ViaHeader) first.getHeader(ViaHeader.NAME)).getBranch(),
                ((ViaHeader) second.getHeader(ViaHeader.NAME)).getBranch());
    }

    @Test
    void generatorsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(sip.newTag()));
            assertTrue(seen.add(sip.newBranch()));
            assertTrue(seen.add(sip.newCallId()));
        }
    }

    @Test
    void inviteCarriesItsBodyAndExtraHeadersInOrder() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n";
        Request invite = sip.request(Request.INVITE, "sip:600@127.0.0.1:5161;transport=tls")
                .from("sip:101@127.0.0.1:5161").to("sip:600@127.0.0.1:5161").via("127.0.0.1", 15061)
                .contact("sip:101@127.0.0.1:15061;transport=tls")
                .header("Allow", "INVITE,ACK,BYE,CANCEL").header("Supported", "replaces")
                .body("application/sdp", sdp).build();

        assertArrayEquals(sdp.getBytes(StandardCharsets.UTF_8), invite.getRawContent());
        assertEquals("application/sdp", sip.headerValue(invite, "Content-Type"));
        assertEquals(Integer.toString(sdp.length()), sip.headerValue(invite, "Content-Length"));
        String text = new String(SipMessageCodec.encode(invite), StandardCharsets.UTF_8);
        assertTrue(text.contains("Allow: INVITE,ACK,BYE,CANCEL\r\nSupported: replaces\r\n"), text);
        assertTrue(text.endsWith("\r\n\r\n" + sdp), text);
    }

    @Test
    void responseCopiesTheTransactionHeadersAndAddsTheToTag() {
        Request register = sip.parseRequest(AsteriskTrace.text(AsteriskTrace.REGISTER));

        Response ok = sip.response(Response.OK, register, "z9hG4bK777a018fd259a5d5");

        assertEquals("SIP/2.0 200 OK", new String(SipMessageCodec.encode(ok), StandardCharsets.UTF_8).split("\r\n")[0]);
        for (String name : List.of("Via", "From", "Call-ID", "CSeq")) {
            assertEquals(sip.headerValue(register, name), sip.headerValue(ok, name), name);
        }
        assertEquals("z9hG4bK777a018fd259a5d5", ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag());
        assertNull(((ToHeader) register.getHeader(ToHeader.NAME)).getTag(), "the request is left alone");
    }

    @Test
    void responseWithoutToTag() {
        Request invite = sip.parseRequest(AsteriskTrace.text(AsteriskTrace.INVITE_AUTHORIZED));

        Response trying = sip.response(Response.TRYING, invite);

        assertEquals(100, trying.getStatusCode());
        assertNull(((ToHeader) trying.getHeader(ToHeader.NAME)).getTag());
    }

    @Test
    void rejectsAStatusOutsideTheSipRange() {
        Request register = sip.parseRequest(AsteriskTrace.text(AsteriskTrace.REGISTER));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sip.response(42, register));
        assertEquals("status 42 is not a SIP status code (100-699)", e.getMessage());
    }

    @Test
    void buildingWithoutFromNamesTheMissingField() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sip.request(Request.OPTIONS, "sip:127.0.0.1").to("sip:127.0.0.1").via("127.0.0.1", 5061).build());
        assertEquals("OPTIONS request to sip:127.0.0.1: from is required", e.getMessage());
    }

    @Test
    void invalidUriNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sip.request(Request.OPTIONS, "sip:127.0.0.1").from("not a uri").to("sip:127.0.0.1")
                        .via("127.0.0.1", 5061).build());
        assertTrue(e.getMessage().startsWith("from URI 'not a uri' is invalid"), e.getMessage());
    }

    @Test
    void parsesTheTraceAndReadsHeaderValues() {
        Response unauthorized = sip.parseResponse(AsteriskTrace.text(AsteriskTrace.REGISTER_401));

        assertEquals(AsteriskTrace.headerValue(AsteriskTrace.REGISTER_401, "WWW-Authenticate"),
                DigestChallenge.parse(sip.headerValue(unauthorized, "WWW-Authenticate")).toHeaderValue());
        assertEquals(List.of("Asterisk-PBX-peers-test"), sip.headerValues(unauthorized, "Server"));
        assertNull(sip.headerValue(unauthorized, "Contact"));
    }

    @Test
    void parseRequestRejectsAResponse() {
        SipParseException e = assertThrows(SipParseException.class,
                () -> sip.parseRequest(AsteriskTrace.text(AsteriskTrace.REGISTER_401)));
        assertEquals("line 1: expected a request but found 'SIP/2.0 401 Unauthorized'", e.getMessage());
    }

    @Test
    void parseRejectsABodyThatDisagreesWithContentLength() {
        String text = AsteriskTrace.text(AsteriskTrace.REGISTER) + "extra";

        SipParseException e = assertThrows(SipParseException.class, () -> sip.parse(text));
        assertEquals(11, e.lineNumber());
        assertEquals("line 11: Content-Length is 0 but the body has 5 bytes", e.getMessage());
    }

    @Test
    void parseRejectsAMessageWithoutTheEmptyLine() {
        String text = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nCall-ID: a\r\n";

        SipParseException e = assertThrows(SipParseException.class, () -> sip.parse(text));
        assertTrue(e.getMessage().startsWith("no empty line after the header section (after 2 lines)"), e.getMessage());
    }

    @Test
    void headerHelperParsesIntoTheTypedHeader() {
        ContactHeader contact = assertInstanceOf(ContactHeader.class,
                sip.header("Contact", "<sip:101@127.0.0.1:15061;transport=tls>;expires=300"));

        assertEquals(300, contact.getExpires());
        assertEquals("127.0.0.1", ((SipURI) contact.getAddress().getURI()).getHost());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sip.header("CSeq", "one"));
        assertTrue(e.getMessage().startsWith("invalid CSeq header value 'one'"), e.getMessage());
    }

    private Request options() {
        return sip.request(Request.OPTIONS, "sip:127.0.0.1:5161;transport=tls")
                .from("sip:101@127.0.0.1:5161").to("sip:127.0.0.1:5161").via("127.0.0.1", 15061).build();
    }
}

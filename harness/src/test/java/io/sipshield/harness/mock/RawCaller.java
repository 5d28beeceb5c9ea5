package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.emulator.sip.DigestAuthenticator;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.sip.SipRequestBuilder;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests a bare {@link RawSipClient} sends to the mock as one endpoint, written out by hand for tests
 * that must see what no phone sends on its own (a CANCEL on another branch, a BYE for no dialog): From the
 * endpoint with tag {@code caller-tag}, To the extension dialled at {@code pbx.sip.test}, Via and Contact
 * the client's own TLS address. {@link #invite} answers the mock's 401 with a digest {@code Authorization}
 * (RFC 3261 §22.2), as chan_pjsip demands before the dialplan runs.
 */
final class RawCaller {

    private final SipMessages messages;
    private final String user;
    private final String password;

    /** Calls as {@code user} with {@code password}; {@code messages} makes the requests and branches. */
    RawCaller(SipMessages messages, String user, String password) {
        this.messages = messages;
        this.user = user;
        this.password = password;
    }

    /** The Contact the client's requests carry: {@code sip:USER@HOST:PORT;transport=tls} of its local end. */
    String contactOf(RawSipClient client) {
        return "sip:" + user + "@" + client.localAddress().getAddress().getHostAddress() + ":"
                + client.localAddress().getPort() + ";transport=tls";
    }

    /** A request with no body. */
    Request request(RawSipClient client, String method, String extension, String callId, long cseq, String branch) {
        return request(client, method, extension, callId, cseq, branch, null);
    }

    /** A request carrying {@code sdp} as {@code application/sdp} when it is not null. */
    Request request(RawSipClient client, String method, String extension, String callId, long cseq, String branch,
                    String sdp) {
        String uri = "sip:" + extension + "@" + TestPbx.SERVER_HOST;
        SipRequestBuilder builder = messages.request(method, uri)
                .from("sip:" + user + "@" + TestPbx.SERVER_HOST, "caller-tag")
                .to(uri)
                .callId(callId)
                .cseq(cseq)
                .via(client.localAddress().getAddress().getHostAddress(), client.localAddress().getPort(), "TLS")
                .branch(branch)
                .contact(contactOf(client));
        if (sdp != null) {
            builder.body("application/sdp", sdp);
        }
        return builder.build();
    }

    /**
     * Sends an INVITE with {@code offer} (CSeq 1), expects the 401, sends it again authenticated (CSeq 2, a
     * new branch) and expects 100 Trying; returns the authenticated INVITE, the next response still unread.
     */
    Request invite(RawSipClient client, String extension, String callId, String offer) throws Exception {
        Request first = request(client, Request.INVITE, extension, callId, 1, messages.newBranch(), offer);
        client.send(first);
        Response challenge = client.next();
        assertEquals(401, challenge.getStatusCode());
        Request second = request(client, Request.INVITE, extension, callId, 2, messages.newBranch(), offer);
        second.addHeader(new DigestAuthenticator(user, password).authorizationFor(challenge, second));
        client.send(second);
        assertEquals(100, client.next().getStatusCode());
        return second;
    }

    /** The branch of the request's top Via: a CANCEL must carry its INVITE's (RFC 3261 §9.1). */
    static String branchOf(Request request) {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch();
    }
}

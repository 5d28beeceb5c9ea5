package io.sipshield.harness.mock;

import io.netty.channel.Channel;
import io.sipshield.emulator.sip.SipMessages;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import javax.sip.message.Request;

/**
 * Two phones joined by {@code Dial(PJSIP/...)}: the caller's leg (the mock answered its INVITE)
 * and the callee's (the mock's INVITE down the callee's own connection), each with its own RTP
 * port and, on SRTP legs, the mock's own key per leg. A BYE on either leg ends both: the other
 * phone gets a BYE from the mock.
 */
final class DialBridge {

    /**
     * One leg's dialog as the mock sees it.
     *
     * @param sip        the phone's TLS connection
     * @param callId     the leg's Call-ID
     * @param requestUri where in-dialog requests go (the phone's Contact)
     * @param localUri   the mock's URI on this leg (From of its requests)
     * @param localTag   the mock's tag
     * @param remoteUri  the phone's URI
     * @param remoteTag  the phone's tag
     * @param media      the mock's RTP channel for this leg
     */
    record Leg(Channel sip, String callId, String requestUri, String localUri, String localTag, String remoteUri,
               String remoteTag, Channel media) {
    }

    private final Leg caller;
    private final Leg callee;
    private final Runnable callerGone;
    private final SipMessages messages = new SipMessages(new SecureRandom());

    /**
     * @param callerGone run on the caller's connection's event loop when the callee ends the call
     *                   (the caller's handler forgets its call)
     */
    DialBridge(Leg caller, Leg callee, Runnable callerGone) {
        this.caller = caller;
        this.callee = callee;
        this.callerGone = callerGone;
    }

    String callerCallId() {
        return caller.callId();
    }

    String calleeCallId() {
        return callee.callId();
    }

    /** One leg hung up (its BYE already answered): the media stops and the other leg gets a BYE. */
    void endedBy(String callId) {
        caller.media().close();
        callee.media().close();
        if (callId.equals(caller.callId())) {
            bye(callee, messages);
        } else {
            bye(caller, messages);
            caller.sip().eventLoop().execute(callerGone);
        }
    }

    /** Ends a leg no bridge was made for (its caller went away first): media closed, BYE sent. */
    static void hangUp(Leg leg, SipMessages messages) {
        leg.media().close();
        bye(leg, messages);
    }

    private static void bye(Leg leg, SipMessages messages) {
        if (!leg.sip().isActive()) {
            return;
        }
        InetSocketAddress local = (InetSocketAddress) leg.sip().localAddress();
        Request bye = messages.request(Request.BYE, leg.requestUri())
                .from(leg.localUri(), leg.localTag())
                .to(leg.remoteUri(), leg.remoteTag())
                .callId(leg.callId())
                .cseq(2)
                .via(local.getAddress().getHostAddress(), local.getPort(), "TLS")
                .build();
        leg.sip().writeAndFlush(bye);
    }
}

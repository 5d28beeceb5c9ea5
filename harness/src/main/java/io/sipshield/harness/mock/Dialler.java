package io.sipshield.harness.mock;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.sipshield.emulator.media.RtpCodec;
import io.sipshield.emulator.media.RtpPorts;
import io.sipshield.emulator.media.SrtpCodec;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.sip.SipRequestBuilder;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Dial(PJSIP/target)} for one caller: an INVITE with the mock's own offer (for an sdes
 * callee, with its own key) goes down the callee's registered connection; when the callee answers
 * 200, the caller is answered with the mock's key for its leg and the legs are bridged
 * ({@link RelayHandler}: each frame re-stamped and re-protected per leg). A callee that refuses
 * passes its status on to the caller. Runs on the caller's connection's event loop.
 */
final class Dialler {

    private static final Logger LOG = LoggerFactory.getLogger(Dialler.class);

    /** The caller's side of the call, as its connection's handler keeps it. */
    interface Caller {
        /** Whether the caller's INVITE still awaits a final response (not CANCELled). */
        boolean pending();

        /** Ends the caller's INVITE with a final non-2xx status, unless it is over already. */
        void fail(int status);

        /** Answers the caller 200 with the mock's SDP on {@code media}; returns the mock's To tag. */
        String answer(Channel media);

        /** The callee hung up: the caller's call is over (run on the caller's event loop). */
        void forget();
    }

    private final PbxState state;
    private final SipMessages messages;
    private final SecureRandom random;

    Dialler(PbxState state, SipMessages messages, SecureRandom random) {
        this.state = state;
        this.messages = messages;
        this.random = random;
    }

    /**
     * @param callerSip     the caller's connection
     * @param answerCrypto  the mock's a=crypto for the caller's leg, or null for plain RTP
     * @param remote        where the caller wants RTP
     * @param localAddress  the mock's address on the caller's side
     */
    void dial(Channel callerSip, Request invite, Caller caller, MockEndpoint callee, Registrar.Reachable reachable,
              Channel calleeSip, AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto,
              InetSocketAddress remote, String localAddress) {
        EventLoop loop = callerSip.eventLoop();
        String calleeHost = ((InetSocketAddress) calleeSip.localAddress()).getAddress().getHostAddress();
        RtpPorts.bind(loop, localAddress).whenComplete((callerPorts, failure) -> loop.execute(() -> {
            if (failure != null) {
                caller.fail(Response.SERVER_INTERNAL_ERROR);
                return;
            }
            RtpPorts.bind(loop, calleeHost).whenComplete((calleePorts, failed) -> loop.execute(() -> {
                if (failed != null) {
                    callerPorts.close();
                    caller.fail(Response.SERVER_INTERNAL_ERROR);
                    return;
                }
                if (!caller.pending()) {
                    callerPorts.close();
                    calleePorts.close();
                    return;
                }
                inviteCallee(callerSip, invite, caller, callee, reachable, calleeSip, outcome, answerCrypto, remote,
                        callerPorts, calleePorts);
            }));
        }));
    }

    private void inviteCallee(Channel callerSip, Request callerInvite, Caller caller, MockEndpoint callee,
                              Registrar.Reachable reachable, Channel calleeSip,
                              AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto,
                              InetSocketAddress remote, RtpPorts callerPorts, RtpPorts calleePorts) {
        InetSocketAddress calleeLocal = (InetSocketAddress) calleeSip.localAddress();
        String calleeHost = calleeLocal.getAddress().getHostAddress();
        CryptoAttribute calleeKey = callee.mediaEncryption() == MediaEncryption.SDES
                ? CryptoAttribute.of(1, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80,
                        SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, random))
                : null;
        String callerUser = ((SipURI) ((FromHeader) callerInvite.getHeader(FromHeader.NAME)).getAddress().getURI())
                .getUser();
        String fromUri = "sip:" + callerUser + "@" + calleeHost;
        String toUri = "sip:" + callee.id() + "@" + calleeHost;
        String fromTag = messages.newTag();
        String calleeCallId = messages.newCallId();
        Request invite = messages.request(Request.INVITE, reachable.binding().contact())
                .from(fromUri, fromTag)
                .to(toUri)
                .callId(calleeCallId)
                .cseq(1)
                .via(calleeHost, calleeLocal.getPort(), "TLS")
                .contact("sip:" + calleeHost + ":" + calleeLocal.getPort() + ";transport=TLS")
                .userAgent(state.userAgent())
                .body("application/sdp", offer(calleeKey, calleeHost, calleePorts))
                .build();
        String inviteBranch = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getBranch();
        state.routing().expectResponses(calleeCallId, response -> callerSip.eventLoop().execute(() -> {
            int status = response.getStatusCode();
            if (status < 200) {
                return;
            }
            state.routing().stopExpecting(calleeCallId);
            String calleeTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
            String calleeContact = status < 300 && response.getHeader(ContactHeader.NAME) instanceof ContactHeader c
                    ? c.getAddress().getURI().toString() : reachable.binding().contact();
            SipRequestBuilder ack = messages.request(Request.ACK, calleeContact)
                    .from(fromUri, fromTag).to(toUri, calleeTag).callId(calleeCallId).cseq(1)
                    .via(calleeHost, calleeLocal.getPort(), "TLS");
            if (status >= 300) {
                ack.branch(inviteBranch);
            }
            calleeSip.writeAndFlush(ack.build());
            if (status >= 300) {
                callerPorts.close();
                calleePorts.close();
                caller.fail(status);
                return;
            }
            DialBridge.Leg calleeLeg = new DialBridge.Leg(calleeSip, calleeCallId, calleeContact, fromUri, fromTag,
                    toUri, calleeTag, calleePorts.rtp());
            bridge(callerSip, callerInvite, caller, callee, calleeLeg, response, calleeKey, outcome, answerCrypto,
                    remote, callerPorts, calleePorts);
        }));
        calleeSip.writeAndFlush(invite);
    }

    private String offer(CryptoAttribute calleeKey, String calleeHost, RtpPorts calleePorts) {
        List<String> attributes = new ArrayList<>();
        if (calleeKey != null) {
            attributes.add("crypto:" + calleeKey.toSdpValue());
        }
        attributes.addAll(List.of("rtpmap:0 PCMU/8000", "ptime:20", "maxptime:140", "sendrecv"));
        long sessionId = random.nextInt(Integer.MAX_VALUE);
        return SessionDescription.audioBody("Asterisk", sessionId, sessionId, calleeHost,
                calleePorts.rtpAddress().getPort(), calleeKey != null ? "RTP/SAVP" : "RTP/AVP", List.of("0"),
                attributes);
    }

    /** The callee answered 200: answer the caller and relay media between the legs. */
    private void bridge(Channel callerSip, Request callerInvite, Caller caller, MockEndpoint callee,
                        DialBridge.Leg calleeLeg, Response calleeAnswer, CryptoAttribute calleeKey,
                        AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto,
                        InetSocketAddress remote, RtpPorts callerPorts, RtpPorts calleePorts) {
        MediaDescription answer;
        CryptoAttribute calleeAnswerKey;
        try {
            byte[] body = calleeAnswer.getRawContent();
            answer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
            calleeAnswerKey = calleeKey == null ? null
                    : CryptoAttribute.parse(answer.attributeValue("crypto").orElseThrow(
                            () -> new IllegalArgumentException("the callee's SRTP answer has no a=crypto")));
        } catch (SdpParseException | IllegalArgumentException e) {
            LOG.warn("Dial(PJSIP/{}): unusable answer from the callee: {}", callee.id(), e.getMessage());
            callerPorts.close();
            DialBridge.hangUp(calleeLeg, messages);
            caller.fail(Response.SERVER_INTERNAL_ERROR);
            return;
        }
        if (!caller.pending()) {
            callerPorts.close();
            DialBridge.hangUp(calleeLeg, messages);
            return;
        }
        RelayHandler toCallee = new RelayHandler(random);
        RelayHandler toCaller = new RelayHandler(random);
        CryptoAttribute callerOffered = outcome instanceof AsteriskMediaNegotiation.Srtp srtp ? srtp.offered() : null;
        callerPorts.rtp().pipeline().addLast("media", mediaCodec(answerCrypto, callerOffered, remote));
        callerPorts.rtp().pipeline().addLast("relay", toCallee);
        calleePorts.rtp().pipeline().addLast("media", mediaCodec(calleeKey, calleeAnswerKey,
                new InetSocketAddress(answer.connectionAddress(), answer.port())));
        calleePorts.rtp().pipeline().addLast("relay", toCaller);
        toCallee.relayTo(calleePorts.rtp());
        toCaller.relayTo(callerPorts.rtp());
        callerPorts.rtp().closeFuture().addListener(f -> calleePorts.close());
        calleePorts.rtp().closeFuture().addListener(f -> callerPorts.close());
        String callerTag = caller.answer(callerPorts.rtp());
        String callerCallId = ((CallIdHeader) callerInvite.getHeader(CallIdHeader.NAME)).getCallId();
        FromHeader callerFrom = (FromHeader) callerInvite.getHeader(FromHeader.NAME);
        ContactHeader callerContact = (ContactHeader) callerInvite.getHeader(ContactHeader.NAME);
        String callerUri = callerFrom.getAddress().getURI().toString();
        DialBridge.Leg callerLeg = new DialBridge.Leg(callerSip, callerCallId,
                callerContact != null ? callerContact.getAddress().getURI().toString() : callerUri,
                ((ToHeader) callerInvite.getHeader(ToHeader.NAME)).getAddress().getURI().toString(), callerTag,
                callerUri, callerFrom.getTag(), callerPorts.rtp());
        state.routing().bridge(new DialBridge(callerLeg, calleeLeg, caller::forget));
    }

    /** RTP or SRTP on one leg: the mock's key out, the phone's key in. */
    private static ChannelHandler mediaCodec(CryptoAttribute local, CryptoAttribute remoteKey,
                                             InetSocketAddress remote) {
        if (local == null || remoteKey == null) {
            return new RtpCodec(remote, status -> { });
        }
        return new SrtpCodec(SrtpContext.create(local.suite(), local.key()),
                SrtpContext.create(remoteKey.suite(), remoteKey.key()), remote, status -> { });
    }
}

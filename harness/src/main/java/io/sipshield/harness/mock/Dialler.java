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
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.harness.mock.dialplan.DialFailure;
import io.sipshield.harness.mock.dialplan.HangupCauses;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * {@code Dial(PJSIP/target[,timeout])} for one caller: an INVITE with the mock's own offer (for an
 * sdes callee, with its own key) goes down the callee's registered connection; when the callee
 * answers 200, the caller is answered with the mock's key for its leg and the legs are bridged
 * ({@link RelayHandler}: each frame re-stamped and re-protected per leg). A callee that refuses
 * gives DIALSTATUS and a cause ({@link DialFailure#ofResponse}; an internal failure is cause 38,
 * AST_CAUSE_FAILURE); one still ringing at the timeout, or when the caller goes away, is sent
 * CANCEL (app_dial.c hangs up the outbound channel, chan_pjsip CANCELs it), and the timeout is
 * NOANSWER. Runs on the caller's connection's event loop.
 */
final class Dialler {

    /** The caller's side of the call, as its connection's handler keeps it. */
    interface Caller {
        /** Whether the caller's INVITE still awaits a final response (not CANCELled). */
        boolean pending();

        /** The callee did not answer: the caller's dialplan goes on with this DIALSTATUS. */
        void notBridged(DialFailure failure);

        /** Answers the caller 200 with the mock's SDP on {@code media}; returns the mock's To tag. */
        String answer(Channel media);

        /** The callee hung up: the caller's call is over (run on the caller's event loop). */
        void forget();

        /** The callee rings (180 or 183): the caller hears 180 Ringing, once. */
        void ringing();
    }

    private final PbxState state;
    private final SipMessages messages;
    private final SecureRandom random;
    private final PbxLog.Writer log;

    Dialler(PbxState state, SipMessages messages, SecureRandom random) {
        this.state = state;
        this.messages = messages;
        this.random = random;
        this.log = state.log().writer(Dialler.class);
    }

    /** One Dial() attempt, which the caller's dialplan can stop while it rings. */
    static final class Attempt {
        private boolean over;
        private Channel calleeSip;
        private SipRequestBuilder cancel;
        private ScheduledFuture<?> timeout;

        /**
         * The caller went away (CANCEL, BYE) or the timeout passed: a ringing callee gets CANCEL
         * (RFC 3261 §9.1: same Request-URI, Call-ID, From, To, CSeq number and branch as the INVITE).
         */
        void stop() {
            if (over) {
                return;
            }
            over = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (cancel != null && calleeSip.isActive()) {
                calleeSip.writeAndFlush(cancel.build());
            }
        }

        private boolean over() {
            return over;
        }

        private void done() {
            over = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    /**
     * @param callerSip     the caller's connection
     * @param answerCrypto  the mock's a=crypto for the caller's leg, or null for plain RTP
     * @param remote        where the caller wants RTP
     * @param localAddress  the mock's address on the caller's side
     * @param ringFor       Dial()'s timeout; empty rings until the callee answers or refuses
     */
    Attempt dial(Channel callerSip, Request invite, Caller caller, MockEndpoint callee, Registrar.Reachable reachable,
                 Channel calleeSip, AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto,
                 InetSocketAddress remote, String localAddress, Optional<Duration> ringFor) {
        Attempt attempt = new Attempt();
        EventLoop loop = callerSip.eventLoop();
        ringFor.ifPresent(t -> attempt.timeout = loop.schedule(() -> {
            if (!attempt.over()) {
                log.info("Dial(PJSIP/{}): no answer within {} ms", callee.id(), t.toMillis());
                attempt.stop();
                caller.notBridged(DialFailure.noAnswer());
            }
        }, t.toMillis(), TimeUnit.MILLISECONDS));
        String calleeHost = ((InetSocketAddress) calleeSip.localAddress()).getAddress().getHostAddress();
        RtpPorts.bind(loop, localAddress).whenComplete((callerPorts, failure) -> loop.execute(() -> {
            if (failure != null) {
                failed(attempt, caller, DialFailure.ofCause(HangupCauses.FAILURE));
                return;
            }
            RtpPorts.bind(loop, calleeHost).whenComplete((calleePorts, failed) -> loop.execute(() -> {
                if (failed != null) {
                    callerPorts.close();
                    failed(attempt, caller, DialFailure.ofCause(HangupCauses.FAILURE));
                    return;
                }
                if (!caller.pending() || attempt.over()) {
                    callerPorts.close();
                    calleePorts.close();
                    return;
                }
                inviteCallee(callerSip, invite, caller, callee, reachable, calleeSip, outcome, answerCrypto, remote,
                        callerPorts, calleePorts, attempt);
            }));
        }));
        return attempt;
    }

    private static void failed(Attempt attempt, Caller caller, DialFailure status) {
        if (!attempt.over()) {
            attempt.done();
            if (caller.pending()) {
                caller.notBridged(status);
            }
        }
    }

    private void inviteCallee(Channel callerSip, Request callerInvite, Caller caller, MockEndpoint callee,
                              Registrar.Reachable reachable, Channel calleeSip,
                              AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto,
                              InetSocketAddress remote, RtpPorts callerPorts, RtpPorts calleePorts, Attempt attempt) {
        InetSocketAddress calleeLocal = (InetSocketAddress) calleeSip.localAddress();
        String calleeHost = calleeLocal.getAddress().getHostAddress();
        // res_srtp: tag 1, AES_CM_128_HMAC_SHA1_80, or _32 with srtp_tag_32
        CryptoAttribute calleeKey = callee.mediaEncryption() == MediaEncryption.SDES
                ? CryptoAttribute.of(1, callee.offerSuite(), SrtpMasterKey.random(callee.offerSuite(), random))
                : null;
        String callerUser = ((SipURI) ((FromHeader) callerInvite.getHeader(FromHeader.NAME)).getAddress().getURI())
                .getUser();
        String fromUri = "sip:" + callerUser + "@" + calleeHost;
        String toUri = "sip:" + callee.id() + "@" + calleeHost;
        String fromTag = messages.newTag();
        String calleeCallId = messages.newCallId();
        String calleeOffer = offer(callee, calleeKey, calleeHost, calleePorts);
        Request invite = messages.request(Request.INVITE, reachable.binding().contact())
                .from(fromUri, fromTag)
                .to(toUri)
                .callId(calleeCallId)
                .cseq(1)
                .via(calleeHost, calleeLocal.getPort(), "TLS")
                .contact("sip:" + calleeHost + ":" + calleeLocal.getPort() + ";transport=TLS")
                .userAgent(state.userAgent())
                .body("application/sdp", calleeOffer)
                .build();
        String inviteBranch = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getBranch();
        attempt.calleeSip = calleeSip;
        attempt.cancel = messages.request(Request.CANCEL, reachable.binding().contact())
                .from(fromUri, fromTag).to(toUri).callId(calleeCallId).cseq(1)
                .via(calleeHost, calleeLocal.getPort(), "TLS").branch(inviteBranch);
        state.routing().expectResponses(calleeCallId, response -> callerSip.eventLoop().execute(() -> {
            int status = response.getStatusCode();
            if (Request.CANCEL.equals(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod())) {
                return;
            }
            if (status < 200) {
                if (status >= 180 && !attempt.over()) {
                    // app_dial passes the callee's AST_CONTROL_RINGING to the caller (chan_pjsip: 180 Ringing)
                    caller.ringing();
                }
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
                failed(attempt, caller, DialFailure.ofResponse(status));
                return;
            }
            if (attempt.over()) {
                // answered after the timeout or the caller's hangup (the CANCEL crossed the 200): end that leg
                calleePorts.close();
                callerPorts.close();
                DialBridge.hangUp(new DialBridge.Leg(calleeSip, calleeCallId, calleeContact, fromUri, fromTag, toUri,
                        calleeTag, calleePorts.rtp()), messages);
                return;
            }
            attempt.done();
            DialBridge.Leg calleeLeg = new DialBridge.Leg(calleeSip, calleeCallId, calleeContact, fromUri, fromTag,
                    toUri, calleeTag, calleePorts.rtp());
            bridge(callerSip, callerInvite, caller, callee, calleeLeg, response, calleeKey, outcome, answerCrypto,
                    remote, callerPorts, calleePorts, calleeOffer);
        }));
        calleeSip.writeAndFlush(invite);
    }

    /**
     * The mock's offer to the callee: RTP/SAVP with a=crypto for an sdes endpoint, RTP/AVP with
     * a=crypto when it is optimistic, RTP/AVP for a {@code no} endpoint
     * ({@link AsteriskMediaNegotiation#offerProfile}).
     */
    private String offer(MockEndpoint callee, CryptoAttribute calleeKey, String calleeHost, RtpPorts calleePorts) {
        List<String> attributes = new ArrayList<>();
        if (calleeKey != null) {
            attributes.add("crypto:" + calleeKey.toSdpValue());
        }
        attributes.addAll(List.of("rtpmap:0 PCMU/8000", "ptime:20", "maxptime:140", "sendrecv"));
        long sessionId = random.nextInt(Integer.MAX_VALUE);
        return SessionDescription.audioBody("Asterisk", sessionId, sessionId, calleeHost,
                calleePorts.rtpAddress().getPort(), AsteriskMediaNegotiation.offerProfile(callee), List.of("0"),
                attributes);
    }

    /** The callee answered 200: answer the caller and relay media between the legs. */
    private void bridge(Channel callerSip, Request callerInvite, Caller caller, MockEndpoint callee,
                        DialBridge.Leg calleeLeg, Response calleeAnswer, CryptoAttribute calleeKey,
                        AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto,
                        InetSocketAddress remote, RtpPorts callerPorts, RtpPorts calleePorts, String calleeOffer) {
        MediaDescription answer;
        CryptoAttribute calleeAnswerKey;
        try {
            byte[] body = calleeAnswer.getRawContent();
            answer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
            calleeAnswerKey = calleeKey == null ? null : answerKey(callee, calleeKey, answer);
        } catch (SdpParseException | IllegalArgumentException e) {
            log.warn("Dial(PJSIP/{}): unusable answer from the callee: {}", callee.id(), e.getMessage());
            callerPorts.close();
            DialBridge.hangUp(calleeLeg, messages);
            caller.notBridged(DialFailure.ofCause(HangupCauses.FAILURE));
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
        callerPorts.rtp().pipeline().addLast("media", mediaCodec(answerCrypto, callerOffered, remote,
                state.srtpReceived()));
        callerPorts.rtp().pipeline().addLast("relay", toCallee);
        calleePorts.rtp().pipeline().addLast("media", mediaCodec(calleeKey, calleeAnswerKey,
                new InetSocketAddress(answer.connectionAddress(), answer.port()), state.srtpReceived()));
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
        state.channels().opened(callee.id(), calleeLeg.callId());
        state.routing().bridge(new DialBridge(callerLeg, calleeLeg, caller::forget));
        // the callee's re-INVITEs (hold) are answered by the mock on the callee's leg, with the mock's offer as its SDP
        state.routing().reInvites().opened(calleeLeg.callId(), new ReInviteHandler.Leg(calleeLeg.localTag(),
                calleeLeg.remoteTag(), calleePorts.rtp(), io.sipshield.emulator.sdp.LocalDescription.parse(calleeOffer),
                calleeKey, calleeAnswerKey, new InetSocketAddress(answer.connectionAddress(), answer.port())));
    }

    /**
     * The callee's key from its answer to the mock's SDES offer, or null when the leg goes on in
     * plain RTP. The answer is judged like an offer (res_pjsip_sdp_rtp.c runs the same
     * check_endpoint_media_transport and setup_sdes_srtp on it), so an optimistic callee endpoint
     * takes a plain answer; the chosen line must answer the mock's tag with its suite (RFC 4568 §5.1.2).
     *
     * @throws IllegalArgumentException when Asterisk would not take the answer
     */
    private static CryptoAttribute answerKey(MockEndpoint callee, CryptoAttribute offered, MediaDescription answer) {
        AsteriskMediaNegotiation.Outcome outcome = AsteriskMediaNegotiation.negotiate(callee, answer);
        if (outcome instanceof AsteriskMediaNegotiation.NotAcceptable refused) {
            throw new IllegalArgumentException("the callee's answer is not acceptable: " + refused.why());
        }
        if (!(outcome instanceof AsteriskMediaNegotiation.Srtp srtp)) {
            return null;
        }
        if (srtp.offered().tag() != offered.tag() || srtp.offered().suite() != offered.suite()) {
            throw new IllegalArgumentException("the callee answered a=crypto tag " + srtp.offered().tag() + " "
                    + srtp.offered().suite() + " to the mock's tag " + offered.tag() + " " + offered.suite());
        }
        return srtp.offered();
    }

    /** RTP or SRTP on one leg: the mock's key out, the phone's key in. */
    private static ChannelHandler mediaCodec(CryptoAttribute local, CryptoAttribute remoteKey,
                                             InetSocketAddress remote, SrtpReceiveCounts srtpReceived) {
        if (local == null || remoteKey == null) {
            return new RtpCodec(remote, status -> { });
        }
        return new SrtpCodec(SrtpContext.create(local.suite(), local.key()),
                SrtpContext.create(remoteKey.suite(), remoteKey.key()), remote, srtpReceived::record);
    }
}

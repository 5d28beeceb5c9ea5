package io.sipshield.harness.mock;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.sipshield.emulator.media.RtpCodec;
import io.sipshield.emulator.media.SrtpCodec;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.LocalDescription;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.MediaDirection;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.srtp.SrtpContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The mock's answer to a re-INVITE a phone sends inside the dialog of a call the mock answered or
 * (for a Dial() callee) placed: hold and resume (RFC 3264 §8.4), as Asterisk's PJSIP stack does.
 *
 * <ul>
 *   <li>Unknown dialog (no leg with the Call-ID, or tags that are not the leg's): 481 (RFC 3261 §12.2.2;
 *       PJSIP's dialog layer answers a request no dialog matches with 481).</li>
 *   <li>In-dialog requests are not challenged: res_pjsip's distributor authenticates only requests
 *       outside a dialog (the mock's BYE handling does the same). [GUESS] no 100 Trying: the 200
 *       follows at once over the reliable transport.</li>
 *   <li>The answer is the mock's last SDP for the leg with the {@code o=} version + 1 and the same id,
 *       port, profile and format, and the <em>same</em> a=crypto key: res_pjsip_sdp_rtp.c
 *       ({@code add_crypto_to_stream}) allocates {@code session_media->srtp} once and res_srtp rebuilds
 *       the line from the same local key. Its direction is what pjmedia's negotiator answers
 *       (Asterisk writes a=sendrecv, "pjmedia-sdp will automatically change our offer for us"):
 *       recvonly to sendonly, sendonly to recvonly, inactive to inactive (RFC 3264 §6.1).</li>
 *   <li>The phone's key: an unchanged key keeps the SRTP policy (res_srtp: "SRTP remote key
 *       unchanged; maintaining current policy"); a new key on the same tag and suite is taken and the
 *       leg's inbound context restarts with it, as are a new address or port (Asterisk sets the RTP
 *       instance's remote address from every negotiated SDP). An offer without a line for the
 *       leg's tag and suite is 488.</li>
 *   <li>Media: {@code sendonly}/{@code inactive} from the phone (or {@code c=0.0.0.0}) holds the leg,
 *       see {@link HoldGate}: nothing is sent to the holder (Echo(), tones, the bridge relay) until a
 *       re-INVITE takes the hold back. In a bridge the other leg is not re-INVITEd (Asterisk
 *       answers each leg itself, direct_media=no) and hears nothing, [GUESS] in place of MOH.</li>
 * </ul>
 * One instance serves every connection of a mock; thread-safe.
 */
final class ReInviteHandler {

    /**
     * One call leg's media as the mock set it up.
     *
     * @param localTag  the mock's tag in the dialog (the To tag of the phone's re-INVITE)
     * @param remoteTag the phone's tag (its From tag)
     * @param media     the mock's RTP channel for the leg
     * @param sdp       the mock's last SDP on the leg
     * @param localKey  the mock's a=crypto for the leg, null for plain RTP
     * @param remoteKey the phone's a=crypto in use, null for plain RTP
     * @param remote    where the phone wants RTP
     */
    record Leg(String localTag, String remoteTag, Channel media, LocalDescription sdp, CryptoAttribute localKey,
               CryptoAttribute remoteKey, InetSocketAddress remote) {
        Leg {
            Objects.requireNonNull(localTag, "localTag");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** How the connection that read the re-INVITE answers it. */
    interface Replies {
        /** A response with this status (To tag kept, Via marked received). */
        Response status(int status);

        /** A 200 with the mock's Contact and this SDP. */
        Response ok(String sdp);

        void send(Response response);
    }

    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final SrtpReceiveCounts srtpReceived;
    private final PbxLog.Writer log;

    ReInviteHandler(SrtpReceiveCounts srtpReceived, PbxLog log) {
        this.srtpReceived = srtpReceived;
        this.log = log.writer(ReInviteHandler.class);
    }

    /** A leg is up (its 200 sent or received): re-INVITEs for its Call-ID are answered until its media closes. */
    void opened(String callId, Leg leg) {
        legs.put(callId, leg);
        leg.media().closeFuture().addListener(f -> legs.computeIfPresent(callId,
                (id, current) -> current.media() == leg.media() ? null : current));
    }

    /** The leg with this Call-ID, if it is up. */
    Optional<Leg> leg(String callId) {
        return Optional.ofNullable(legs.get(callId));
    }

    /** Answers a re-INVITE (an INVITE with a To tag); see the class comment. Runs on the connection's event loop. */
    void onReInvite(Request invite, Replies replies) {
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        Leg leg = legs.get(callId);
        String toTag = ((ToHeader) invite.getHeader(ToHeader.NAME)).getTag();
        String fromTag = ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag();
        if (leg == null || !leg.localTag().equals(toTag)
                || leg.remoteTag() != null && !leg.remoteTag().equals(fromTag)) {
            log.info("re-INVITE for no dialog (Call-ID {}, To tag {}): 481", callId, toTag);
            replies.send(replies.status(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
            return;
        }
        MediaDescription offer;
        try {
            byte[] body = invite.getRawContent();
            offer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
        } catch (SdpParseException e) {
            log.info("re-INVITE of {} with unusable SDP ({}): 488", callId, e.getMessage());
            replies.send(replies.status(Response.NOT_ACCEPTABLE_HERE));
            return;
        }
        CryptoAttribute remoteKey = leg.remoteKey();
        if (leg.localKey() != null) {
            Optional<CryptoAttribute> line = keyFor(leg.localKey(), offer);
            if (line.isEmpty()) {
                log.info("re-INVITE of {} without a=crypto tag {} {}: 488", callId, leg.localKey().tag(),
                        leg.localKey().suite().sdpName());
                replies.send(replies.status(Response.NOT_ACCEPTABLE_HERE));
                return;
            }
            remoteKey = line.get();
        }
        InetSocketAddress remote = offer.connectionAddress() == null ? leg.remote()
                : new InetSocketAddress(offer.connectionAddress(), offer.port());
        boolean rekey = remoteKey != null && !remoteKey.toSdpValue().equals(leg.remoteKey().toSdpValue());
        boolean moved = !isNullAddress(offer) && !remote.equals(leg.remote());
        if (rekey || moved) {
            retarget(leg.media(), leg.localKey(), remoteKey, moved ? remote : leg.remote());
        }
        MediaDirection offered = MediaDirection.of(offer);
        boolean held = !offered.receives() || isNullAddress(offer);
        gate(leg.media()).held(held);
        LocalDescription answer = leg.sdp().next(offered.answer(MediaDirection.SENDRECV));
        legs.put(callId, new Leg(leg.localTag(), leg.remoteTag(), leg.media(), answer, leg.localKey(), remoteKey,
                moved ? remote : leg.remote()));
        log.debug("re-INVITE of {}: {} answered {}{}", callId, offered.attribute(), answer.direction().attribute(),
                held ? " (held: nothing sent to the phone)" : "");
        replies.send(replies.ok(answer.body()));
    }

    /** The offer's a=crypto line for the leg's tag and suite (the key may be new), if any. */
    private static Optional<CryptoAttribute> keyFor(CryptoAttribute local, MediaDescription offer) {
        for (String line : offer.attributeValues("crypto")) {
            try {
                CryptoAttribute crypto = CryptoAttribute.parse(line);
                if (crypto.tag() == local.tag() && crypto.suite() == local.suite()) {
                    return Optional.of(crypto);
                }
            } catch (IllegalArgumentException e) {
                // res_srtp skips a line it cannot parse
            }
        }
        return Optional.empty();
    }

    private static boolean isNullAddress(MediaDescription offer) {
        return "0.0.0.0".equals(offer.connectionAddress()) || "::".equals(offer.connectionAddress());
    }

    /** The leg's gate at the head of its RTP pipeline, added open on the first re-INVITE. */
    private static HoldGate gate(Channel media) {
        ChannelPipeline pipeline = media.pipeline();
        HoldGate gate = pipeline.get(HoldGate.class);
        if (gate == null) {
            gate = new HoldGate();
            pipeline.addFirst("hold-gate", gate);
        }
        return gate;
    }

    /**
     * A new phone key or address: the leg's codec is replaced, the mock's key kept (its outbound
     * context restarts on the same key and the stream's running sequence numbers).
     */
    private void retarget(Channel media, CryptoAttribute localKey, CryptoAttribute remoteKey,
                                 InetSocketAddress remote) {
        ChannelPipeline pipeline = media.pipeline();
        ChannelHandler old = pipeline.get(SrtpCodec.class) != null ? pipeline.get(SrtpCodec.class)
                : pipeline.get(RtpCodec.class);
        if (old == null) {
            return;
        }
        ChannelHandler codec = localKey == null || remoteKey == null ? new RtpCodec(remote, status -> { })
                : new SrtpCodec(SrtpContext.create(localKey.suite(), localKey.key()),
                        SrtpContext.create(remoteKey.suite(), remoteKey.key()), remote, srtpReceived::record);
        pipeline.replace(old, pipeline.context(old).name(), codec);
    }
}

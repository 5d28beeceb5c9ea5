package io.sipshield.emulator;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.sipshield.emulator.media.MediaDestination;
import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.sdp.LocalDescription;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.MediaDirection;
import io.sipshield.emulator.sdp.SdesNegotiator;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.ua.ArrivalQueue;
import io.sipshield.emulator.ua.Dialog;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The phone's INVITE server side for calls the server sends down the phone's own connection
 * (RFC 5626 persistent flow): the device's SRTP policy first (a D-Series answers an offer without
 * RTP/SAVP 488 at once, in every {@link AnswerMode}), then the answer mode: AUTO answers 200,
 * MANUAL rings with 180 until the test answers or rejects, REJECT refuses with its status. A
 * CANCEL for a ringing call gets 200 and the INVITE 487 (RFC 3261 §9.2); a BYE ends an answered
 * call's media. An INVITE with a To tag is a re-INVITE in a dialog of one of the phone's calls
 * (placed or answered): {@link Call} answers it (hold and resume, RFC 3264 §8.4), 481 when no
 * such dialog exists (RFC 3261 §12.2.2). Confined to the connection's event loop except where a
 * method says otherwise.
 */
final class InboundInviteHandler {

    /** What the handler needs of the phone's connection. */
    interface Connection {
        /** Sends a response decided after the request was read (runs on the event loop). */
        void respond(Response response);

        /** The phone's Contact URI on this connection. */
        String contactUri();

        /** The connection's event loop, or null before connect(). */
        EventLoop eventLoop();
    }

    private final Phone phone;
    private final DeviceProfile profile;
    private final PhoneSettings settings;
    private final EventLoopGroup group;
    private final SecureRandom random;
    private final SipMessages messages;
    private final Connection connection;
    /** Every call that rang, by its INVITE's top Via branch (how a CANCEL finds it, RFC 3261 §9.2). */
    private final Map<String, IncomingCall> byBranch = new HashMap<>();
    private final ArrivalQueue<IncomingCall> arrivals = new ArrivalQueue<>();
    private final Map<String, Call> answered = new ConcurrentHashMap<>();
    /** Every established call with media, placed or answered, by Call-ID: where re-INVITEs go. */
    private final Map<String, Call> dialogs = new ConcurrentHashMap<>();

    InboundInviteHandler(Phone phone, SecureRandom random, SipMessages messages, EventLoopGroup group,
                         Connection connection) {
        this.phone = phone;
        this.profile = phone.profile();
        this.settings = phone.settings();
        this.group = group;
        this.random = random;
        this.messages = messages;
        this.connection = connection;
    }

    /**
     * An INVITE from the server: the response to send now (488, 180, the REJECT mode's status), or
     * null when the answer follows once the media port is bound (AUTO).
     */
    Response onInvite(Request invite) {
        if (((ToHeader) invite.getHeader(ToHeader.NAME)).getTag() != null) {
            return onReInvite(invite);
        }
        MediaDescription offer;
        try {
            byte[] body = invite.getRawContent();
            offer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
        } catch (SdpParseException e) {
            return messages.response(Response.NOT_ACCEPTABLE_HERE, invite, messages.newTag());
        }
        SdesOutcome outcome = SdesNegotiator.forPolicy(profile.srtp(), random).answer(offer);
        G711 codec = firstCodec(offer.formats(), settings.codecs());
        if (codec == null || !(outcome instanceof SdesOutcome.Srtp) && !(outcome instanceof SdesOutcome.Plain)) {
            return messages.response(Response.NOT_ACCEPTABLE_HERE, invite, messages.newTag());
        }
        String branch = branch(invite);
        IncomingCall call = new IncomingCall(this, invite, callId(invite), branch, messages.newTag(), offer, outcome,
                codec);
        byBranch.put(branch, call);
        AnswerMode mode = settings.answerMode();
        if (mode instanceof AnswerMode.Reject reject) {
            call.moveTo(IncomingCall.State.REJECTED);
            arrivals.add(call);
            return messages.response(reject.status(), invite, call.localTag());
        }
        arrivals.add(call);
        if (mode instanceof AnswerMode.Manual) {
            Response ringing = messages.response(Response.RINGING, invite, call.localTag());
            ringing.addHeader(messages.header(ContactHeader.NAME, "<" + connection.contactUri() + ">"));
            return ringing;
        }
        startAnswer(call, new CompletableFuture<>());
        return null;
    }

    /**
     * A re-INVITE: 481 unless its Call-ID and tags are those of a call of this phone (From tag the
     * other side's, To tag ours), 488 for unreadable SDP, else what {@link Call#answerReInvite} decides;
     * a 200 carries the phone's Contact and SDP.
     */
    private Response onReInvite(Request invite) {
        Call call = dialogs.get(callId(invite));
        String fromTag = ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag();
        String toTag = ((ToHeader) invite.getHeader(ToHeader.NAME)).getTag();
        if (call == null || !toTag.equals(call.dialog().localTag()) || !java.util.Objects.equals(fromTag,
                call.dialog().remoteTag())) {
            return messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, invite);
        }
        MediaDescription offer;
        try {
            byte[] body = invite.getRawContent();
            offer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
        } catch (SdpParseException e) {
            return messages.response(Response.NOT_ACCEPTABLE_HERE, invite);
        }
        Call.ReInviteAnswer answer = call.answerReInvite(offer);
        Response response = messages.response(answer.status(), invite);
        if (answer.sdp() != null) {
            response.addHeader(messages.header(ContactHeader.NAME, "<" + connection.contactUri() + ">"));
            try {
                response.setContent(answer.sdp(), (ContentTypeHeader) messages.header(ContentTypeHeader.NAME,
                        "application/sdp"));
            } catch (ParseException e) {
                throw new IllegalStateException("cannot attach the SDP answer to the re-INVITE", e);
            }
        }
        return response;
    }

    /** A call placed by the phone is established: re-INVITEs in its dialog are answered. */
    void inDialog(Call call) {
        dialogs.put(call.dialog().callId(), call);
    }

    /**
     * The connection the calls' dialogs ran over failed: every established call (placed or answered)
     * ends, its media stops, and {@link Call#endCause()} says why. Returns how many calls ended.
     */
    int connectionLost(String cause) {
        java.util.Set<Call> ended = new java.util.LinkedHashSet<>(dialogs.values());
        ended.addAll(answered.values());
        dialogs.clear();
        int count = 0;
        for (Call call : ended) {
            if (call.endedBy(cause)) {
                count++;
            }
        }
        return count;
    }

    /** The call with this Call-ID is over: a re-INVITE for it is 481. */
    void forget(String callId) {
        dialogs.remove(callId);
    }

    /**
     * A CANCEL: 200 and 487 for the INVITE when it still rings; 200 alone when its INVITE already
     * has a final response (the CANCEL has no effect); 481 when no INVITE with its branch and
     * Call-ID is known (RFC 3261 §9.2).
     */
    Response onCancel(Request cancel) {
        IncomingCall call = byBranch.get(branch(cancel));
        if (call == null || !call.callId().equals(callId(cancel))) {
            return messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, cancel, messages.newTag());
        }
        IncomingCall.State state = call.state();
        if (state == IncomingCall.State.RINGING || state == IncomingCall.State.ANSWERING) {
            call.moveTo(IncomingCall.State.CANCELLED);
            connection.respond(messages.response(Response.REQUEST_TERMINATED, call.invite(), call.localTag()));
        }
        return messages.response(Response.OK, cancel, call.localTag());
    }

    /** A BYE: an answered incoming call's media stops; always 200 (the mock also BYEs outgoing legs). */
    Response onBye(Request bye) {
        Call call = answered.get(callId(bye));
        dialogs.remove(callId(bye));
        if (call != null) {
            call.mediaEnded();
        }
        return messages.response(Response.OK, bye);
    }

    /** The next call that rang and was not taken yet; see {@link Phone#nextIncomingCall}. Any thread. */
    CompletableFuture<IncomingCall> next(Duration timeout) {
        EventLoop loop = connection.eventLoop();
        if (loop == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the phone is not connected: call connect() before waiting for an incoming call"));
        }
        return arrivals.take(call -> true, timeout, loop, "incoming call");
    }

    /** Calls answered 200, by Call-ID. */
    Map<String, Call> answeredCalls() {
        return Map.copyOf(answered);
    }

    /** {@link IncomingCall#answer()}: any thread. */
    CompletableFuture<Call> answer(IncomingCall call) {
        CompletableFuture<Call> result = new CompletableFuture<>();
        connection.eventLoop().execute(() -> {
            if (call.state() != IncomingCall.State.RINGING) {
                result.completeExceptionally(notRinging(call, "answer"));
                return;
            }
            startAnswer(call, result);
        });
        return result;
    }

    /** {@link IncomingCall#reject(int)}: any thread. */
    CompletableFuture<Void> reject(IncomingCall call, int status) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        connection.eventLoop().execute(() -> {
            if (call.state() != IncomingCall.State.RINGING) {
                result.completeExceptionally(notRinging(call, "reject"));
                return;
            }
            call.moveTo(IncomingCall.State.REJECTED);
            connection.respond(messages.response(status, call.invite(), call.localTag()));
            result.complete(null);
        });
        return result;
    }

    private static IllegalStateException notRinging(IncomingCall call, String what) {
        return new IllegalStateException("cannot " + what + " call " + call.callId() + ": it is "
                + call.state().name().toLowerCase(java.util.Locale.ROOT) + ", not ringing");
    }

    /** Binds the media port, then answers 200 unless the caller CANCELled meanwhile. On the event loop. */
    private void startAnswer(IncomingCall call, CompletableFuture<Call> result) {
        call.moveTo(IncomingCall.State.ANSWERING);
        EventLoop loop = connection.eventLoop();
        MediaSession.open(group, settings.mediaAddress(), settings.mediaOptions()).whenComplete((media, failure) ->
                loop.execute(() -> {
                    if (call.state() != IncomingCall.State.ANSWERING) {
                        if (media != null) {
                            media.close();
                        }
                        result.completeExceptionally(notRinging(call, "answer"));
                        return;
                    }
                    if (failure != null) {
                        call.moveTo(IncomingCall.State.REJECTED);
                        connection.respond(messages.response(Response.SERVER_INTERNAL_ERROR, call.invite(),
                                call.localTag()));
                        result.completeExceptionally(failure);
                        return;
                    }
                    Call established = accept(call, media);
                    call.moveTo(IncomingCall.State.ANSWERED);
                    result.complete(established);
                }));
    }

    /** Starts media and sends 200 with the SDP answer: the device's own key, the offerer's crypto tag. */
    private Call accept(IncomingCall incoming, MediaSession media) {
        MediaDescription offer = incoming.offer();
        SdesOutcome outcome = incoming.negotiation();
        G711 codec = incoming.codec();
        Request invite = incoming.invite();
        MediaDestination destination = MediaDestination.from(offer, media.options().rtcpMux());
        List<String> attributes = new ArrayList<>();
        if (outcome instanceof SdesOutcome.Srtp srtp) {
            attributes.add("crypto:" + srtp.local().toSdpValue());
            media.start(destination, srtp);
        } else {
            media.startPlain(destination);
        }
        attributes.add("rtpmap:" + codec.payloadType() + " " + codec.encodingName() + "/" + G711.CLOCK_RATE);
        attributes.addAll(List.of("ptime:20", "sendrecv"));
        long sessionId = random.nextInt(Integer.MAX_VALUE);
        String profileName = outcome instanceof SdesOutcome.Srtp srtp ? srtp.profile() : offer.profile();
        MediaDirection direction = MediaDirection.of(offer).answer(MediaDirection.SENDRECV);
        attributes.set(attributes.indexOf("sendrecv"), direction.attribute());
        LocalDescription local = new LocalDescription("-", sessionId, sessionId, settings.mediaAddress(),
                media.localAddress().getPort(), profileName, List.of(Integer.toString(codec.payloadType())),
                attributes);
        String sdp = local.body();
        media.sending(direction.sends());
        Response ok = messages.response(Response.OK, invite, incoming.localTag());
        ok.addHeader(messages.header(ContactHeader.NAME, "<" + connection.contactUri() + ">"));
        try {
            ok.setContent(sdp, (ContentTypeHeader) messages.header(ContentTypeHeader.NAME, "application/sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot attach the SDP answer", e);
        }
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        String remoteUri = from.getAddress().getURI().toString();
        Dialog dialog = new Dialog(incoming.callId(), incoming.localTag(), from.getTag(),
                contact != null ? contact.getAddress().getURI().toString() : remoteUri, remoteUri);
        Call call = Call.established(phone, Response.OK, dialog, profileName, outcome, media, codec, local,
                MediaDirection.of(offer));
        answered.put(incoming.callId(), call);
        dialogs.put(incoming.callId(), call);
        connection.respond(ok);
        return call;
    }

    /** The first of {@code formats} (an m-line's payload types, in its order) that is one of {@code codecs}, or null. */
    static G711 firstCodec(List<String> formats, List<G711> codecs) {
        for (String format : formats) {
            for (G711 codec : codecs) {
                if (format.equals(Integer.toString(codec.payloadType()))) {
                    return codec;
                }
            }
        }
        return null;
    }

    private static String branch(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getBranch() == null ? "" : via.getBranch();
    }

    private static String callId(Request request) {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return callId == null ? "" : callId.getCallId();
    }
}

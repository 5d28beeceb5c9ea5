package io.sipshield.harness.mock;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutor;
import io.sipshield.emulator.media.MediaDestination;
import io.sipshield.emulator.media.ReceptionStats;
import io.sipshield.emulator.media.RtcpHandler;
import io.sipshield.emulator.media.RtcpSession;
import io.sipshield.emulator.media.RtpCodec;
import io.sipshield.emulator.media.RtpPorts;
import io.sipshield.emulator.media.SrtpCodec;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.DigestStatus;
import io.sipshield.emulator.sip.DigestVerifier;
import io.sipshield.emulator.sip.SipKeepAlive;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import io.sipshield.harness.mock.dialplan.CallMedia;
import io.sipshield.harness.mock.dialplan.DialFailure;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.dialplan.DialplanCall;
import io.sipshield.harness.mock.dialplan.DialplanExecution;
import io.sipshield.harness.mock.dialplan.HangupCauses;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One TLS connection's SIP conversation with the mock: registrar, authenticator and dialplan,
 * answering the way Asterisk's PJSIP stack does (see shared/fixtures/asterisk/trace-register-call-echo.txt).
 * Each INVITE to an extension runs its priorities ({@link DialplanExecution}) on this connection's
 * event loop; the connection and its calls own no thread. Confined to the connection's event loop.
 */
final class PbxSipHandler extends SimpleChannelInboundHandler<Object> {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String ALLOW = "OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, "
            + "UPDATE, PRACK, INFO, REFER";


    private static final java.util.Set<String> LIST_HEADERS = java.util.Set.of("Allow", "Supported");

    private final PbxState state;
    private final SecureRandom random = new SecureRandom();
    private final SipMessages messages = new SipMessages(random);
    private final DigestVerifier digest;
    /** Answered calls, by Call-ID. */
    private final Map<String, InboundCall> calls = new HashMap<>();
    /** INVITEs without a final response yet, by Via branch. */
    private final Map<String, InboundCall> pendingInvites = new HashMap<>();
    private final ContactQualifier qualifier;
    private final PbxLog.Writer log;

    PbxSipHandler(PbxState state) {
        this.state = state;
        this.log = state.log().writer(PbxSipHandler.class);
        this.digest = DigestVerifier.builder().realm(state.realm()).clock(state.clock()).random(random).build();
        this.qualifier = new ContactQualifier(state.registrar(), messages, state.userAgent());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message == SipKeepAlive.PING) {
            ctx.writeAndFlush(SipKeepAlive.PONG);
            return;
        }
        if (message instanceof Response response) {
            if (!state.routing().deliver(response)) {
                qualifier.onResponse(response);
            }
            return;
        }
        if (!(message instanceof Request request)) {
            return;
        }
        record(ctx, request);
        switch (request.getMethod()) {
            case Request.REGISTER -> register(ctx, request);
            case Request.INVITE -> invite(ctx, request);
            case Request.ACK -> { }
            case Request.BYE -> bye(ctx, request);
            case Request.CANCEL -> cancel(ctx, request);
            case Request.OPTIONS -> send(ctx, response(ctx, request, Response.OK, null));
            default -> {
                Response notAllowed = response(ctx, request, Response.METHOD_NOT_ALLOWED, null);
                addHeader(notAllowed, "Allow", ALLOW);
                send(ctx, notAllowed);
            }
        }
    }

    /** res_pjsip_registrar: 200 with every contact of the AOR, 423, 403 or 400, as the AOR's options decide. */
    private void register(ChannelHandlerContext ctx, Request request) {
        MockEndpoint endpoint = authenticate(ctx, request);
        if (endpoint == null) {
            return;
        }
        List<ContactHeader> contacts = new ArrayList<>();
        request.getHeaders(ContactHeader.NAME).forEachRemaining(h -> contacts.add((ContactHeader) h));
        int headerExpires = request.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader expires
                ? expires.getExpires() : -1;
        boolean star = contacts.stream().anyMatch(ContactHeader::isWildCard);
        if (star && (headerExpires != 0 || contacts.size() > 1)) {
            log.warn("REGISTER from {}: Contact * needs Expires: 0 and no other contact", endpoint.id());
            send(ctx, response(ctx, request, Response.BAD_REQUEST, tagFromBranch(request)));
            return;
        }
        List<Registrar.ContactRequest> requested = contacts.stream().filter(c -> !c.isWildCard())
                .map(c -> new Registrar.ContactRequest(endpoint.rewriteContact() ? rewrittenContact(ctx, c)
                        : c.getAddress().getURI().toString(), c.getExpires() >= 0 ? c.getExpires() : headerExpires))
                .toList();
        String userAgent = request.getHeader("User-Agent") == null ? null
                : messages.headerValue(request, "User-Agent");
        Registrar.Outcome outcome = state.registrar().register(endpoint.id(), endpoint.aor(), requested, star,
                ctx.channel(), (InetSocketAddress) ctx.channel().remoteAddress(), userAgent);
        if (outcome instanceof Registrar.Registered registered) {
            Response ok = response(ctx, request, Response.OK, tagFromBranch(request));
            addHeader(ok, "Date", HTTP_DATE.format(state.clock().instant()));
            for (Registrar.Binding binding : registered.contacts()) {
                addHeader(ok, ContactHeader.NAME, "<" + binding.contact() + ">;expires="
                        + state.registrar().secondsLeft(binding));
            }
            if (headerExpires >= 0) {
                addHeader(ok, ExpiresHeader.NAME, Integer.toString(endpoint.aor().expiration(headerExpires)));
            }
            send(ctx, ok);
            for (Registrar.ContactRequest contact : requested) {
                qualifier.watch(ctx, endpoint.id(), contact.uri(), endpoint.aor().qualifyFrequency());
            }
        } else if (outcome instanceof Registrar.IntervalTooBrief brief) {
            Response tooBrief = response(ctx, request, Response.INTERVAL_TOO_BRIEF, tagFromBranch(request));
            addHeader(tooBrief, "Min-Expires", Integer.toString(brief.minExpires()));
            try {
                tooBrief.setReasonPhrase("Interval Too Brief");
            } catch (ParseException e) {
                throw new IllegalStateException("cannot set the 423 reason phrase", e);
            }
            send(ctx, tooBrief);
        } else if (outcome instanceof Registrar.Forbidden forbidden) {
            log.warn("REGISTER from {} refused: {}", endpoint.id(), forbidden.why());
            send(ctx, response(ctx, request, Response.FORBIDDEN, tagFromBranch(request)));
        }
    }

    private void invite(ChannelHandlerContext ctx, Request request) {
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            // in a dialog: hold/resume (ReInviteHandler), not a new call; not challenged
            state.routing().reInvites().onReInvite(request, reInviteReplies(ctx, request));
            return;
        }
        MockEndpoint endpoint = authenticate(ctx, request);
        if (endpoint == null) {
            return;
        }
        send(ctx, response(ctx, request, Response.TRYING, null));
        String extension = ((SipURI) request.getRequestURI()).getUser();
        Optional<List<DialplanApplication>> priorities = extension == null ? Optional.empty()
                : state.dialplan().priorities(extension);
        if (priorities.isEmpty()) {
            send(ctx, response(ctx, request, Response.NOT_FOUND, newTag()));
            return;
        }
        MediaDescription offer;
        try {
            byte[] body = request.getRawContent();
            offer = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
        } catch (SdpParseException e) {
            send(ctx, response(ctx, request, Response.NOT_ACCEPTABLE_HERE, newTag()));
            return;
        }
        AsteriskMediaNegotiation.Outcome outcome = AsteriskMediaNegotiation.negotiate(endpoint, offer);
        if (outcome instanceof AsteriskMediaNegotiation.NotAcceptable) {
            send(ctx, response(ctx, request, Response.NOT_ACCEPTABLE_HERE, newTag()));
            return;
        }
        java.util.Optional<G711> codec = endpoint.chooseCodec(offer.formats());
        if (codec.isEmpty()) {
            // no offered format is in the endpoint's allow list: Asterisk's "no compatible codecs"
            send(ctx, response(ctx, request, Response.NOT_ACCEPTABLE_HERE, newTag()));
            return;
        }
        InetSocketAddress remote = new InetSocketAddress(offer.connectionAddress(), offer.port());
        CryptoAttribute answerCrypto = outcome instanceof AsteriskMediaNegotiation.Srtp srtp
                ? CryptoAttribute.of(srtp.offered().tag(), srtp.offered().suite(),
                        SrtpMasterKey.random(srtp.offered().suite(), random))
                : null;
        InboundCall call = new InboundCall(ctx, request, extension, new InboundCall.Media(outcome, answerCrypto,
                codec.get(), remote, rtcpAddress(offer, remote),
                ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress()));
        pendingInvites.put(call.branch, call);
        state.channels().opened(endpoint.id(), call.callId);
        call.execution = new DialplanExecution(extension, priorities.get(), call, state.prompts(),
                state.log());
        call.execution.start();
    }

    /**
     * CANCEL as PJSIP's transaction layer answers it: for an INVITE still without a final response
     * (matched by its Via branch, RFC 3261 §9.2), 200 to the CANCEL and 487 Request Terminated to
     * the INVITE, and the dialplan stops wherever it is; for anything else (no such INVITE, or one
     * already answered) 481.
     */
    private void cancel(ChannelHandlerContext ctx, Request request) {
        String branch = tagFromBranch(request);
        InboundCall pending = pendingInvites.get(branch);
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (pending == null || !callId.equals(pending.callId)) {
            send(ctx, response(ctx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, branch));
            return;
        }
        pendingInvites.remove(branch);
        pending.execution.stop();
        state.channels().closed(pending.callId);
        String tag = newTag();
        send(ctx, response(ctx, request, Response.OK, tag));
        send(ctx, response(ctx, pending.invite, Response.REQUEST_TERMINATED, tag));
    }

    /** Where the caller wants RTCP: a=rtcp (RFC 3605) or RTP port + 1; an unreadable a=rtcp is ignored. */
    private static InetSocketAddress rtcpAddress(MediaDescription offer, InetSocketAddress remote) {
        try {
            return MediaDestination.from(offer, false).rtcp();
        } catch (IllegalArgumentException e) {
            return MediaDestination.of(remote).rtcp();
        }
    }

    /**
     * The channel's media on the RTP port (SRTP or plain), driven by the dialplan ({@link CallMedia}),
     * and Asterisk's RTCP (SRTCP or plain, rtp.conf's interval) on the next one.
     */
    private CallMedia startMedia(RtpPorts ports, InboundCall.Media media) {
        CallMedia callMedia = new CallMedia(media.codec(), random);
        SrtcpContext rtcpOut = null;
        SrtcpContext rtcpIn = null;
        if (media.outcome() instanceof AsteriskMediaNegotiation.Srtp srtp) {
            ports.rtp().pipeline().addLast("srtp", new SrtpCodec(
                    SrtpContext.create(media.answerCrypto().suite(), media.answerCrypto().key()),
                    SrtpContext.create(srtp.offered().suite(), srtp.offered().key()),
                    media.remote(), state.srtpReceived()::record));
            rtcpOut = SrtcpContext.create(media.answerCrypto().suite(), media.answerCrypto().key());
            rtcpIn = SrtcpContext.create(srtp.offered().suite(), srtp.offered().key());
        } else {
            ports.rtp().pipeline().addLast("rtp", new RtpCodec(media.remote(), status -> { }));
        }
        ports.rtp().pipeline().addLast("media", callMedia);
        ReceptionStats heard = new ReceptionStats(G711.CLOCK_RATE);
        RtcpSession rtcp = new RtcpSession(callMedia.ssrc(), "asterisk@" + media.localAddress(), heard, rtcpOut, rtcpIn,
                state.clock(), G711.CLOCK_RATE);
        callMedia.reportTo(heard, rtcp);
        ports.rtcp().pipeline().addLast("rtcp", RtcpHandler.onOwnPort(rtcp, media.remoteRtcp(), state.rtcpInterval()));
        ports.rtp().closeFuture().addListener(f -> ports.rtcp().close());
        return callMedia;
    }

    /** Answers 200 with the mock's SDP and returns the mock's To tag. */
    private String answer(ChannelHandlerContext ctx, InboundCall call, G711 codec, Channel media) {
        String tag = call.earlyTag != null ? call.earlyTag : UUID.randomUUID().toString();
        call.localTag = tag;
        call.mediaChannel = media;
        calls.put(call.callId, call);
        ctx.channel().closeFuture().addListener(f -> media.close());
        AsteriskMediaNegotiation.Outcome outcome = call.media.outcome();
        String profile = outcome instanceof AsteriskMediaNegotiation.Srtp srtp ? srtp.profile()
                : ((AsteriskMediaNegotiation.PlainRtp) outcome).profile();
        List<String> attributes = new ArrayList<>();
        if (call.media.answerCrypto() != null) {
            attributes.add("crypto:" + call.media.answerCrypto().toSdpValue());
        }
        attributes.addAll(List.of("rtpmap:" + codec.payloadType() + " " + codec.encodingName() + "/" + G711.CLOCK_RATE,
                "ptime:20", "maxptime:140", "sendrecv"));
        long sessionId = random.nextInt(Integer.MAX_VALUE);
        String sdp = SessionDescription.audioBody("Asterisk", sessionId, sessionId + 2, call.media.localAddress(),
                ((InetSocketAddress) media.localAddress()).getPort(), profile, List.of(Integer.toString(codec.payloadType())),
                attributes);
        Response ok = response(ctx, call.invite, Response.OK, tag);
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        addHeader(ok, ContactHeader.NAME, "<sip:" + local.getAddress().getHostAddress() + ":" + local.getPort()
                + ";transport=TLS>");
        addHeader(ok, "Allow", ALLOW);
        addHeader(ok, "Supported", "100rel, timer, replaces, norefersub");
        try {
            ok.setContent(sdp, (javax.sip.header.ContentTypeHeader) messages.header("Content-Type", "application/sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot attach the SDP answer", e);
        }
        send(ctx, ok);
        FromHeader caller = (FromHeader) call.invite.getHeader(FromHeader.NAME);
        state.routing().reInvites().opened(call.callId, new ReInviteHandler.Leg(tag, caller.getTag(), media,
                io.sipshield.emulator.sdp.LocalDescription.parse(sdp), call.media.answerCrypto(),
                outcome instanceof AsteriskMediaNegotiation.Srtp srtp ? srtp.offered() : null, call.media.remote()));
        return tag;
    }

    /** How a re-INVITE read on this connection is answered: like the first INVITE's 200 (Contact, Allow, Supported). */
    private ReInviteHandler.Replies reInviteReplies(ChannelHandlerContext ctx, Request request) {
        return new ReInviteHandler.Replies() {
            @Override
            public Response status(int status) {
                return response(ctx, request, status, null);
            }

            @Override
            public Response ok(String sdp) {
                Response ok = response(ctx, request, Response.OK, null);
                InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
                addHeader(ok, ContactHeader.NAME, "<sip:" + local.getAddress().getHostAddress() + ":"
                        + local.getPort() + ";transport=TLS>");
                addHeader(ok, "Allow", ALLOW);
                addHeader(ok, "Supported", "100rel, timer, replaces, norefersub");
                try {
                    ok.setContent(sdp, (javax.sip.header.ContentTypeHeader) messages.header("Content-Type",
                            "application/sdp"));
                } catch (ParseException e) {
                    throw new IllegalStateException("cannot attach the SDP answer to the re-INVITE", e);
                }
                return ok;
            }

            @Override
            public void send(Response response) {
                PbxSipHandler.this.send(ctx, response);
            }
        };
    }

    /** BYE from the phone: 200, the call's dialplan stops, its media closes, a bridge ends both legs. */
    private void bye(ChannelHandlerContext ctx, Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        InboundCall call = calls.remove(callId);
        DialBridge bridge = state.routing().endBridge(callId);
        if (call == null && bridge == null) {
            send(ctx, response(ctx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
            return;
        }
        if (call != null) {
            call.execution.stop();
            call.mediaChannel.close();
        }
        send(ctx, response(ctx, request, Response.OK, null));
        channelsEnded(callId, bridge);
    }

    /**
     * Asterisk's authenticator: the endpoint is identified by the From user; without valid
     * credentials the answer is a 401 with a fresh challenge (also for an unknown user or a
     * wrong password, so nothing tells them apart). Right credentials on a nonce older than its
     * lifetime get a challenge with {@code stale=true}, so the phone retries with the new nonce
     * without asking for a password (res_pjsip_authenticator_digest.c: verify() returns
     * AUTH_STALE only after the digest matched, and challenge() is called with is_stale).
     */
    private MockEndpoint authenticate(ChannelHandlerContext ctx, Request request) {
        String user = ((SipURI) ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI()).getUser();
        MockEndpoint endpoint = user == null ? null : state.endpoints().get(user);
        DigestStatus status = endpoint != null && request.getHeader("Authorization") != null
                ? digest.verify(request, endpoint.id(), endpoint.password()) : DigestStatus.MISSING;
        if (status == DigestStatus.OK) {
            return endpoint;
        }
        Response challenge = response(ctx, request, Response.UNAUTHORIZED, tagFromBranch(request));
        addHeader(challenge, "WWW-Authenticate", digest.challenge(status == DigestStatus.STALE).toHeaderValue());
        send(ctx, challenge);
        return null;
    }

    private Response response(ChannelHandlerContext ctx, Request request, int status, String toTag) {
        ToHeader requestTo = (ToHeader) request.getHeader(ToHeader.NAME);
        Response response = messages.response(status, request, requestTo.getTag() == null ? toTag : null);
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        InetSocketAddress source = (InetSocketAddress) ctx.channel().remoteAddress();
        try {
            via.setReceived(source.getAddress().getHostAddress());
            via.setParameter("rport", Integer.toString(source.getPort()));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot mark the Via of " + request.getMethod() + " as received", e);
        }
        addHeader(response, "Server", state.userAgent());
        return response;
    }

    private void send(ChannelHandlerContext ctx, Response response) {
        ctx.writeAndFlush(response);
    }

    private void record(ChannelHandlerContext ctx, Request request) {
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        state.recorder().accept(new RecordedSipRequest(request, (InetSocketAddress) ctx.channel().remoteAddress(),
                session.getProtocol(), session.getCipherSuite()));
    }

    /** rewrite_contact=yes: the contact's host and port become the connection's source. */
    private static String rewrittenContact(ChannelHandlerContext ctx, ContactHeader contact) {
        InetSocketAddress source = (InetSocketAddress) ctx.channel().remoteAddress();
        String user = contact.getAddress().getURI() instanceof SipURI sip ? sip.getUser() : null;
        return "sip:" + (user == null ? "" : user + "@") + source.getAddress().getHostAddress() + ":" + source.getPort()
                + ";transport=TLS";
    }

    /** Asterisk tags out-of-dialog responses with the request's branch (see the 401s in the trace). */
    private static String tagFromBranch(Request request) {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch();
    }

    private String newTag() {
        return UUID.randomUUID().toString();
    }

    /** Adds a header; a comma-separated value of a list header (Allow, Supported) becomes its entries. */
    private void addHeader(Response response, String name, String value) {
        if (LIST_HEADERS.contains(name)) {
            for (String entry : value.split(",\\s*")) {
                response.addHeader(messages.header(name, entry));
            }
        } else {
            response.addHeader(messages.header(name, value));
        }
    }

    /**
     * One INVITE the mock received and the dialplan it runs: pending until answered or ended,
     * then a dialog until either side hangs up. Confined to the connection's event loop.
     */
    private final class InboundCall implements DialplanCall {

        /** What the SDP offer/answer decided for the call's media. */
        record Media(AsteriskMediaNegotiation.Outcome outcome, CryptoAttribute answerCrypto, G711 codec,
                     InetSocketAddress remote, InetSocketAddress remoteRtcp, String localAddress) {
        }

        private final ChannelHandlerContext ctx;
        private final Request invite;
        private final String extension;
        private final Media media;
        private final String branch;
        private final String callId;
        private DialplanExecution execution;
        private String localTag;
        /** The To tag of a 180 already sent: the final response keeps it (RFC 3261 §12.1.1). */
        private String earlyTag;
        private Channel mediaChannel;
        private CallMedia callMedia;
        private Dialler.Attempt dialling;

        private InboundCall(ChannelHandlerContext ctx, Request invite, String extension, Media media) {
            this.ctx = ctx;
            this.invite = invite;
            this.extension = extension;
            this.media = media;
            this.branch = tagFromBranch(invite);
            this.callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        }

        private boolean pending() {
            return pendingInvites.get(branch) == this;
        }

        @Override
        public EventExecutor executor() {
            return ctx.executor();
        }

        @Override
        public boolean up() {
            return localTag != null;
        }

        @Override
        public void answer(Runnable then) {
            if (up()) {
                then.run();
                return;
            }
            RtpPorts.bind(ctx.channel().eventLoop(), media.localAddress()).whenComplete((ports, failure) ->
                    ctx.channel().eventLoop().execute(() -> {
                        if (!pending()) {
                            // CANCELled (487 sent) while the ports were being bound
                            if (ports != null) {
                                ports.close();
                            }
                            return;
                        }
                        if (failure != null) {
                            reject(Response.SERVER_INTERNAL_ERROR);
                            execution.stop();
                            return;
                        }
                        try {
                            callMedia = startMedia(ports, media);
                            pendingInvites.remove(branch);
                            PbxSipHandler.this.answer(ctx, this, media.codec(), ports.rtp());
                        } catch (RuntimeException e) {
                            ports.close();
                            reject(Response.SERVER_INTERNAL_ERROR);
                            execution.stop();
                            throw e;
                        }
                        then.run();
                    }));
        }

        @Override
        public CallMedia media() {
            return callMedia;
        }

        @Override
        public void reject(int status) {
            if (pendingInvites.remove(branch) == this) {
                send(ctx, response(ctx, invite, status, earlyTag != null ? earlyTag : newTag()));
                state.channels().closed(callId);
            }
        }

        /**
         * The mock hangs up: BYE down the phone's own connection, in the INVITE's dialog (RFC 3261
         * §12.2.1.1: Request-URI the phone's Contact, From the mock's side with its tag, To the
         * phone's with its tag, the same Call-ID).
         */
        @Override
        public void bye() {
            if (calls.remove(callId) != this) {
                return;
            }
            state.channels().closed(callId);
            FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
            ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
            String phoneUri = from.getAddress().getURI().toString();
            DialBridge.Leg leg = new DialBridge.Leg(ctx.channel(), callId,
                    contact != null ? contact.getAddress().getURI().toString() : phoneUri,
                    ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI().toString(), localTag,
                    phoneUri, from.getTag(), mediaChannel);
            state.routing().expectResponses(callId, response -> {
                if (response.getStatusCode() >= 200) {
                    state.routing().stopExpecting(callId);
                    log.debug("BYE for extension {} answered {}", extension, response.getStatusCode());
                }
            });
            DialBridge.hangUp(leg, messages);
        }

        @Override
        public void dial(String endpoint, Optional<Duration> timeout, Consumer<DialFailure> notBridged) {
            if (up()) {
                log.warn("extension {}: Dial(PJSIP/{}) after Answer() is not bridged by the mock", extension, endpoint);
                notBridged.accept(DialFailure.ofCause(HangupCauses.INTERWORKING));
                return;
            }
            MockEndpoint callee = state.endpoints().get(endpoint);
            if (callee == null) {
                log.info("Dial(PJSIP/{}) from extension {}: no such endpoint", endpoint, extension);
                notBridged.accept(DialFailure.ofCause(HangupCauses.NO_ROUTE_DESTINATION));
                return;
            }
            Optional<Registrar.Reachable> reachable = state.registrar().reachable(endpoint);
            if (reachable.isEmpty() || !(reachable.get().connection() instanceof Channel calleeSip)
                    || !calleeSip.isActive()) {
                log.info("Dial(PJSIP/{}) from extension {}: no registered contact", endpoint, extension);
                notBridged.accept(DialFailure.unregistered());
                return;
            }
            Dialler.Caller caller = new Dialler.Caller() {
                @Override
                public boolean pending() {
                    return InboundCall.this.pending();
                }

                @Override
                public void notBridged(DialFailure failure) {
                    dialling = null;
                    if (InboundCall.this.pending()) {
                        notBridged.accept(failure);
                    }
                }

                @Override
                public String answer(Channel bridgeMedia) {
                    dialling = null;
                    pendingInvites.remove(branch);
                    // both legs run PCMU: the bridge relays payloads and does not transcode
                    String tag = PbxSipHandler.this.answer(ctx, InboundCall.this, G711.PCMU, bridgeMedia);
                    // the bridge owns the call now; when it ends, the caller is hung up (Dial without g)
                    execution.stop();
                    return tag;
                }

                @Override
                public void ringing() {
                    if (InboundCall.this.pending() && earlyTag == null) {
                        earlyTag = newTag();
                        send(ctx, response(ctx, invite, Response.RINGING, earlyTag));
                    }
                }

                @Override
                public void forget() {
                    calls.remove(callId);
                    state.channels().closed(callId);
                }
            };
            dialling = new Dialler(state, messages, random).dial(ctx.channel(), invite, caller, callee,
                    reachable.get(), calleeSip, media.outcome(), media.answerCrypto(), media.remote(),
                    media.localAddress(), timeout);
        }

        @Override
        public void stopDialling() {
            if (dialling != null) {
                dialling.stop();
                dialling = null;
            }
        }
    }

    /** A call leg ended: its channel closes, and with a bridge the other leg's too (it gets a BYE). */
    private void channelsEnded(String callId, DialBridge bridge) {
        state.channels().closed(callId);
        if (bridge != null) {
            bridge.endedBy(callId);
            state.channels().closed(bridge.callerCallId());
            state.channels().closed(bridge.calleeCallId());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (InboundCall call : List.copyOf(calls.values())) {
            call.execution.stop();
            call.mediaChannel.close();
            channelsEnded(call.callId, state.routing().endBridge(call.callId));
        }
        calls.clear();
        List.copyOf(pendingInvites.values()).forEach(call -> {
            call.execution.stop();
            state.channels().closed(call.callId);
        });
        pendingInvites.clear();
        qualifier.close();
        state.registrar().connectionClosed(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

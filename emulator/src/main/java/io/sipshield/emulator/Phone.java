package io.sipshield.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.sipshield.emulator.capture.TcpCaptureHandler;
import io.sipshield.emulator.capture.TlsKeyLogExport;
import io.sipshield.emulator.media.MediaDestination;
import io.sipshield.emulator.media.MediaOptions;
import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.net.ChannelTypes;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.sdp.LocalDescription;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.MediaDirection;
import io.sipshield.emulator.sdp.SdesNegotiator;
import io.sipshield.emulator.sdp.SdesOffer;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.sip.DigestAuthenticator;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.tls.CertificateValidator;
import io.sipshield.emulator.tls.PhoneSslContexts;
import io.sipshield.emulator.tls.TlsContextKey;
import io.sipshield.emulator.tls.TlsContextLease;
import io.sipshield.emulator.tls.TlsContextPool;
import io.sipshield.emulator.tls.TlsResumption;
import io.sipshield.emulator.tls.ProfileValidators;
import io.sipshield.emulator.tls.ServerCertificateCheckHandler;
import io.sipshield.emulator.tls.TlsAlert;
import io.sipshield.emulator.tls.TlsRecordObserver;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.ArrivalQueue;
import io.sipshield.emulator.ua.Dialog;
import io.sipshield.emulator.ua.FlowInterruption;
import io.sipshield.emulator.ua.FlowRecovery;
import io.sipshield.emulator.ua.InboundRequest;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.RequestFactory;
import io.sipshield.emulator.ua.SipTrace;
import io.sipshield.emulator.ua.TransactionTimeoutException;
import io.sipshield.emulator.ua.UserAgentHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * An emulated phone: one device profile, one account, one persistent TLS connection to its
 * server. Every operation runs on the shared event loops it is given; a phone owns no thread,
 * so thousands fit in one JVM. Methods may be called from any thread and return futures that
 * complete on the phone's event loop.
 *
 * <pre>{@code
 * Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings, group);
 * TlsReport tls = phone.connect().join();
 * RegistrationResult registration = phone.register().join();
 * Call call = phone.call("600").join();
 * MediaStats media = call.sendMedia(new ToneSource(...), Duration.ofSeconds(3)).join();
 * call.hangup().join();
 * }</pre>
 *
 * <p>With {@code PhoneSettings.builder().answerMode(AnswerMode.MANUAL)} a call the server sends
 * rings (180) until the test answers it; requests the server sends (a qualify OPTIONS, an INVITE)
 * are recorded and can be awaited:
 * <pre>{@code
 * IncomingCall ringing = phone.nextIncomingCall(Duration.ofSeconds(5)).join();
 * Call answered = ringing.answer().join();          // or ringing.reject(486)
 * InboundRequest qualify = phone.awaitRequest("OPTIONS", Duration.ofSeconds(5)).join();
 * phone.unregister().join();
 * }</pre>
 */
public final class Phone implements AutoCloseable {

    private final DeviceProfile profile;
    private final PhoneSettings settings;
    private final EventLoopGroup group;
    private final TlsContextLease tls;
    /** Shared TLS contexts and validators, or null: this phone builds its own. */
    private final TlsContextPool pool;
    /** The session ID of the last handshake (for telling a resumed one on the JDK provider), or null. */
    private volatile byte[] lastSessionId;
    private volatile TlsReport lastTlsReport;
    private final SipTrace trace;
    private final SecureRandom random = new SecureRandom();
    private final DigestAuthenticator digest;
    private final SipMessages messages = new SipMessages(random);
    private Channel channel;
    private UserAgentHandler userAgent;
    private RequestFactory requests;
    private final InboundInviteHandler invites;
    private final ArrivalQueue<InboundRequest> inbound = new ArrivalQueue<>();
    private long cseq = 1 + new SecureRandom().nextInt(10_000);
    private final String registrationCallId;
    private final String registrationTag;
    private final FlowRecovery recovery;
    /** The server {@link #open()} connects to: the primary, or the alternate after a failover. */
    private volatile String serverHost;
    private volatile InetSocketAddress serverAddress;
    private volatile String primaryFailure;
    private volatile boolean failedOver;
    /** Whether the last {@link #open()} could not open the TCP connection at all (refused, timed out). */
    private volatile boolean tcpFailed;

    private Phone(DeviceProfile profile, PhoneSettings settings, EventLoopGroup group, TlsContextPool pool) {
        this.profile = profile;
        this.settings = settings;
        this.trace = settings.newSipTrace();
        this.serverHost = settings.serverHost();
        this.serverAddress = settings.serverAddress();
        this.group = group;
        this.tls = tlsContext(profile, settings, pool);
        this.pool = pool;
        this.digest = new DigestAuthenticator(settings.user(), settings.password(), random);
        this.registrationCallId = messages.newCallId();
        this.registrationTag = messages.newTag();
        this.invites = new InboundInviteHandler(this, random, messages, group, new InboundInviteHandler.Connection() {
            @Override
            public void respond(Response response) {
                userAgent.respond(response);
            }

            @Override
            public String contactUri() {
                return requests.contactUri();
            }

            @Override
            public EventLoop eventLoop() {
                return channel == null ? null : channel.eventLoop();
            }
        });
        this.recovery = new FlowRecovery(settings.reconnect(), group.next(), random::nextDouble, new FlowRecovery.Flow() {
            @Override
            public CompletableFuture<RegistrationResult> reconnect() {
                return reconnectAndRegister();
            }

            @Override
            public int endCalls(String cause) {
                return invites.connectionLost(cause);
            }

            @Override
            public void closeConnection() {
                Channel current = channel;
                if (current != null) {
                    current.close();
                }
            }
        });
    }

    public static Phone create(DeviceProfile profile, PhoneSettings settings, EventLoopGroup group) {
        return new Phone(profile, settings, group, null);
    }

    /**
     * A phone whose TLS context comes from {@code pool}, shared with every phone of the same TLS
     * configuration (see {@link TlsContextPool}): what a load run of thousands of phones uses. A
     * phone that captures still builds its own (its key log is set on the context).
     */
    public static Phone create(DeviceProfile profile, PhoneSettings settings, EventLoopGroup group,
                               TlsContextPool pool) {
        return new Phone(profile, settings, group, pool);
    }

    private static TlsContextLease tlsContext(DeviceProfile profile, PhoneSettings settings, TlsContextPool pool) {
        if (pool != null && settings.capture() == null) {
            return pool.lease(profile, settings);
        }
        SslContext own = PhoneSslContexts.forPhone(profile, settings);
        if (settings.capture() != null) {
            TlsKeyLogExport.install(own, settings.capture().secrets());
        }
        return new TlsContextLease(own, 0, TlsContextKey.resumptionOf(profile, settings));
    }

    public DeviceProfile profile() {
        return profile;
    }

    public PhoneSettings settings() {
        return settings;
    }

    /** Every SIP message this phone sent and received. */
    public SipTrace trace() {
        return trace;
    }

    /**
     * Opens the TLS connection and judges the server's certificate as the device does. Completes
     * with the report in every case (a refused connection or a dropped chain is a report, not an error).
     * After {@link #close()} it connects again, and recovery (if configured) is armed again.
     */
    public CompletableFuture<TlsReport> connect() {
        recovery.resume();
        failedOver = false;
        serverHost = settings.serverHost();
        serverAddress = settings.serverAddress();
        AlternateServer alternate = settings.alternateServer();
        if (alternate == null) {
            return open();
        }
        return open().thenCompose(report -> {
            if (report.established() || (!alternate.onTlsFailure() && !tcpFailed)) {
                return CompletableFuture.completedFuture(report);
            }
            // the primary cannot be reached: the alternate, as a D-Series with host_alternate does
            primaryFailure = report.failure() == null ? "not established" : report.failure();
            failedOver = true;
            serverHost = alternate.host();
            serverAddress = alternate.address();
            return open();
        });
    }

    /**
     * The host name of the server the phone connected to last: {@link PhoneSettings#serverHost()}, or its
     * {@link PhoneSettings#alternateServer() alternate}'s after a failover.
     */
    public String connectedServerHost() {
        return serverHost;
    }

    /** Whether the last {@link #connect()} failed over to the {@link PhoneSettings#alternateServer() alternate}. */
    public boolean onAlternate() {
        return failedOver;
    }

    /** Why the primary was given up at the last failover, or null when the phone did not fail over. */
    public String primaryFailure() {
        return onAlternate() ? primaryFailure : null;
    }

    /** Opens a connection to the current server: {@link #connect()}'s work, also a recovery attempt's. */
    private CompletableFuture<TlsReport> open() {
        CertificateValidator validator = pool != null ? pool.validator(profile, settings)
                : ProfileValidators.forProfile(profile, settings.trustAnchors(), settings.trustList(),
                        settings.allowWildcards());
        String serverHost = this.serverHost;
        ServerCertificateCheckHandler check = new ServerCertificateCheckHandler(validator, serverHost,
                settings.clock(), profile.validatesServer(), lastSessionId);
        InetSocketAddress server = this.serverAddress;
        UserAgentHandler ua = new UserAgentHandler(trace, this::answerInbound,
                (invite, response) -> requests.ackForNon2xx(invite, response), settings.transactionTimeout());
        ChannelFuture connecting = new Bootstrap().group(group).channel(ChannelTypes.socket(group))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        if (settings.capture() != null) {
                            pipeline.addLast("capture", new TcpCaptureHandler(settings.capture().packets()));
                        }
                        pipeline.addLast("tls-records", new TlsRecordObserver(TlsAlert.Sender.PHONE));
                        io.netty.handler.ssl.SslHandler handshake = tls.context().newHandler(ch.alloc(),
                                serverHost, tls.peerPort(server.getPort()));
                        // [GUESS] PJSIP's tls_setting.timeout is 0 (no handshake timer of its own): the
                        // REGISTER's Timer F bounds it instead, not netty's 10 s default
                        handshake.setHandshakeTimeoutMillis(settings.transactionTimeout().toMillis());
                        pipeline.addLast("tls", handshake);
                        pipeline.addLast("server-certificate", check);
                        pipeline.addLast("sip-framing", new SipFrameDecoder());
                        pipeline.addLast("sip-codec", new SipMessageCodec());
                        if (!settings.pongTimeout().isZero()) {
                            pipeline.addLast("pong-watch", new io.sipshield.emulator.ua.PongWatch(settings.pongTimeout(),
                                    cause -> recovery.keepAliveUnanswered(ch, cause)));
                        }
                        pipeline.addLast("user-agent", ua);
                    }
                })
                .connect(server);
        this.channel = connecting.channel();
        this.userAgent = ua;
        Channel opened = connecting.channel();
        opened.closeFuture().addListener(closed -> recovery.connectionClosed(opened, closeCause(ua)));
        tcpFailed = false;
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                tcpFailed = true;
                check.report().complete(TlsReport.failed("cannot connect to " + server + ": " + f.cause().getMessage()));
            }
        });
        return check.report().thenApply(report -> {
            lastTlsReport = report;
            if (report.protocol() != null) {
                keepOrForgetSession(opened, report);
            }
            if (report.established()) {
                requests = new RequestFactory(messages, settings.user(), serverHost, profile.userAgent(),
                        (InetSocketAddress) channel.localAddress(),
                        RequestFactory.UriOptions.of(profile, settings.user(), serverHost));
            }
            return report;
        });
    }

    /**
     * Remembers the session's ID for the next handshake; a phone that does not resume invalidates
     * the session, so that no provider offers it again (the JDK's context has no switch for it).
     */
    private void keepOrForgetSession(Channel connection, TlsReport report) {
        lastSessionId = java.util.HexFormat.of().parseHex(report.sessionId());
        if (!tls.resumption().mode().resumes()) {
            io.netty.handler.ssl.SslHandler handler = connection.pipeline().get(io.netty.handler.ssl.SslHandler.class);
            if (handler != null) {
                handler.engine().getSession().invalidate();
            }
        }
    }

    /** The report of this phone's latest connection attempt (a reconnect's too), or null before the first. */
    public TlsReport lastTlsReport() {
        return lastTlsReport;
    }

    /** How this phone resumes TLS sessions (its settings', else the device's default). */
    public TlsResumption tlsResumption() {
        return tls.resumption();
    }

    /**
     * Registers the account (answering a digest challenge) and completes with the registrar's answer.
     * From then on, with a {@link PhoneSettings#reconnect()} policy, a failure of the connection (closed,
     * reset, this or a later REGISTER timing out) is recovered: the phone reconnects with backoff and
     * registers again ({@link #flowInterruptions()}, {@link #awaitRecovery}). A REGISTER without answer
     * fails with a {@link TransactionTimeoutException} after {@link PhoneSettings#transactionTimeout()}.
     */
    public CompletableFuture<RegistrationResult> register() {
        Channel over = channel;
        if (over != null && requests != null) {
            recovery.registrationWanted(over);
        }
        return registerOnce().whenComplete((result, failure) -> {
            if (failure != null && rootCause(failure) instanceof TransactionTimeoutException timeout) {
                recovery.transactionTimedOut(over, timeout.getMessage());
            }
        });
    }

    private CompletableFuture<RegistrationResult> registerOnce() {
        return onLoop(() -> {
            String aor = requests.addressOfRecord();
            Request register = requests.request(Request.REGISTER, requests.registrarUri(), aor, null,
                    registrationCallId, registrationTag, nextCseq())
                    .header(ExpiresHeader.NAME, Integer.toString(settings.registerExpires()))
                    .build();
            return sendAuthenticated(register).thenApply(Phone::registration);
        });
    }

    /**
     * Removes this phone's binding: a REGISTER for its Contact with {@code Expires: 0} on the
     * registration's Call-ID (RFC 3261 §10.2.2), a digest challenge answered as in {@link #register()}.
     * Completes with the registrar's answer; its {@code expires} is 0 once the contact is gone (a
     * registrar that still lists it gives the time it has left). Fails when the phone is not connected.
     */
    public CompletableFuture<RegistrationResult> unregister() {
        recovery.registrationNotWanted();
        return onLoop(() -> {
            String aor = requests.addressOfRecord();
            Request register = requests.request(Request.REGISTER, requests.registrarUri(), aor, null,
                    registrationCallId, registrationTag, nextCseq())
                    .header(ExpiresHeader.NAME, "0")
                    .build();
            return sendAuthenticated(register).thenApply(response -> unregistration(response, requests.contactUri()));
        });
    }

    /**
     * Calls {@code extension} offering media as the profile's {@link io.sipshield.emulator.profile.SrtpPolicy}
     * says (a D-Series: RTP/SAVP with AES_CM_128_HMAC_SHA1_80; PCMU) and completes with the call
     * once the INVITE has a final response (ACKed).
     */
    public CompletableFuture<Call> call(String extension) {
        MediaOptions mediaOptions = settings.mediaOptions();
        return MediaSession.open(group, settings.mediaAddress(), mediaOptions).thenCompose(media -> onLoop(() -> {
            SdesNegotiator sdes = SdesNegotiator.forPolicy(profile.srtp(), random);
            SdesOffer offered = sdes.offer();
            List<String> attributes = new ArrayList<>(rtpmaps(settings.codecs()));
            attributes.addAll(List.of("ptime:20", "sendrecv"));
            attributes.addAll(offered.attributes());
            if (mediaOptions.rtcpMux()) {
                attributes.add("rtcp-mux");
            }
            long sessionId = random.nextInt(Integer.MAX_VALUE);
            LocalDescription offerSdp = new LocalDescription("-", sessionId, sessionId, settings.mediaAddress(),
                    media.localAddress().getPort(), offered.profile(), formats(settings.codecs()), attributes);
            String offer = offerSdp.body();
            String callId = messages.newCallId();
            String localTag = messages.newTag();
            String target = requests.extensionUri(extension);
            Request invite = requests.request(Request.INVITE, target, target, null, callId, localTag, nextCseq())
                    .body("application/sdp", offer)
                    .build();
            return sendAuthenticated(invite).thenApply(response -> answered(response, media, sdes, offered, localTag,
                    offerSdp));
        }).whenComplete((call, failure) -> {
            if (failure != null) {
                media.close();
            }
        }));
    }

    private Call answered(Response response, MediaSession media, SdesNegotiator sdes, SdesOffer offered,
                          String localTag, LocalDescription offerSdp) {
        if (response.getStatusCode() >= 300) {
            media.close();
            return Call.rejected(this, response.getStatusCode(), response.getReasonPhrase());
        }
        Dialog dialog = dialog(response, localTag);
        userAgent.send(ack(response, dialog));
        MediaDescription audio;
        SdesOutcome outcome;
        MediaDestination destination;
        try {
            byte[] body = response.getRawContent();
            audio = SessionDescription.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8)).audio();
            outcome = sdes.complete(offered, audio);
            destination = MediaDestination.from(audio, media.options().rtcpMux());
        } catch (SdpParseException | IllegalArgumentException e) {
            media.close();
            return Call.unusableAnswer(this, response.getStatusCode(), dialog, null,
                    new SdesOutcome.Failed("the answer's SDP is unusable: " + e.getMessage(), List.of()));
        }
        G711 codec = InboundInviteHandler.firstCodec(audio.formats(), settings.codecs());
        if (codec == null) {
            outcome = new SdesOutcome.Failed("the answer's formats " + audio.formats() + " include none offered ("
                    + formats(settings.codecs()) + ")", List.of());
        }
        if (codec != null && outcome instanceof SdesOutcome.Srtp srtp) {
            media.start(destination, srtp);
        } else if (codec != null && outcome instanceof SdesOutcome.Plain) {
            media.startPlain(destination);
        } else {
            media.close();
            return Call.unusableAnswer(this, response.getStatusCode(), dialog, audio.profile(), outcome);
        }
        Call call = Call.established(this, response.getStatusCode(), dialog, audio.profile(), outcome, media, codec,
                offerSdp, MediaDirection.of(audio));
        invites.inDialog(call);
        return call;
    }

    /**
     * Sends a re-INVITE with {@code sdp} in the dialog (RFC 3261 §14.1: next CSeq, the dialog's
     * Call-ID, tags and remote target, this phone's Contact), answering a digest challenge like
     * the first INVITE, and ACKs a 2xx (RFC 3261 §13.2.2.4); a non-2xx is ACKed by the
     * transaction. Completes with the final response.
     */
    CompletableFuture<Response> reInvite(Dialog dialog, String sdp) {
        return onLoop(() -> {
            Request invite = requests.request(Request.INVITE, dialog.remoteTarget(), dialog.remoteUri(),
                    dialog.remoteTag(), dialog.callId(), dialog.localTag(), nextCseq())
                    .body("application/sdp", sdp)
                    .build();
            return sendAuthenticated(invite).thenApply(response -> {
                int status = response.getStatusCode();
                if (status >= 200 && status < 300) {
                    userAgent.send(ack(response, dialog));
                }
                return response;
            });
        });
    }

    /** Ends the call's dialog with BYE and completes with the final status. */
    CompletableFuture<Integer> bye(Dialog dialog) {
        invites.forget(dialog.callId());
        return onLoop(() -> {
            Request bye = requests.request(Request.BYE, dialog.remoteTarget(), dialog.remoteUri(), dialog.remoteTag(),
                    dialog.callId(), dialog.localTag(), nextCseq()).build();
            return sendAuthenticated(bye).thenApply(Response::getStatusCode);
        });
    }

    /** Sends a request; a 401/407 is answered once with digest credentials (RFC 3261 §22.2). */
    private CompletableFuture<Response> sendAuthenticated(Request request) {
        return userAgent.send(request).thenCompose(response -> {
            int status = response.getStatusCode();
            if (status != Response.UNAUTHORIZED && status != Response.PROXY_AUTHENTICATION_REQUIRED) {
                return CompletableFuture.completedFuture(response);
            }
            Request retry = requests.retry(request, nextCseq());
            retry.addHeader(digest.authorizationFor(response, request));
            return userAgent.send(retry);
        });
    }

    /** The ACK for a 2xx, sent end-to-end inside the dialog (RFC 3261 §13.2.2.4). */
    private Request ack(Response response, Dialog dialog) {
        long number = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        return requests.request(Request.ACK, dialog.remoteTarget(), dialog.remoteUri(), dialog.remoteTag(),
                dialog.callId(), dialog.localTag(), number).build();
    }

    private static Dialog dialog(Response response, String localTag) {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
        URI toUri = to.getAddress().getURI();
        String remoteTarget = contact != null ? contact.getAddress().getURI().toString() : toUri.toString();
        return new Dialog(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId(), localTag, to.getTag(),
                remoteTarget, toUri.toString());
    }

    private static RegistrationResult unregistration(Response response, String contactUri) {
        int status = response.getStatusCode();
        if (status < 200 || status >= 300) {
            return new RegistrationResult(status, -1, response.getReasonPhrase());
        }
        int expires = 0;
        for (java.util.Iterator<?> it = response.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader contact = (ContactHeader) it.next();
            if (!contact.isWildCard() && contactUri.equalsIgnoreCase(contact.getAddress().getURI().toString())) {
                expires = Math.max(contact.getExpires(), 0);
            }
        }
        return new RegistrationResult(status, expires, response.getReasonPhrase());
    }

    private static RegistrationResult registration(Response response) {
        int status = response.getStatusCode();
        if (status < 200 || status >= 300) {
            return new RegistrationResult(status, -1, response.getReasonPhrase());
        }
        int expires = -1;
        ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
        if (contact != null && contact.getExpires() >= 0) {
            expires = contact.getExpires();
        } else if (response.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader header) {
            expires = header.getExpires();
        }
        return new RegistrationResult(status, expires, response.getReasonPhrase());
    }

    /**
     * Answers what the server sends on our connection, after recording it for {@link #awaitRequest}:
     * INVITE, CANCEL and BYE as {@link InboundInviteHandler} decides, OPTIONS 200, ACK nothing,
     * anything else 501.
     */
    private Response answerInbound(Request request) {
        inbound.add(InboundRequest.of(request, Instant.now()));
        return switch (request.getMethod()) {
            case Request.ACK -> null;
            case Request.INVITE -> invites.onInvite(request);
            case Request.CANCEL -> invites.onCancel(request);
            case Request.BYE -> invites.onBye(request);
            case Request.OPTIONS -> messages.response(Response.OK, request);
            default -> messages.response(Response.NOT_IMPLEMENTED, request);
        };
    }

    private static List<String> formats(List<G711> codecs) {
        return codecs.stream().map(codec -> Integer.toString(codec.payloadType())).toList();
    }

    private static List<String> rtpmaps(List<G711> codecs) {
        return codecs.stream().map(codec -> "rtpmap:" + codec.payloadType() + " " + codec.encodingName() + "/"
                + G711.CLOCK_RATE).toList();
    }

    /** Calls the server offered this phone and it answered 200, by Call-ID. */
    public Map<String, Call> incomingCalls() {
        return invites.answeredCalls();
    }

    /**
     * The next call the server offered this phone that no one took yet, as soon as it rings. In
     * {@link AnswerMode#MANUAL} it waits for {@link IncomingCall#answer()} or
     * {@link IncomingCall#reject(int)}; in AUTO it is already being answered, in REJECT already refused.
     * An offer the device's SRTP policy refuses (488) never rings and is not here. Fails with a
     * {@link java.util.concurrent.TimeoutException} when none rings within {@code timeout}.
     */
    public CompletableFuture<IncomingCall> nextIncomingCall(Duration timeout) {
        return invites.next(timeout);
    }

    /**
     * The first request the server sent down this phone's connection with {@code method}
     * (case-insensitive) that no earlier call took, at once if it already came, else when it comes.
     * Fails with a {@link java.util.concurrent.TimeoutException} ("no OPTIONS request within 2 s")
     * when none comes in time. The timeout runs on the connection's event loop.
     */
    public CompletableFuture<InboundRequest> awaitRequest(String method, Duration timeout) {
        if (channel == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the phone is not connected: call connect() before waiting for a " + method + " request"));
        }
        return inbound.take(request -> request.is(method), timeout, channel.eventLoop(), method + " request");
    }

    /** Every request the server sent down this phone's connection, in order, taken or not. */
    public List<InboundRequest> inboundRequests() {
        return inbound.arrived();
    }

    /**
     * CANCELs the outgoing call that is still ringing (RFC 3261 §9.1): every INVITE this phone sent
     * that has no final response gets a CANCEL; its {@link #call} future then completes with the
     * server's 487. Completes with the CANCEL's final status (the highest, when several were sent).
     * Send it once the call rings: a CANCEL for an INVITE that is being challenged matches nothing
     * (481). Fails with an {@link IllegalStateException} when no outgoing call waits for an answer.
     */
    public CompletableFuture<Integer> cancelOutgoingCall() {
        return onLoop(() -> {
            List<Request> ringing = userAgent.pendingInvites();
            if (ringing.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "no outgoing call is waiting for an answer: nothing to CANCEL"));
            }
            List<CompletableFuture<Response>> sent = ringing.stream()
                    .map(invite -> userAgent.send(requests.cancel(invite))).toList();
            return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(done -> sent.stream()
                    .mapToInt(f -> f.join().getStatusCode()).max().orElseThrow());
        });
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> work) {
        if (channel == null || requests == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the phone is not connected: call connect() and check its TlsReport first"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            try {
                work.get().whenComplete((value, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private long nextCseq() {
        return cseq++;
    }

    /**
     * Sends one CRLF keep-alive ping ({@code "\r\n\r\n"}, RFC 5626 §4.4.1) down the connection; the
     * server answers with a single CRLF pong (the mock does, as PJSIP's transport does). When no pong arrives
     * within {@link PhoneSettings#pongTimeout()} (10 s), the flow has failed: the phone closes it and, with a
     * {@link PhoneSettings#reconnect()} policy, reconnects and registers again ({@link #flowInterruptions()}).
     * Completes when written; fails when the phone is not connected or the write fails.
     */
    public CompletableFuture<Void> sendKeepAlive() {
        if (!connected()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the phone is not connected: no keep-alive can be sent"));
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        channel.writeAndFlush(io.sipshield.emulator.sip.SipKeepAlive.PING).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(f.cause());
            }
        });
        return written;
    }

    /** Whether the TLS connection is open (connected and not closed by either side since). */
    public boolean connected() {
        return channel != null && requests != null && channel.isActive();
    }

    /**
     * One recovery attempt (RFC 5626 §4.5): a new connection, then a REGISTER on the registration's
     * Call-ID. The connection is closed again when the attempt does not end registered.
     */
    private CompletableFuture<RegistrationResult> reconnectAndRegister() {
        return open().thenCompose(report -> {
            if (!report.established()) {
                return CompletableFuture.failedFuture(new java.io.IOException(
                        report.failure() == null ? "the TLS connection was not established" : report.failure()));
            }
            Channel attempt = channel;
            return registerOnce().whenComplete((result, failure) -> {
                if (failure == null && result.registered()) {
                    recovery.connectionReplaced(attempt);
                } else {
                    attempt.close();
                }
            });
        });
    }

    /** Why a connection closed, for its {@link FlowInterruption}: reset, an error, or closed by the server. */
    private static String closeCause(UserAgentHandler ua) {
        Throwable cause = ua.closeCause();
        if (cause == null) {
            return "closed by the server";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.toLowerCase(java.util.Locale.ROOT).contains("reset") ? "reset by the server (" + message + ")"
                : "connection failed (" + message + ")";
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Every failure of this phone's connection since it first registered, oldest first, with its cause,
     * the calls it ended, the reconnection attempts and when (if) the phone registered again. Empty
     * while the connection never failed. With {@link io.sipshield.emulator.ua.ReconnectPolicy#NONE} a
     * failure is recorded as given up at once.
     */
    public List<FlowInterruption> flowInterruptions() {
        return recovery.interruptions();
    }

    /**
     * The next recovery of a failed connection (registered again) nobody took yet: at once when one
     * happened, else when it happens. Fails with a {@link java.util.concurrent.TimeoutException} after
     * {@code timeout}; the wait runs on an event loop.
     */
    public CompletableFuture<FlowInterruption> awaitRecovery(Duration timeout) {
        return recovery.awaitRecovery(timeout);
    }

    /** Told of every drop, recovery and surrender of this phone's connection; on an event loop, must not block. */
    public void addFlowListener(FlowRecovery.Listener listener) {
        recovery.addListener(listener);
    }

    /** Whether the phone is between a failure of its connection and its new registration. */
    public boolean recovering() {
        return recovery.recovering();
    }

    /** Closes the connection; no recovery follows. */
    @Override
    public void close() {
        recovery.stop();
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }
}

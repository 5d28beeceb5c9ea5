package io.sipshield.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.sipshield.emulator.media.MediaDestination;
import io.sipshield.emulator.media.MediaOptions;
import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.sdp.MediaDescription;
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
import io.sipshield.emulator.tls.ProfileValidators;
import io.sipshield.emulator.tls.ServerCertificateCheckHandler;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.Dialog;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.RequestFactory;
import io.sipshield.emulator.ua.SipTrace;
import io.sipshield.emulator.ua.UserAgentHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
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
 */
public final class Phone implements AutoCloseable {

    private final DeviceProfile profile;
    private final PhoneSettings settings;
    private final EventLoopGroup group;
    private final SslContext sslContext;
    private final SipTrace trace = new SipTrace();
    private final SecureRandom random = new SecureRandom();
    private final DigestAuthenticator digest;
    private final SipMessages messages = new SipMessages(random);
    private Channel channel;
    private UserAgentHandler userAgent;
    private RequestFactory requests;
    private final Map<String, Call> incomingCalls = new ConcurrentHashMap<>();
    private long cseq = 1 + new SecureRandom().nextInt(10_000);
    private final String registrationCallId;
    private final String registrationTag;

    private Phone(DeviceProfile profile, PhoneSettings settings, EventLoopGroup group) {
        this.profile = profile;
        this.settings = settings;
        this.group = group;
        this.sslContext = PhoneSslContexts.forPhone(profile, settings);
        this.digest = new DigestAuthenticator(settings.user(), settings.password(), random);
        this.registrationCallId = messages.newCallId();
        this.registrationTag = messages.newTag();
    }

    public static Phone create(DeviceProfile profile, PhoneSettings settings, EventLoopGroup group) {
        return new Phone(profile, settings, group);
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
     */
    public CompletableFuture<TlsReport> connect() {
        CertificateValidator validator = ProfileValidators.forProfile(profile, settings.trustAnchors(),
                settings.trustList(), settings.allowWildcards());
        ServerCertificateCheckHandler check = new ServerCertificateCheckHandler(validator, settings.serverHost(),
                settings.clock(), profile.validatesServer());
        InetSocketAddress server = settings.serverAddress();
        UserAgentHandler ua = new UserAgentHandler(trace, this::answerInbound,
                (invite, response) -> requests.ackForNon2xx(invite, response));
        ChannelFuture connecting = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        pipeline.addLast("tls", sslContext.newHandler(ch.alloc(), settings.serverHost(), server.getPort()));
                        pipeline.addLast("server-certificate", check);
                        pipeline.addLast("sip-framing", new SipFrameDecoder());
                        pipeline.addLast("sip-codec", new SipMessageCodec());
                        pipeline.addLast("user-agent", ua);
                    }
                })
                .connect(server);
        this.channel = connecting.channel();
        this.userAgent = ua;
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                check.report().complete(TlsReport.failed("cannot connect to " + server + ": " + f.cause().getMessage()));
            }
        });
        return check.report().thenApply(report -> {
            if (report.established()) {
                requests = new RequestFactory(messages, settings.user(), settings.serverHost(), profile.userAgent(),
                        (InetSocketAddress) channel.localAddress());
            }
            return report;
        });
    }

    /** Registers the account (answering a digest challenge) and completes with the registrar's answer. */
    public CompletableFuture<RegistrationResult> register() {
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
     * Calls {@code extension} offering media as the profile's {@link io.sipshield.emulator.profile.SrtpPolicy}
     * says (a D-Series: RTP/SAVP with AES_CM_128_HMAC_SHA1_80; PCMU) and completes with the call
     * once the INVITE has a final response (ACKed).
     */
    public CompletableFuture<Call> call(String extension) {
        MediaOptions mediaOptions = MediaOptions.builder().rtcpInterval(settings.rtcpInterval())
                .rtcpMux(settings.rtcpMux()).cname(settings.user() + "@" + settings.mediaAddress()).build();
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
            String offer = SessionDescription.audioBody("-", sessionId, sessionId, settings.mediaAddress(),
                    media.localAddress().getPort(), offered.profile(), formats(settings.codecs()), attributes);
            String callId = messages.newCallId();
            String localTag = messages.newTag();
            String target = requests.extensionUri(extension);
            Request invite = requests.request(Request.INVITE, target, target, null, callId, localTag, nextCseq())
                    .body("application/sdp", offer)
                    .build();
            return sendAuthenticated(invite).thenApply(response -> answered(response, media, sdes, offered, localTag));
        }).whenComplete((call, failure) -> {
            if (failure != null) {
                media.close();
            }
        }));
    }

    private Call answered(Response response, MediaSession media, SdesNegotiator sdes, SdesOffer offered,
                          String localTag) {
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
        G711 codec = firstCodec(audio.formats(), settings.codecs());
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
        return Call.established(this, response.getStatusCode(), dialog, audio.profile(), outcome, media, codec);
    }

    /** Ends the call's dialog with BYE and completes with the final status. */
    CompletableFuture<Integer> bye(Dialog dialog) {
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

    /** Answers what the server sends on our connection: BYE and OPTIONS with 200, anything else 501. */
    private Response answerInbound(Request request) {
        return switch (request.getMethod()) {
            case Request.ACK -> null;
            case Request.INVITE -> answerInvite(request);
            case Request.BYE -> {
                Call call = incomingCalls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
                if (call != null) {
                    call.mediaEnded();
                }
                yield messages.response(Response.OK, request);
            }
            case Request.OPTIONS -> messages.response(Response.OK, request);
            default -> messages.response(Response.NOT_IMPLEMENTED, request);
        };
    }

    /**
     * Answers an INVITE the server sends on the phone's connection (RFC 5626 persistent flow) as the
     * device would: its SRTP policy decides (a D-Series answers an offer without RTP/SAVP with 488);
     * an acceptable offer is answered 200 with the device's own key and the offerer's tag, once the
     * media port is bound. Answered calls are in {@link #incomingCalls()}.
     */
    private Response answerInvite(Request invite) {
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
        MediaOptions mediaOptions = MediaOptions.builder().rtcpInterval(settings.rtcpInterval())
                .rtcpMux(settings.rtcpMux()).cname(settings.user() + "@" + settings.mediaAddress()).build();
        String localTag = messages.newTag();
        MediaSession.open(group, settings.mediaAddress(), mediaOptions).whenComplete((media, failure) -> {
            if (failure != null) {
                userAgent.respond(messages.response(Response.SERVER_INTERNAL_ERROR, invite, localTag));
                return;
            }
            userAgent.respond(acceptInvite(invite, offer, outcome, codec, media, localTag));
        });
        return null;
    }

    private Response acceptInvite(Request invite, MediaDescription offer, SdesOutcome outcome, G711 codec,
                                  MediaSession media, String localTag) {
        MediaDestination destination = MediaDestination.from(offer, media.options().rtcpMux());
        List<String> attributes = new ArrayList<>();
        if (outcome instanceof SdesOutcome.Srtp srtp) {
            attributes.add("crypto:" + srtp.local().toSdpValue());
            media.start(destination, srtp);
        } else {
            media.startPlain(destination);
        }
        attributes.addAll(rtpmaps(List.of(codec)));
        attributes.addAll(List.of("ptime:20", "sendrecv"));
        long sessionId = random.nextInt(Integer.MAX_VALUE);
        String profileName = outcome instanceof SdesOutcome.Srtp srtp ? srtp.profile() : offer.profile();
        String sdp = SessionDescription.audioBody("-", sessionId, sessionId, settings.mediaAddress(),
                media.localAddress().getPort(), profileName, formats(List.of(codec)), attributes);
        Response ok = messages.response(Response.OK, invite, localTag);
        ok.addHeader(messages.header(ContactHeader.NAME, "<" + requests.contactUri() + ">"));
        try {
            ok.setContent(sdp, (javax.sip.header.ContentTypeHeader) messages.header("Content-Type", "application/sdp"));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("cannot attach the SDP answer", e);
        }
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        String remoteUri = from.getAddress().getURI().toString();
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        Dialog dialog = new Dialog(callId, localTag, from.getTag(),
                contact != null ? contact.getAddress().getURI().toString() : remoteUri, remoteUri);
        incomingCalls.put(callId, Call.established(this, Response.OK, dialog, profileName, outcome, media, codec));
        return ok;
    }

    /** The first of {@code formats} (an m-line's payload types, in its order) that is one of {@code codecs}, or null. */
    private static G711 firstCodec(List<String> formats, List<G711> codecs) {
        for (String format : formats) {
            for (G711 codec : codecs) {
                if (format.equals(Integer.toString(codec.payloadType()))) {
                    return codec;
                }
            }
        }
        return null;
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
        return Map.copyOf(incomingCalls);
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

    /** Closes the connection. */
    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }
}

package io.sipshield.emulator;

import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.capture.CaptureTaps;
import io.sipshield.emulator.capture.PacketTap;
import io.sipshield.emulator.capture.SecretsTap;
import io.sipshield.emulator.media.FrameClocks;
import io.sipshield.emulator.media.MediaOptions;
import io.sipshield.emulator.media.MediaTimelineRecorder;
import io.sipshield.emulator.media.impair.MediaFaults;
import io.sipshield.emulator.tls.TlsResumption;
import io.sipshield.emulator.tls.TrustListEntry;
import io.sipshield.emulator.ua.ReconnectPolicy;
import io.sipshield.emulator.ua.SipTrace;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import io.sipshield.emulator.rtp.G711;
import java.util.List;
import java.util.Objects;

/**
 * What a phone is configured with: its account, the server it dials, what it trusts, and the
 * settings a user can change on the device. Built once, immutable.
 *
 * @param user           SIP user and digest user name (e.g. {@code 101})
 * @param password       digest password
 * @param serverHost     the host name (or IP) the phone dials: used in request URIs and for the identity check
 * @param serverAddress  where to connect (the address {@code serverHost} resolves to)
 * @param trustAnchors   the CA certificates loaded on the phone
 * @param allowWildcards {@code tls_allow_wildcard_certs} (only on firmware that has the setting)
 * @param clock          the phone's clock (a phone before NTP believes it is 1970)
 * @param mediaAddress   the local address RTP is sent from and advertised in SDP
 * @param tlsProvider    which TLS implementation the phone uses
 * @param registerExpires the expiry asked for in REGISTER, seconds
 * @param rtcpInterval   the mean time between RTCP reports (RFC 3550: 5 s)
 * @param rtcpMux        whether calls offer RTCP multiplexed on the RTP port (RFC 5761)
 * @param clientCredentials the certificate and key presented when the server asks for one, or null;
 *                       sent only when the profile can present one (never by a D-Series)
 * @param trustList      a Cisco phone's installed trust-list records (ITL/CTL); a pinning profile with
 *                       none pins the {@code trustAnchors} as CCM records
 * @param codecs         the G.711 laws offered, in preference order
 * @param answerMode     what the phone does with an INVITE it can accept: answer at once, ring until
 *                       the test answers, or refuse with a status
 * @param capture        where the phone copies its TLS and SRTP packets and their secrets, or null (no capture)
 * @param reconnect      how the phone recovers a failed connection (RFC 5626 §4.5); {@link ReconnectPolicy#NONE} by default
 * @param transactionTimeout how long a request waits for its final response (Timer F) and an INVITE for its
 *                       first response (Timer B): 64*T1 = 32 s by default (RFC 3261 §17.1.1.2, §17.1.2.2)
 * @param tlsResumption  whether and how the phone resumes its TLS session on a new connection, or null:
 *                       what the device does ({@link TlsResumption#forProfile})
 * @param mediaFaults    media faults played on every call's media (issue 11): the sender's sequence number
 *                       wrap, loss, reordering, duplication, tampering and replays of what the phone receives;
 *                       {@link MediaFaults#NONE} by default
 * @param pongTimeout    how long after a CRLF keep-alive ping the phone waits for the server's CRLF pong before
 *                       it treats the flow as failed (RFC 5626 §4.4.1: 10 s, {@link #DEFAULT_PONG_TIMEOUT});
 *                       {@link Duration#ZERO} never waits for one
 * @param alternateServer the server the phone connects to when the primary cannot be reached (a Digium
 *                       {@code host_alternate}), or null for none
 * @param frameClocks    the 20 ms media clocks shared with other phones on the same event loops (a load run's:
 *                       one timer per loop, not per call), or null: each call keeps a clock of its own, as a device does
 * @param mediaTimeline  whether each call records its {@link io.sipshield.emulator.media.MediaTimeline} (default
 *                       true; a load run, which never reads it, turns it off)
 * @param sipTraceLimit  how many SIP messages the phone's {@link SipTrace} keeps: {@link #WHOLE_SIP_TRACE} (-1, the
 *                       default) every one; N the first N/2 and the last N - N/2 (a phone held for hours); 0 none
 */
public record PhoneSettings(String user, String password, String serverHost, InetSocketAddress serverAddress,
                            List<X509Certificate> trustAnchors, boolean allowWildcards, Clock clock,
                            String mediaAddress, TlsProvider tlsProvider, int registerExpires, Duration rtcpInterval,
                            boolean rtcpMux, ClientCredentials clientCredentials, List<TrustListEntry> trustList,
                            List<G711> codecs, AnswerMode answerMode, CaptureTaps capture,
                            ReconnectPolicy reconnect, Duration transactionTimeout, TlsResumption tlsResumption,
                            MediaFaults mediaFaults, Duration pongTimeout, AlternateServer alternateServer,
                            FrameClocks frameClocks, boolean mediaTimeline, int sipTraceLimit) {

    /** 64*T1 with T1 = 500 ms (RFC 3261 §17.1.1.2 Timer B, §17.1.2.2 Timer F). */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(32);

    /**
     * RFC 5626 §4.4.1: a UA that sends a CRLF ping and gets no pong within 10 seconds treats the flow as
     * failed.
     */
    public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(10);

    /** {@link #sipTraceLimit()}: the trace keeps every message. */
    public static final int WHOLE_SIP_TRACE = -1;

    /** The TLS stacks a phone can run on. */
    public enum TlsProvider {
        /** BoringSSL through netty-tcnative (the phones' own stacks are OpenSSL-based). */
        BORINGSSL,
        /** The JDK's own provider. */
        JDK
    }

    public PhoneSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(serverHost, "serverHost");
        Objects.requireNonNull(serverAddress, "serverAddress");
        trustAnchors = List.copyOf(trustAnchors);
        codecs = List.copyOf(codecs);
        trustList = List.copyOf(trustList);
        Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        Objects.requireNonNull(answerMode, "answerMode");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(transactionTimeout, "transactionTimeout");
        Objects.requireNonNull(mediaFaults, "mediaFaults");
        Objects.requireNonNull(pongTimeout, "pongTimeout");
        if (pongTimeout.isNegative()) {
            throw new IllegalArgumentException("pongTimeout: expected 0 (never) or more, got " + pongTimeout);
        }
        if (transactionTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("transactionTimeout: expected at least 1 ms, got " + transactionTimeout);
        }
        if (sipTraceLimit < WHOLE_SIP_TRACE) {
            throw new IllegalArgumentException("sipTraceLimit: expected -1 (every message) or 0 or more, got "
                    + sipTraceLimit);
        }
        if (rtcpInterval.toMillis() < 10) {
            throw new IllegalArgumentException("rtcpInterval: expected at least 10 ms, got " + rtcpInterval.toMillis() + " ms");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new trace as {@link #sipTraceLimit()} says. */
    public SipTrace newSipTrace() {
        return sipTraceLimit == WHOLE_SIP_TRACE ? new SipTrace()
                : SipTrace.keeping(sipTraceLimit / 2, sipTraceLimit - sipTraceLimit / 2);
    }

    /** The options of each call's media: RTCP as configured, the CNAME {@code user@mediaAddress}, capture, faults, clocks. */
    public MediaOptions mediaOptions() {
        MediaOptions.Builder options = MediaOptions.builder().rtcpInterval(rtcpInterval).rtcpMux(rtcpMux)
                .cname(user + "@" + mediaAddress).capture(capture).faults(mediaFaults).frameClocks(frameClocks);
        if (!mediaTimeline) {
            options.timeline(MediaTimelineRecorder.DEFAULT_INTERVAL, 0);
        }
        return options.build();
    }

    /** Builds {@link PhoneSettings}; every setting but the account and the server has a device default. */
    public static final class Builder {
        private String user;
        private String password = "";
        private String serverHost = "pbx.sip.test";
        private InetSocketAddress serverAddress;
        private AlternateServer alternateServer;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private boolean allowWildcards;
        private Clock clock = Clock.systemUTC();
        private String mediaAddress = "127.0.0.1";
        private TlsProvider tlsProvider = TlsProvider.BORINGSSL;
        private int registerExpires = 300;
        private Duration rtcpInterval = Duration.ofSeconds(5);
        private List<G711> codecs = List.of(G711.PCMU, G711.PCMA);
        private boolean rtcpMux;
        private ClientCredentials clientCredentials;
        private final List<TrustListEntry> trustList = new ArrayList<>();
        private AnswerMode answerMode = AnswerMode.AUTO;
        private CaptureTaps capture;
        private ReconnectPolicy reconnect = ReconnectPolicy.NONE;
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private TlsResumption tlsResumption;
        private MediaFaults mediaFaults = MediaFaults.NONE;
        private Duration pongTimeout = DEFAULT_PONG_TIMEOUT;
        private FrameClocks frameClocks;
        private boolean mediaTimeline = true;
        private int sipTraceLimit = WHOLE_SIP_TRACE;

        /**
         * How many SIP messages the phone's trace keeps: {@link #WHOLE_SIP_TRACE} (the default) all; N the
         * first N/2 and the last N - N/2, counting those between; 0 none (nothing is rendered for it).
         */
        public Builder sipTraceLimit(int messages) {
            this.sipTraceLimit = messages;
            return this;
        }

        /**
         * Runs the calls' 20 ms media clocks on {@code clocks}, shared with every phone given the same object
         * (one timer per event loop); default null: each call has a clock of its own.
         */
        public Builder frameClocks(FrameClocks clocks) {
            this.frameClocks = clocks;
            return this;
        }

        /** Whether each call records its media timeline (default true). */
        public Builder mediaTimeline(boolean record) {
            this.mediaTimeline = record;
            return this;
        }

        /**
         * How long the phone waits for the CRLF pong to each keep-alive ping before the flow counts as failed
         * and, with a {@link #reconnect} policy, is recovered (RFC 5626 §4.4.1). Default 10 s, the RFC's;
         * {@link Duration#ZERO} never waits.
         */
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = Objects.requireNonNull(timeout, "pongTimeout");
            return this;
        }

        /** Media faults played on every call of the phone ({@link MediaFaults}); default none. */
        public Builder mediaFaults(MediaFaults faults) {
            this.mediaFaults = Objects.requireNonNull(faults, "mediaFaults");
            return this;
        }

        /**
         * How the phone recovers when its connection fails: {@link ReconnectPolicy#rfc5626()} waits and
         * re-registers as RFC 5626 §4.5 says; {@link ReconnectPolicy#NONE} (the default) leaves it dropped.
         */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "reconnect");
            return this;
        }

        /**
         * Timer F / Timer B: how long a request waits before it fails with a
         * {@link io.sipshield.emulator.ua.TransactionTimeoutException}. Default 32 s (64*T1).
         */
        public Builder transactionTimeout(Duration timeout) {
            this.transactionTimeout = Objects.requireNonNull(timeout, "transactionTimeout");
            return this;
        }

        public Builder account(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder serverHost(String host) {
            this.serverHost = host;
            return this;
        }

        public Builder serverAddress(InetSocketAddress address) {
            this.serverAddress = address;
            return this;
        }

        /** The server to connect to when the primary cannot be reached (default none). */
        public Builder alternateServer(AlternateServer alternate) {
            this.alternateServer = alternate;
            return this;
        }

        public Builder trust(X509Certificate anchor) {
            trustAnchors.add(anchor);
            return this;
        }

        public Builder allowWildcards(boolean allow) {
            this.allowWildcards = allow;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder mediaAddress(String address) {
            this.mediaAddress = address;
            return this;
        }

        public Builder tlsProvider(TlsProvider provider) {
            this.tlsProvider = provider;
            return this;
        }

        public Builder registerExpires(int seconds) {
            this.registerExpires = seconds;
            return this;
        }

        /** Mean time between RTCP reports. Default 5 s (RFC 3550 §6.2); shorter for quick tests. */
        public Builder rtcpInterval(Duration interval) {
            this.rtcpInterval = interval;
            return this;
        }

        /** Whether calls offer {@code a=rtcp-mux}. Default false, as the D-Series and Asterisk's default. */
        /** The G.711 laws offered, in preference order; PCMU then PCMA by default. */
        public Builder codecs(List<G711> offered) {
            if (offered.isEmpty()) {
                throw new IllegalArgumentException("codecs: a phone offers at least one codec");
            }
            this.codecs = List.copyOf(offered);
            return this;
        }

        public Builder rtcpMux(boolean mux) {
            this.rtcpMux = mux;
            return this;
        }

        /** The certificate presented when the server asks for one; default none. */
        public Builder clientCredentials(ClientCredentials credentials) {
            this.clientCredentials = credentials;
            return this;
        }

        /** One record of a Cisco phone's installed trust list. */
        public Builder trustListEntry(X509Certificate certificate, TrustListRole role) {
            trustList.add(new TrustListEntry(certificate, role));
            return this;
        }

        /**
         * What the phone does with an INVITE its SRTP policy accepts: {@link AnswerMode#AUTO} (default)
         * answers 200 at once, {@link AnswerMode#MANUAL} rings until the test answers,
         * {@link AnswerMode#reject(int)} refuses with the status.
         */
        public Builder answerMode(AnswerMode mode) {
            this.answerMode = Objects.requireNonNull(mode, "answerMode");
            return this;
        }

        /**
         * Copies what the phone sends and receives (raw TLS on its SIP connection, SRTP/SRTCP
         * datagrams) to {@code packets}, and the TLS key log lines and SDES keys to {@code secrets}.
         * Default: no capture.
         */
        public Builder capture(PacketTap packets, SecretsTap secrets) {
            this.capture = new CaptureTaps(packets, secrets);
            return this;
        }

        /**
         * Whether and how the phone resumes its TLS session when it connects again (default null:
         * the device's own behaviour, {@link TlsResumption#forProfile}).
         */
        public Builder tlsResumption(TlsResumption resumption) {
            this.tlsResumption = resumption;
            return this;
        }

        public PhoneSettings build() {
            return new PhoneSettings(user, password, serverHost, serverAddress, trustAnchors, allowWildcards, clock,
                    mediaAddress, tlsProvider, registerExpires, rtcpInterval, rtcpMux, clientCredentials, trustList,
                    codecs, answerMode, capture, reconnect, transactionTimeout, tlsResumption, mediaFaults,
                    pongTimeout, alternateServer, frameClocks, mediaTimeline, sipTraceLimit);
        }
    }
}

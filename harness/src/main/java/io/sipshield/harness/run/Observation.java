package io.sipshield.harness.run;

import io.sipshield.emulator.media.MediaTimeline;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What actually happened when a scenario ran: the facts its expectations are checked against.
 * Filled by a {@link ScenarioExecutor}; every field is observed, never copied from the scenario.
 *
 * @param tls    the phone's TLS connection to the server
 * @param sip    final status per SIP request the phone sent, keyed by lower-case method
 *               ({@code register}, {@code invite}, {@code bye}); absent when never sent or unanswered
 * @param sdp    the negotiated media description, or null when no call was answered
 * @param media  SRTP media counters, or null when no media flowed
 * @param server facts the server side reports (the mock's registrar), or null for a real target
 * @param notes  free-text events worth showing in a report (errors, timeouts), in order
 * @param trace  every SIP message every phone sent or received, in time order (SDES keys redacted);
 *               empty when no phone got as far as SIP
 * @param chain  the server chain the observed phone received and its verdict on it, or null when it
 *               never saw one
 * @param phones what every phone observed, by name in setup order (the first is the one the top-level
 *               fields describe); empty for fakes that observe only the first phone
 * @param steps  what each step that sends or awaits a request observed, in step order
 * @param connections what became of each phone's connection (drops and recoveries), by phone name; empty
 *               for fakes that do not observe it
 */
public record Observation(
        TlsObservation tls,
        Map<String, Integer> sip,
        SdpObservation sdp,
        MediaObservation media,
        ServerObservation server,
        List<String> notes,
        List<SipMessage> trace,
        ChainObservation chain,
        Map<String, PhoneObservation> phones,
        List<StepObservation> steps,
        Map<String, ConnectionObservation> connections) {

    public Observation {
        connections = connections == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(connections));
        sip = Map.copyOf(sip);
        notes = List.copyOf(notes);
        trace = List.copyOf(trace);
        phones = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phones));
        steps = List.copyOf(steps);
    }

    /** An observation that does not follow the phones' connections. */
    public Observation(TlsObservation tls, Map<String, Integer> sip, SdpObservation sdp, MediaObservation media,
                       ServerObservation server, List<String> notes, List<SipMessage> trace, ChainObservation chain,
                       Map<String, PhoneObservation> phones, List<StepObservation> steps) {
        this(tls, sip, sdp, media, server, notes, trace, chain, phones, steps, Map.of());
    }

    /** An observation of the first phone only, with a trace and chain. */
    public Observation(TlsObservation tls, Map<String, Integer> sip, SdpObservation sdp, MediaObservation media,
                       ServerObservation server, List<String> notes, List<SipMessage> trace, ChainObservation chain) {
        this(tls, sip, sdp, media, server, notes, trace, chain, Map.of(), List.of());
    }

    /**
     * What one phone observed.
     *
     * @param tls   its TLS connection, or null when it never connected
     * @param sip   the last final status per method it sent ({@code register}, {@code unregister},
     *              {@code invite}, {@code bye})
     * @param sdp   the media description of its last answered call, or null
     * @param media the media counters of its last call with media, or null
     * @param provisioning how its boot-time provisioning ended, or null when it was not provisioned
     * @param configWarnings what reading its vendor configuration file reported, in file order (empty without one)
     */
    public record PhoneObservation(TlsObservation tls, Map<String, Integer> sip, SdpObservation sdp,
                                   MediaObservation media, ProvisioningObservation provisioning,
                                   List<String> configWarnings) {
        public PhoneObservation {
            sip = Map.copyOf(sip);
            configWarnings = configWarnings == null ? List.of() : List.copyOf(configWarnings);
        }

        /** A phone without a configuration file. */
        public PhoneObservation(TlsObservation tls, Map<String, Integer> sip, SdpObservation sdp,
                                MediaObservation media, ProvisioningObservation provisioning) {
            this(tls, sip, sdp, media, provisioning, List.of());
        }

        /** A phone that was not provisioned. */
        public PhoneObservation(TlsObservation tls, Map<String, Integer> sip, SdpObservation sdp,
                                MediaObservation media) {
            this(tls, sip, sdp, media, null);
        }
    }

    /**
     * How a Cisco phone's boot ended (DEVICES.md §A.3), in the words of {@code expect...provisioning}: its last
     * boot for a phone, the step's boot for a {@code reboot} step.
     *
     * @param trustList  {@code installed} (stored on first sight), {@code replaced} (a later list signed by a known
     *                   SAST), {@code kept} (the phone keeps what it held), {@code rejected} (refused, none held) or
     *                   {@code absent} (none offered, none held; a failed fetch counts as absent)
     * @param config     {@code accepted}, {@code rejected}, {@code absent}, or {@code failed} when every transport failed
     * @param itl        the name the ITL in force came under, or {@code none}
     * @param ctlRecords how many records the CTL in force holds (0 without one)
     * @param sast       the ITL's SAST records: fixture ids, or the subject of a certificate no fixture has
     * @param lists      per trust-list file asked for this boot, its decision in lower case ({@code rejected}...)
     */
    public record ProvisioningObservation(String trustList, String config, String itl, int ctlRecords,
                                          List<String> sast, Map<String, String> lists) {
        public ProvisioningObservation {
            java.util.Objects.requireNonNull(trustList, "trustList");
            java.util.Objects.requireNonNull(config, "config");
            java.util.Objects.requireNonNull(itl, "itl");
            sast = List.copyOf(sast);
            lists = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lists));
        }

        /** Only the outcome words (no list in force). */
        public ProvisioningObservation(String trustList, String config) {
            this(trustList, config, "none", 0, List.of(), Map.of());
        }
    }

    /**
     * What one step observed: the final status its request got, or the request it awaited.
     *
     * @param index    the step's position, from 0
     * @param kind     the step's kind ({@code register}, {@code expect-request}...)
     * @param phone    the phone that acted
     * @param status   the final status the step's request got, or null when none came
     * @param received for {@code expect-request}: the method that arrived, or null when none did
     * @param provisioning for {@code reboot}: how the boot ended, or null
     */
    public record StepObservation(int index, String kind, String phone, Integer status, String received,
                                  ProvisioningObservation provisioning) {
        /** A step that sent or awaited a request. */
        public StepObservation(int index, String kind, String phone, Integer status, String received) {
            this(index, kind, phone, status, received, null);
        }
    }

    /**
     * A TLS alert (RFC 8446 §6).
     *
     * @param name   its name, like {@code handshake_failure}
     * @param code   its code
     * @param sentBy {@code server} or {@code phone}
     */
    public record AlertObservation(String name, int code, String sentBy) {
        @Override
        public String toString() {
            return name + " (" + code + ") sent by " + sentBy;
        }
    }

    /** An observation without a SIP trace or server chain (fakes, real targets). */
    public Observation(TlsObservation tls, Map<String, Integer> sip, SdpObservation sdp, MediaObservation media,
                       ServerObservation server, List<String> notes) {
        this(tls, sip, sdp, media, server, notes, List.of(), null);
    }

    /** Which way a SIP message went, seen from the phone. */
    public enum Direction {
        /** From the phone to the server. */
        SENT,
        /** From the server to the phone. */
        RECEIVED
    }

    /**
     * One SIP message on a phone's connection: a row of a ladder diagram.
     *
     * @param at        when the phone sent or received it
     * @param phone     the phone's name in the scenario
     * @param direction which way it went
     * @param firstLine the request or status line
     * @param text      the whole message, SDES keys redacted
     */
    public record SipMessage(Instant at, String phone, Direction direction, String firstLine, String text) {
    }

    /**
     * The server chain as the phone received it and what the phone found wrong with it.
     *
     * @param subjects the subjects of the presented certificates, leaf first
     * @param findings every verification error, in the order the phone found them
     */
    public record ChainObservation(List<String> subjects, List<Finding> findings) {

        public ChainObservation {
            subjects = List.copyOf(subjects);
            findings = List.copyOf(findings);
        }
    }

    /**
     * One verification error.
     *
     * @param depth   position in the chain, 0 for the server's certificate, -1 for the identity check
     * @param subject the subject of the certificate at that depth
     * @param error   the OpenSSL-style error name ({@code X509_V_ERR_CERT_HAS_EXPIRED})
     * @param flag    the bitmask flag it sets ({@code EVALIDITY_PERIOD})
     * @param detail  a sentence a person understands, or null
     */
    public record Finding(int depth, String subject, String error, String flag, String detail) {
    }

    /**
     * @param established true when the handshake completed and the phone kept the connection
     * @param version     negotiated protocol ({@code TLSv1.2}), or null when no handshake completed
     * @param cipher      negotiated cipher suite (IANA name), or null
     * @param bitmask     the D-Series verification bitmask the phone computed for the server chain
     *                    ({@link io.sipshield.emulator.tls.VerifyFlag}); null when the phone never saw a chain
     * @param failure     why the connection failed or was dropped, or null
     * @param alert       the alert that ended the connection, or null when none is known
     */
    public record TlsObservation(boolean established, String version, String cipher, Long bitmask, String failure,
                                 AlertObservation alert) {

        public TlsObservation(boolean established, String version, String cipher, Long bitmask, String failure) {
            this(established, version, cipher, bitmask, failure, null);
        }
    }

    /**
     * @param profile the m-line transport profile of the answer ({@code RTP/SAVP})
     * @param suite   the SDES crypto suite both sides use, or null when the media is not encrypted
     */
    public record SdpObservation(String profile, String suite) {
    }

    /**
     * @param sent          RTP packets the phone sent (protected)
     * @param received      packets the phone received on its media port
     * @param verified      received packets that authenticated, decrypted, and equal a packet the phone sent
     * @param authFailures  received packets whose SRTP authentication tag did not verify
     * @param replays       received packets rejected as replays or too old
     * @param mismatched    received packets that authenticated but whose payload equals nothing the phone sent
     * @param lost          packets of the incoming stream never received (RFC 3550 A.3)
     * @param jitterMs      interarrival jitter of the incoming stream (RFC 3550 A.8), milliseconds
     * @param tone          what the tone detector heard, or null when no tone was listened for
     * @param timeline      the same media over time in fixed intervals (the emulator's {@link MediaTimeline});
     *                      {@link MediaTimeline#EMPTY} when none was recorded (fakes, real targets), never null
     */
    public record MediaObservation(long sent, long received, long verified, long authFailures, long replays,
                                   long mismatched, long lost, double jitterMs, ToneObservation tone,
                                   MediaTimeline timeline, long reordered,
                                   io.sipshield.emulator.media.impair.ImpairmentTally impairment) {

        public MediaObservation {
            timeline = timeline == null ? MediaTimeline.EMPTY : timeline;
            impairment = impairment == null ? io.sipshield.emulator.media.impair.ImpairmentTally.NONE : impairment;
        }

        /** Counters with a timeline, without reordering or media faults. */
        public MediaObservation(long sent, long received, long verified, long authFailures, long replays,
                                long mismatched, long lost, double jitterMs, ToneObservation tone,
                                MediaTimeline timeline) {
            this(sent, received, verified, authFailures, replays, mismatched, lost, jitterMs, tone, timeline, 0, null);
        }

        /**
         * Whether the phone counted what the media faults did, exactly: lost, reordered, replays (copies)
         * and authentication failures (tampered packets) as {@link #impairment()} tallied them.
         */
        public boolean countedAsImpaired() {
            return impairment.arrived() > 0 && lost == impairment.lost() && reordered == impairment.late()
                    && replays == impairment.copies() && authFailures == impairment.tampered();
        }

        /** Counters without a timeline. */
        public MediaObservation(long sent, long received, long verified, long authFailures, long replays,
                                long mismatched, long lost, double jitterMs, ToneObservation tone) {
            this(sent, received, verified, authFailures, replays, mismatched, lost, jitterMs, tone, MediaTimeline.EMPTY);
        }

        public MediaObservation(long sent, long received, long verified, long authFailures, long replays,
                                long mismatched) {
            this(sent, received, verified, authFailures, replays, mismatched, 0, 0, null);
        }

        /** Lost packets as a share of those expected (received plus lost), percent; 0 when none was expected. */
        public double lossPercent() {
            long expected = received + lost;
            return expected == 0 ? 0 : 100.0 * lost / expected;
        }
    }

    /**
     * A Goertzel tone detector's verdict on the received audio ({@code ToneDetector}).
     *
     * @param frequency  the frequency listened for, Hz
     * @param frames     G.711 packets analysed
     * @param toneFrames packets in which that frequency carried most of the energy
     */
    public record ToneObservation(int frequency, long frames, long toneFrames) {

        /** The tone dominated more than half of the analysed packets. */
        public boolean present() {
            return frames > 0 && 2 * toneFrames > frames;
        }
    }

    /**
     * What the server reported when the steps ended.
     *
     * @param registeredContacts contacts bound in the server's registrar, all AORs together
     * @param contacts           per AOR, its live contacts ({@code pjsip show contacts}); AORs without any are absent
     * @param endpoints          per endpoint, its state as {@code pjsip show endpoints} prints it ({@code Not in use})
     * @param log                what the mock logged at WARN and above while the scenario ran (Asterisk's WARNING and
     *                           ERROR lines, {@code io.sipshield.harness.mock.PbxLog}), oldest first; empty when it
     *                           said nothing
     * @param logDropped         how many older lines the mock did not keep
     */
    public record ServerObservation(int registeredContacts, Map<String, Integer> contacts, Map<String, String> endpoints,
                                    List<LogLine> log, long logDropped) {

        public ServerObservation {
            contacts = Map.copyOf(contacts);
            endpoints = Map.copyOf(endpoints);
            log = log == null ? List.of() : List.copyOf(log);
        }

        /** What the registrar reported, without log lines. */
        public ServerObservation(int registeredContacts, Map<String, Integer> contacts, Map<String, String> endpoints) {
            this(registeredContacts, contacts, endpoints, List.of(), 0);
        }

        /** Only the number of registered contacts (a server that reports nothing more). */
        public ServerObservation(int registeredContacts) {
            this(registeredContacts, Map.of(), Map.of());
        }
    }

    /**
     * One line the server logged, as Asterisk writes {@code [time] WARNING[thread] source: text}.
     *
     * @param at     when
     * @param level  {@code WARN} or {@code ERROR}
     * @param source what wrote it (the mock's class, as Asterisk names its source file)
     * @param text   the message
     */
    public record LogLine(Instant at, String level, String source, String text) {
    }
}

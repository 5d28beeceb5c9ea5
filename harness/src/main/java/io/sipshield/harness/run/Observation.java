package io.sipshield.harness.run;

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
 */
public record Observation(
        TlsObservation tls,
        Map<String, Integer> sip,
        SdpObservation sdp,
        MediaObservation media,
        ServerObservation server,
        List<String> notes,
        List<SipMessage> trace,
        ChainObservation chain) {

    public Observation {
        sip = Map.copyOf(sip);
        notes = List.copyOf(notes);
        trace = List.copyOf(trace);
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
     */
    public record TlsObservation(boolean established, String version, String cipher, Long bitmask, String failure) {
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
     */
    public record MediaObservation(long sent, long received, long verified, long authFailures, long replays, long mismatched) {
    }

    /**
     * What the server reported when the steps ended.
     *
     * @param registeredContacts contacts bound in the server's registrar, all AORs together
     * @param contacts           per AOR, its live contacts ({@code pjsip show contacts}); AORs without any are absent
     * @param endpoints          per endpoint, its state as {@code pjsip show endpoints} prints it ({@code Not in use})
     */
    public record ServerObservation(int registeredContacts, Map<String, Integer> contacts, Map<String, String> endpoints) {

        public ServerObservation {
            contacts = Map.copyOf(contacts);
            endpoints = Map.copyOf(endpoints);
        }

        /** Only the number of registered contacts (a server that reports nothing more). */
        public ServerObservation(int registeredContacts) {
            this(registeredContacts, Map.of(), Map.of());
        }
    }
}

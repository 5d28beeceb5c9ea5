package io.sipshield.harness.scenario;

import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.mock.EndpointState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a scenario must observe. Every group and every field in a group is optional (null when the
 * scenario does not state it), but a scenario states at least one expectation.
 *
 * @param tls    the phone's TLS connection
 * @param sip    final SIP status per method
 * @param sdp    the negotiated media description
 * @param media  SRTP media counters
 * @param server facts the server reports
 * @param phones expectations about named phones, by name in file order
 */
public record Expectations(Tls tls, Sip sip, Sdp sdp, Media media, Server server, Map<String, Phone> phones,
                           Provisioning provisioning, ConfigFile config, Map<String, ConnectionExpectation> connections) {

    public Expectations {
        phones = phones == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phones));
        connections = connections == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        if (Stream.of(tls, sip, sdp, media, server, provisioning, config).allMatch(Objects::isNull) && phones.isEmpty()
                && connections.isEmpty()) {
            throw new IllegalArgumentException("a scenario must state at least one expectation");
        }
    }

    /** Expectations without a statement about the first phone's configuration file. */
    public Expectations(Tls tls, Sip sip, Sdp sdp, Media media, Server server, Map<String, Phone> phones,
                        Provisioning provisioning) {
        this(tls, sip, sdp, media, server, phones, provisioning, null);
    }

    /** Expectations without a statement about any phone's connection ({@code connection}). */
    public Expectations(Tls tls, Sip sip, Sdp sdp, Media media, Server server, Map<String, Phone> phones,
                        Provisioning provisioning, ConfigFile config) {
        this(tls, sip, sdp, media, server, phones, provisioning, config, Map.of());
    }

    /**
     * What reading the first phone's vendor configuration file ({@code setup.phones[0].config}) must report
     * (issue 8: a setting the emulator does not model is a warning naming it, never silence).
     *
     * @param warningsContain each text must occur in at least one warning (file, line, element and message as
     *                        reported, e.g. {@code setting transport_tls_port})
     * @param warningsExclude no warning may contain any of these texts
     */
    public record ConfigFile(java.util.List<String> warningsContain, java.util.List<String> warningsExclude) {
        public ConfigFile {
            warningsContain = warningsContain == null ? java.util.List.of() : java.util.List.copyOf(warningsContain);
            warningsExclude = warningsExclude == null ? java.util.List.of() : java.util.List.copyOf(warningsExclude);
            if (warningsContain.isEmpty() && warningsExclude.isEmpty()) {
                throw new IllegalArgumentException("expect.config states nothing");
            }
        }
    }

    /** Expectations without a provisioning outcome for the first phone. */
    public Expectations(Tls tls, Sip sip, Sdp sdp, Media media, Server server, Map<String, Phone> phones) {
        this(tls, sip, sdp, media, server, phones, null);
    }

    /**
     * How a Cisco phone's boot must end (DEVICES.md §A.3): its last boot for {@code expect...provisioning}, the
     * step's boot for a {@code reboot} step's {@code expect}. Each field optional, one stated.
     *
     * @param trustList  what the boot did to the stored trust lists: {@code installed} (a list was stored on first
     *                   sight), {@code replaced} (a later list signed by a known SAST replaced the stored one),
     *                   {@code kept} (the phone keeps what it held: lists offered were the same, ignored or refused),
     *                   {@code rejected} (a list was refused and none is held) or {@code absent} (none offered, none held)
     * @param config     {@code accepted}, {@code rejected} (refused: bad or missing signature) or {@code absent}
     * @param itl        the name the ITL in force came under ({@code ITLFile.tlv}, {@code ITLSEP<MAC>.tlv}) or
     *                   {@code none}
     * @param ctlRecords how many records the CTL in force holds (0 without a CTL)
     * @param sast       the fixtures of the ITL's SAST records, in list order (empty: no ITL)
     * @param lists      per trust-list file the phone asked for, what became of it this boot: {@code installed},
     *                   {@code replaced}, {@code unchanged}, {@code ignored}, {@code rejected}, {@code absent} or
     *                   {@code failed}
     */
    public record Provisioning(String trustList, String config, String itl, Integer ctlRecords, List<String> sast,
                               Map<String, String> lists) {
        /** The words {@code trust-list} takes. */
        public static final List<String> TRUST_LIST = List.of("installed", "replaced", "kept", "rejected", "absent");
        /** The words {@code config} takes. */
        public static final List<String> CONFIG = List.of("accepted", "rejected", "absent");
        /** The words a file of {@code lists} takes. */
        public static final List<String> LIST_DECISIONS = List.of("installed", "replaced", "unchanged", "ignored",
                "rejected", "absent", "failed");

        public Provisioning {
            sast = sast == null ? null : List.copyOf(sast);
            lists = lists == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(lists));
            requireOne("provisioning", trustList, config, itl, ctlRecords, sast, lists);
        }

        /** Only the outcome words of a single boot. */
        public Provisioning(String trustList, String config) {
            this(trustList, config, null, null, null, null);
        }
    }

    /** Expectations about the first phone and the server only. */
    public Expectations(Tls tls, Sip sip, Sdp sdp, Media media, Server server) {
        this(tls, sip, sdp, media, server, Map.of());
    }

    /**
     * What one named phone must observe ({@code expect.phones.<name>}); the top-level groups are about
     * the first phone.
     */
    public record Phone(Tls tls, Sip sip, Sdp sdp, Media media, Provisioning provisioning) {
        public Phone {
            if (Stream.of(tls, sip, sdp, media, provisioning).allMatch(Objects::isNull)) {
                throw new IllegalArgumentException("a phone's expectations state nothing");
            }
        }

        /** A phone's expectations without a provisioning outcome. */
        public Phone(Tls tls, Sip sip, Sdp sdp, Media media) {
            this(tls, sip, sdp, media, null);
        }
    }

    /**
     * A TLS alert (RFC 8446 §6); every field optional, at least one stated.
     *
     * @param name   the alert's name, like {@code handshake_failure}
     * @param code   its code, like 40
     * @param sentBy {@code server} or {@code phone}
     */
    public record Alert(String name, Integer code, String sentBy) {
        public Alert {
            requireOne("tls.alert", name, code, sentBy);
        }
    }

    private static void requireOne(String group, Object... fields) {
        if (Stream.of(fields).allMatch(Objects::isNull)) {
            throw new IllegalArgumentException("expect." + group + " states nothing");
        }
    }

    /**
     * The phone's TLS connection (RFC 5246 / RFC 8446).
     *
     * @param established the handshake completed and the phone kept the connection
     * @param version     negotiated protocol name, for example {@code TLSv1.2}
     * @param cipher      negotiated cipher suite, IANA name
     * @param bitmask     the D-Series verification bitmask ({@link io.sipshield.emulator.tls.VerifyFlag}),
     *                    compared exactly
     * @param alert       the alert that ended the connection
     * @param bitmaskContains flags the observed bitmask must have set (empty: none stated)
     * @param bitmaskExcludes flags the observed bitmask must have clear (empty: none stated)
     */
    public record Tls(Boolean established, String version, String cipher, Long bitmask, Alert alert,
                      Set<VerifyFlag> bitmaskContains, Set<VerifyFlag> bitmaskExcludes) {
        public Tls {
            bitmaskContains = bitmaskContains == null ? Set.of() : Set.copyOf(bitmaskContains);
            bitmaskExcludes = bitmaskExcludes == null ? Set.of() : Set.copyOf(bitmaskExcludes);
            requireOne("tls", established, version, cipher, bitmask, alert,
                    bitmaskContains.isEmpty() ? null : bitmaskContains, bitmaskExcludes.isEmpty() ? null : bitmaskExcludes);
        }

        public Tls(Boolean established, String version, String cipher, Long bitmask) {
            this(established, version, cipher, bitmask, null, Set.of(), Set.of());
        }
    }

    /**
     * The final response status per request method (RFC 3261 §21).
     *
     * @param register the REGISTER
     * @param invite   the INVITE
     * @param bye      the BYE
     * @param unregister the REGISTER with Expires: 0
     */
    public record Sip(ExpectedStatus register, ExpectedStatus invite, ExpectedStatus bye, ExpectedStatus unregister) {
        public Sip {
            requireOne("sip", register, invite, bye, unregister);
        }

        public Sip(ExpectedStatus register, ExpectedStatus invite, ExpectedStatus bye) {
            this(register, invite, bye, null);
        }
    }

    /**
     * The answer's media description (RFC 4566, SDES per RFC 4568).
     *
     * @param profile the m-line transport profile, for example {@code RTP/SAVP}
     * @param suite   the SDES crypto suite, for example {@code AES_CM_128_HMAC_SHA1_80}
     */
    public record Sdp(String profile, String suite) {
        public Sdp {
            requireOne("sdp", profile, suite);
        }
    }

    /**
     * The SRTP media counters (RFC 3711).
     *
     * @param allVerified  every packet sent came back, authenticated and unchanged
     * @param authFailures received packets whose authentication tag did not verify
     * @param minPackets   at least this many packets were sent and verified
     * @param maxLossPercent     at most this share of the incoming stream lost (RFC 3550 A.3), percent
     * @param maxJitterMs        at most this interarrival jitter (RFC 3550 A.8), milliseconds
     * @param toneHz             the received audio carries this tone (Goertzel, {@code ToneDetector})
     * @param receivedMinPackets at least this many packets received
     * @param replays            received packets refused as replayed or too old (RFC 3711 §3.3.2), exactly
     * @param reordered          incoming packets that arrived after a later one (RFC 3550), exactly
     * @param countedAsImpaired  the phone counted loss, reordering, replays and authentication failures exactly as
     *                           the media faults of {@code setup.faults} made them (docs/media-and-hostile-faults.md)
     */
    public record Media(Boolean allVerified, Long authFailures, Long minPackets, Double maxLossPercent,
                        Double maxJitterMs, Integer toneHz, Long receivedMinPackets, Long replays, Long reordered,
                        Boolean countedAsImpaired) {
        public Media {
            requireOne("media", allVerified, authFailures, minPackets, maxLossPercent, maxJitterMs, toneHz,
                    receivedMinPackets, replays, reordered, countedAsImpaired);
        }

        public Media(Boolean allVerified, Long authFailures, Long minPackets, Double maxLossPercent,
                     Double maxJitterMs, Integer toneHz, Long receivedMinPackets) {
            this(allVerified, authFailures, minPackets, maxLossPercent, maxJitterMs, toneHz, receivedMinPackets,
                    null, null, null);
        }

        public Media(Boolean allVerified, Long authFailures, Long minPackets) {
            this(allVerified, authFailures, minPackets, null, null, null, null);
        }
    }

    /**
     * What the server reports when the steps have ended, as the Asterisk CLI would show it.
     *
     * @param registeredContacts contacts bound in the server's registrar, all AORs together
     * @param contacts           per AOR, how many contacts {@code pjsip show contacts} lists for it
     * @param endpoints          per endpoint, its state as {@code pjsip show endpoints} prints it
     */
    public record Server(Integer registeredContacts, Map<String, Integer> contacts,
                         Map<String, EndpointState> endpoints) {
        public Server {
            contacts = contacts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(contacts));
            endpoints = endpoints == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
            requireOne("server", registeredContacts, contacts, endpoints);
        }

        /** Only the number of registered contacts. */
        public Server(Integer registeredContacts) {
            this(registeredContacts, null, null);
        }
    }
}

package io.sipshield.harness.scenario;

import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.mock.EndpointState;
import java.util.Collections;
import java.util.LinkedHashMap;
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
                           Provisioning provisioning) {

    public Expectations {
        phones = phones == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phones));
        if (Stream.of(tls, sip, sdp, media, server, provisioning).allMatch(Objects::isNull) && phones.isEmpty()) {
            throw new IllegalArgumentException("a scenario must state at least one expectation");
        }
    }

    /** Expectations without a provisioning outcome for the first phone. */
    public Expectations(Tls tls, Sip sip, Sdp sdp, Media media, Server server, Map<String, Phone> phones) {
        this(tls, sip, sdp, media, server, phones, null);
    }

    /**
     * How a Cisco phone's boot-time provisioning must end (DEVICES.md §A.3); each field optional, one stated.
     *
     * @param trustList {@code installed} (the phone holds a trust list afterwards), {@code rejected} (one was
     *                  offered and refused, none held) or {@code absent} (the server offered none)
     * @param config    {@code accepted}, {@code rejected} (refused: bad or missing signature) or {@code absent}
     */
    public record Provisioning(String trustList, String config) {
        /** The words {@code trust-list} takes. */
        public static final java.util.List<String> TRUST_LIST = java.util.List.of("installed", "rejected", "absent");
        /** The words {@code config} takes. */
        public static final java.util.List<String> CONFIG = java.util.List.of("accepted", "rejected", "absent");

        public Provisioning {
            requireOne("provisioning", trustList, config);
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
     */
    public record Media(Boolean allVerified, Long authFailures, Long minPackets, Double maxLossPercent,
                        Double maxJitterMs, Integer toneHz, Long receivedMinPackets) {
        public Media {
            requireOne("media", allVerified, authFailures, minPackets, maxLossPercent, maxJitterMs, toneHz,
                    receivedMinPackets);
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

package io.sipshield.harness.scenario;

import io.sipshield.harness.mock.EndpointState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 */
public record Expectations(Tls tls, Sip sip, Sdp sdp, Media media, Server server) {

    public Expectations {
        if (Stream.of(tls, sip, sdp, media, server).allMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a scenario must state at least one expectation");
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
     */
    public record Tls(Boolean established, String version, String cipher, Long bitmask) {
        public Tls {
            requireOne("tls", established, version, cipher, bitmask);
        }
    }

    /**
     * The final response status per request method (RFC 3261 §21).
     *
     * @param register the REGISTER
     * @param invite   the INVITE
     * @param bye      the BYE
     */
    public record Sip(ExpectedStatus register, ExpectedStatus invite, ExpectedStatus bye) {
        public Sip {
            requireOne("sip", register, invite, bye);
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
     */
    public record Media(Boolean allVerified, Long authFailures, Long minPackets) {
        public Media {
            requireOne("media", allVerified, authFailures, minPackets);
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

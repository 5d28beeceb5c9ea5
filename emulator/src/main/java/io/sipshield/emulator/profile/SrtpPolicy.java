package io.sipshield.emulator.profile;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How a device keys its media with SDES (RFC 4568): what it offers, and what it accepts in an
 * offer or an answer. Data, not code: a device profile names one of these and
 * {@code io.sipshield.emulator.sdp.SdesNegotiator} applies it.
 *
 * @param name   a short name for reports, e.g. {@code digium}
 * @param mode   disabled, best effort (RTP/AVP with a=crypto) or mandatory (RTP/SAVP)
 * @param suites the suites it offers, in order (tags 1, 2, ...), and the only ones it accepts
 * @param source where this behaviour is documented; {@code [GUESS]} marks an inference
 */
public record SrtpPolicy(String name, Mode mode, List<SrtpCryptoSuite> suites, String source) {

    /** What a device does with SRTP. */
    public enum Mode {
        /**
         * No SRTP: offers RTP/AVP without a=crypto; answers an RTP/AVP offer with plain RTP (any
         * a=crypto ignored) and an RTP/SAVP offer with 488.
         */
        DISABLED,
        /**
         * Best effort (RFC 4568 on RTP/AVP; Asterisk's media_encryption_optimistic): offers RTP/AVP
         * with a=crypto and falls back to plain RTP when the answer carries no usable line;
         * answers an offer with a usable line with SRTP, an RTP/AVP offer without one with plain
         * RTP, an RTP/SAVP offer without one with 488.
         */
        BEST_EFFORT,
        /**
         * SRTP or no call: offers RTP/SAVP; an answer without RTP/SAVP and a usable line ends the
         * call; an offer without RTP/SAVP (even RTP/AVP with a=crypto) or without a usable line
         * is answered 488.
         */
        MANDATORY
    }

    private static final String DIGIUM_SOURCE = "Digium Phones and Secure Calling (seeds 001/002): only "
            + "AES_CM_128_HMAC_SHA1_80, no optimistic SRTP, INVITE with RTP/SAVP, incoming INVITE without RTP/SAVP rejected";
    private static final String ALGO_SOURCE = "Algo 8301 manual §4.8.3 and TLS guide (seed 003): SDP SRTP Offer "
            + "Disabled / Optional / Standard; [GUESS] Optional is RTP/AVP with a=crypto and the suite list is "
            + "AES_CM_128_HMAC_SHA1_80";
    private static final String CISCO_SOURCE = "usecallmanager sip-peers.html / sepmac-cnf-xml.html (DEVICES.md §A.3): "
            + "deviceSecurityMode 3 (Encrypted) is mandatory SRTP on RTP/SAVP";

    /** Digium D-Series with SRTP enabled: RTP/SAVP, AES_CM_128_HMAC_SHA1_80 only, never optimistic. */
    public static final SrtpPolicy DIGIUM = new SrtpPolicy("digium", Mode.MANDATORY,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80), DIGIUM_SOURCE);
    /** Algo "SDP SRTP Offer: Disabled". */
    public static final SrtpPolicy ALGO_DISABLED = new SrtpPolicy("algo-disabled", Mode.DISABLED,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80), ALGO_SOURCE);
    /** Algo "SDP SRTP Offer: Optional": encrypt when the far end can, else the call goes on in the clear. */
    public static final SrtpPolicy ALGO_OPTIONAL = new SrtpPolicy("algo-optional", Mode.BEST_EFFORT,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80), ALGO_SOURCE);
    /** Algo "SDP SRTP Offer: Standard": SRTP mandatory, the call is rejected without it. */
    public static final SrtpPolicy ALGO_STANDARD = new SrtpPolicy("algo-standard", Mode.MANDATORY,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80), ALGO_SOURCE);
    /** Cisco in Encrypted mode (deviceSecurityMode 3), all models but the 79x1: 80-bit tags. */
    public static final SrtpPolicy CISCO_ENCRYPTED = new SrtpPolicy("cisco-encrypted", Mode.MANDATORY,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80), CISCO_SOURCE);
    /** Cisco 79x1 in Encrypted mode: these models only handle 32-bit SRTP authentication tags. */
    public static final SrtpPolicy CISCO_79X1_ENCRYPTED = new SrtpPolicy("cisco-79x1-encrypted", Mode.MANDATORY,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32), CISCO_SOURCE + "; 79x1 phones need 32-bit tags");
    /** Cisco in Non-secure or Authenticated mode (deviceSecurityMode 1 or 2): RTP in the clear. */
    public static final SrtpPolicy CISCO_UNENCRYPTED = new SrtpPolicy("cisco-unencrypted", Mode.DISABLED,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80), CISCO_SOURCE + "; modes 1 and 2 send RTP in the clear");

    public SrtpPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
        suites = List.copyOf(suites);
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("suites: at least one (a DISABLED policy lists what it would use)");
        }
        if (new HashSet<>(suites).size() != suites.size()) {
            throw new IllegalArgumentException("suites: each suite once, got " + suites);
        }
    }

    /** The same policy offering and accepting other suites, e.g. a firmware that adds AES-256. */
    public SrtpPolicy withSuites(List<SrtpCryptoSuite> suites) {
        return new SrtpPolicy(name, mode, suites, source);
    }

    /** The same policy in another mode, e.g. a D-Series line with SRTP switched off. */
    public SrtpPolicy withMode(String name, Mode mode) {
        return new SrtpPolicy(name, mode, suites, source);
    }

    /** The m-line profile of this device's offers: RTP/SAVP when SRTP is mandatory, else RTP/AVP. */
    public String offerProfile() {
        return mode == Mode.MANDATORY ? "RTP/SAVP" : "RTP/AVP";
    }

    /** Whether its offers carry a=crypto lines. */
    public boolean offersCrypto() {
        return mode != Mode.DISABLED;
    }
}

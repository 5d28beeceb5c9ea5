package io.sipshield.emulator.sdp;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RFC 4568 as a device built on sipshield's SRTP engine applies it to a received line:
 * <ul>
 *   <li>the line parses ({@link CryptoAttribute#parse}), else the parse error is the verdict;</li>
 *   <li>its suite is one the device supports;</li>
 *   <li>every session parameter is supported (§6.3): {@code KDR=0}, {@code WSH} (a hint the
 *       receiver may ignore), {@code FEC_ORDER} (meaningless without FEC) and optional extensions
 *       ({@code -name}) are; {@code KDR} above 0, {@code UNENCRYPTED_SRTP}, {@code UNENCRYPTED_SRTCP},
 *       {@code UNAUTHENTICATED_SRTP}, {@code FEC_KEY} and unknown mandatory parameters are not,
 *       and the line is unusable (§6.3: a parameter that is not understood and not marked optional rejects the line);</li>
 *   <li>the first key whose lifetime is within the suite's limit (2^48 SRTP packets, RFC 3711
 *       §9.2) and above zero is taken.</li>
 * </ul>
 */
final class Rfc4568Rules implements CryptoLineRules {

    private static final long MAX_LIFETIME = 1L << 48;

    private final Set<SrtpCryptoSuite> suites;

    Rfc4568Rules(Collection<SrtpCryptoSuite> suites) {
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("suites: a device that judges a=crypto lines supports at least one suite");
        }
        this.suites = EnumSet.copyOf(suites);
    }

    @Override
    public CryptoLineVerdict judge(String value) {
        CryptoAttribute attribute;
        try {
            attribute = CryptoAttribute.parse(value);
        } catch (SdpParseException e) {
            return CryptoLineVerdict.Unusable.of(value, e);
        }
        String line = CryptoLineVerdict.redact(value);
        if (!suites.contains(attribute.suite())) {
            return new CryptoLineVerdict.Unusable(line, "suite", attribute.suite().sdpName()
                    + " is not supported by this device; it takes " + names(suites));
        }
        for (String param : attribute.sessionParams()) {
            String problem = unsupported(param);
            if (problem != null) {
                return new CryptoLineVerdict.Unusable(line, "session-params", problem);
            }
        }
        String lifetimeProblem = null;
        for (int i = 0; i < attribute.keys().size(); i++) {
            KeyLifetime lifetime = attribute.keys().get(i).lifetime();
            if (lifetime == null || (lifetime.packets() > 0 && lifetime.packets() <= MAX_LIFETIME)) {
                return new CryptoLineVerdict.Usable(line, attribute, i);
            }
            if (lifetimeProblem == null) {
                lifetimeProblem = lifetime.packets() == 0 ? "a lifetime of 0 packets leaves nothing to protect"
                        : lifetime.text() + " exceeds the SRTP maximum of 2^48 packets (RFC 3711 §9.2)";
            }
        }
        return new CryptoLineVerdict.Unusable(line, "lifetime", lifetimeProblem);
    }

    private static String unsupported(String param) {
        if (param.startsWith("-") || param.startsWith("WSH=") || param.startsWith("FEC_ORDER=") || param.equals("KDR=0")) {
            return null;
        }
        if (param.startsWith("KDR=")) {
            return param + ": key derivation rates above 0 are not supported (keys are derived once)";
        }
        return switch (param) {
            case "UNENCRYPTED_SRTP", "UNENCRYPTED_SRTCP", "UNAUTHENTICATED_SRTP" ->
                    param + ": not supported (media is always encrypted and authenticated)";
            default -> param.startsWith("FEC_KEY=") ? "FEC_KEY: forward error correction is not supported"
                    : "'" + param + "' is not understood, and only parameters starting with '-' may be ignored"
                            + " (RFC 4568 §6.3)";
        };
    }

    static String names(Set<SrtpCryptoSuite> suites) {
        return suites.stream().map(SrtpCryptoSuite::sdpName).collect(Collectors.joining(", "));
    }
}

package io.sipshield.emulator.cisco;

import java.util.Locale;
import java.util.Optional;

/**
 * The two trust lists a Cisco phone stores (DEVICES.md §A.3): the CTL (CTLSEP&lt;MAC&gt;.tlv or
 * CTLFile.tlv), which supplies additional certificates, and the ITL (ITLSEP&lt;MAC&gt;.tlv, which
 * overrides ITLFile.tlv).
 */
public enum TrustListKind {
    CTL("CTLFile.tlv"),
    ITL("ITLFile.tlv");

    private final String genericName;

    TrustListKind(String genericName) {
        this.genericName = genericName;
    }

    /** The name every phone asks for: {@code CTLFile.tlv}, {@code ITLFile.tlv}. */
    public String genericName() {
        return genericName;
    }

    /** The per-phone name: {@code CTLSEP<MAC>.tlv}, {@code ITLSEP<MAC>.tlv}. */
    public String perPhoneName(CiscoMac mac) {
        return this == CTL ? mac.ctlFileName() : mac.itlFileName();
    }

    /** The kind a trust-list file name belongs to: CTL* or ITL*, ending in .tlv. */
    public static Optional<TrustListKind> ofFileName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.endsWith(".TLV")) {
            return Optional.empty();
        }
        if (upper.startsWith("CTL")) {
            return Optional.of(CTL);
        }
        return upper.startsWith("ITL") ? Optional.of(ITL) : Optional.empty();
    }
}

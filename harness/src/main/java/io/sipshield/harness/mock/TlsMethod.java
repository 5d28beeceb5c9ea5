package io.sipshield.harness.mock;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * pjsip.conf transport {@code method}: which TLS versions the transport accepts. PJSIP's
 * {@code default} (and {@code unspecified}) is TLS 1.0 alone; {@code sslv23} is "any version
 * OpenSSL allows", which under OpenSSL 3's default security level is TLS 1.2 and 1.3.
 */
public enum TlsMethod {
    /** {@code default}: PJSIP's default method, documented as TLSv1. */
    DEFAULT("default", List.of("TLSv1")),
    /** {@code unspecified}: the same as PJSIP's default. */
    UNSPECIFIED("unspecified", List.of("TLSv1")),
    TLSV1("tlsv1", List.of("TLSv1")),
    TLSV1_1("tlsv1_1", List.of("TLSv1.1")),
    TLSV1_2("tlsv1_2", List.of("TLSv1.2")),
    TLSV1_3("tlsv1_3", List.of("TLSv1.3")),
    /** {@code sslv23}: every version, which OpenSSL 3 at security level 1 limits to TLS 1.2 and 1.3. */
    SSLV23("sslv23", List.of("TLSv1.2", "TLSv1.3"));

    private final String asteriskName;
    private final List<String> protocols;

    TlsMethod(String asteriskName, List<String> protocols) {
        this.asteriskName = asteriskName;
        this.protocols = protocols;
    }

    /** The value as pjsip.conf spells it. */
    public String asteriskName() {
        return asteriskName;
    }

    /** The TLS versions accepted, in JSSE names. */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * The method pjsip.conf names, case-insensitively.
     *
     * @throws IllegalArgumentException for sslv2/sslv3 (OpenSSL 3 has neither) and unknown names
     */
    public static TlsMethod fromAsteriskName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (TlsMethod method : values()) {
            if (method.asteriskName.equals(wanted)) {
                return method;
            }
        }
        if (wanted.equals("sslv2") || wanted.equals("sslv3")) {
            throw new IllegalArgumentException("method=" + name + ": OpenSSL 3 has no " + wanted
                    + ", so no Asterisk built against it can listen with it");
        }
        throw new IllegalArgumentException("method=" + name + " is not a pjsip transport method; expected one of "
                + Arrays.stream(values()).map(TlsMethod::asteriskName).collect(Collectors.joining(", ")));
    }
}

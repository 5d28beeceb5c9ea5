package io.sipshield.harness.mock;

import io.netty.handler.ssl.ClientAuth;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * MX-ONE's {@code TlsClientVerificationMode} ({@code /etc/opt/eri_sn/ip_telephony.conf}, per LIM;
 * seed 004, "Mutual TLS"). The seed names the three values only; their meaning here is the
 * reSIProcate/OpenSSL one DEVICES.md §D models them on:
 *
 * <ul>
 * <li>{@link #NONE}: no CertificateRequest ({@code SSL_VERIFY_NONE}); whatever the phone holds is never seen.</li>
 * <li>{@link #OPTIONAL}: a CertificateRequest; a certificate that is sent is verified inside the
 * handshake and a bad one fails it with the alert OpenSSL maps its verify error to; a phone that
 * sends none carries on ({@code SSL_VERIFY_PEER}).</li>
 * <li>{@link #MANDATORY}: as optional, and a phone without a certificate fails the handshake
 * ({@code SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT}): alert 40 handshake_failure on
 * TLS 1.2, alert 116 certificate_required on TLS 1.3 (RFC 8446 §4.4.2.4).</li>
 * </ul>
 */
public enum ClientVerificationMode {
    NONE("none", ClientAuth.NONE),
    OPTIONAL("optional", ClientAuth.OPTIONAL),
    MANDATORY("mandatory", ClientAuth.REQUIRE);

    private final String keyword;
    private final ClientAuth clientAuth;

    ClientVerificationMode(String keyword, ClientAuth clientAuth) {
        this.keyword = keyword;
        this.clientAuth = clientAuth;
    }

    /** The value as ip_telephony.conf, scenario files and {@code --client-verification} spell it. */
    public String keyword() {
        return keyword;
    }

    /** Whether the server sends a CertificateRequest and how it treats the answer. */
    ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * The mode a keyword names, case-insensitively.
     *
     * @throws IllegalArgumentException naming the keywords there are
     */
    public static ClientVerificationMode fromKeyword(String keyword) {
        String wanted = keyword.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.keyword.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("client verification mode '" + keyword
                        + "' is not one of: " + Arrays.stream(values()).map(ClientVerificationMode::keyword)
                        .collect(Collectors.joining(", "))));
    }
}

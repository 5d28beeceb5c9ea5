package io.sipshield.emulator.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.ClientCertificateSource;
import io.sipshield.emulator.profile.DeviceProfile;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Builds the client TLS context a phone connects with, from its profile and settings: the TLS
 * versions and cipher suites the profile offers, and the client certificate it presents when the
 * server asks (none for a D-Series, whatever the settings hold).
 *
 * <p>Both providers take the same offer. What each cannot do is dropped from the offer rather
 * than failing ({@link #droppedCipherSuites}): BoringSSL (netty-tcnative) has no anonymous and no
 * NULL-encryption suites, so a D65 before 2_3_9 or a Cisco in deviceSecurityMode 2 offers them only
 * on the JDK provider, and only where the JVM's {@code jdk.tls.disabledAlgorithms} does not
 * disable them (by default it does: {@code anon, NULL}). The JDK's default security properties also
 * disable TLS 1.0 and 1.1, so a TLS-1.0-only 79x1 connects on BoringSSL, which still speaks TLS 1.0.
 * The SNI extension carries the host the phone dials, on both providers.
 */
public final class PhoneSslContexts {

    private PhoneSslContexts() {
    }

    public static SslContext forPhone(DeviceProfile profile, PhoneSettings settings) {
        return forPhone(profile, settings, () -> { });
    }

    /**
     * @param onCertificateRequest run when a server sends a CertificateRequest on a connection of this context
     */
    public static SslContext forPhone(DeviceProfile profile, PhoneSettings settings, Runnable onCertificateRequest) {
        SslProvider provider = provider(settings.tlsProvider());
        ClientCredentials presented = profile.clientCertificate() == ClientCertificateSource.NONE
                ? null : settings.clientCredentials();
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols(profile.offeredProtocols())
                    .trustManager(new PeerChainTrustManager())
                    .keyManager(new ClientCertificateKeyManager(presented, onCertificateRequest))
                    // The phone checks identity itself with PJSIP's rule (IdentityRule); Netty 4.2 would
                    // otherwise turn on HTTPS-style hostname verification by default.
                    .endpointIdentificationAlgorithm(null);
            if (!profile.offeredCipherSuites().isEmpty()) {
                builder.ciphers(profile.offeredCipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot build the TLS context of " + profile.name() + " on "
                    + settings.tlsProvider() + ": " + e.getMessage(), e);
        }
    }

    /** The profile's cipher suites that the built context does not offer (the provider lacks or disables them). */
    public static List<String> droppedCipherSuites(DeviceProfile profile, SslContext context) {
        List<String> enabled = context.cipherSuites();
        return profile.offeredCipherSuites().stream().filter(suite -> !enabled.contains(suite)).toList();
    }

    private static SslProvider provider(PhoneSettings.TlsProvider provider) {
        return provider == PhoneSettings.TlsProvider.JDK ? SslProvider.JDK : SslProvider.OPENSSL;
    }
}

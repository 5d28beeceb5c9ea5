package io.sipshield.emulator.tls;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.sipshield.emulator.PhoneSettings;
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
 * The SNI extension carries the host the phone dials, on both providers. Session resumption is
 * set per context as the phone's {@link TlsResumption} says.
 */
public final class PhoneSslContexts {

    /** Sessions a client context keeps at most: one per phone of the largest load run (100,000 phones). */
    static final int SESSION_CACHE_SIZE = 100_000;

    private PhoneSslContexts() {
    }

    public static SslContext forPhone(DeviceProfile profile, PhoneSettings settings) {
        return forPhone(profile, settings, () -> { });
    }

    /**
     * @param onCertificateRequest run when a server sends a CertificateRequest on a connection of this context
     */
    public static SslContext forPhone(DeviceProfile profile, PhoneSettings settings, Runnable onCertificateRequest) {
        return build(profile.name(), TlsContextKey.of(profile, settings), onCertificateRequest);
    }

    /** A context for {@code key} (a {@link TlsContextPool} shares it); {@code name} names the device in errors. */
    static SslContext forKey(String name, TlsContextKey key) {
        return build(name, key, () -> { });
    }

    private static SslContext build(String name, TlsContextKey key, Runnable onCertificateRequest) {
        SslProvider provider = provider(key.provider());
        TlsResumption resumption = key.resumption();
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols(key.protocols())
                    .trustManager(new PeerChainTrustManager())
                    .keyManager(new ClientCertificateKeyManager(key.presented(), onCertificateRequest))
                    // The phone checks identity itself with PJSIP's rule (IdentityRule); Netty 4.2 would
                    // otherwise turn on HTTPS-style hostname verification by default.
                    .endpointIdentificationAlgorithm(null);
            if (resumption.mode().resumes()) {
                builder.sessionTimeout(Math.max(1, resumption.lifetime().toSeconds()))
                        .sessionCacheSize(SESSION_CACHE_SIZE);
            }
            if (!key.cipherSuites().isEmpty()) {
                builder.ciphers(key.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
            }
            SslContext context = builder.build();
            applyResumption(context, resumption);
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot build the TLS context of " + name + " on "
                    + key.provider() + ": " + e.getMessage(), e);
        }
    }

    /**
     * BoringSSL: the client session cache on or off, and the session ticket extension offered
     * ({@code setTicketKeys()} with no keys clears {@code SSL_OP_NO_TICKET}, which netty sets on
     * every context unless {@code jdk.tls.client.enableSessionTicketExtension} is true). The JDK
     * context has neither switch: a phone that does not resume invalidates each session once its
     * handshake is done ({@code Phone}).
     */
    private static void applyResumption(SslContext context, TlsResumption resumption) {
        if (context.sessionContext() instanceof OpenSslSessionContext openSsl) {
            openSsl.setSessionCacheEnabled(resumption.mode().resumes());
            if (resumption.mode().offersTickets()) {
                openSsl.setTicketKeys();
            }
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

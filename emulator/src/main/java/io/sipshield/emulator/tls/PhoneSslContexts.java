package io.sipshield.emulator.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import javax.net.ssl.SSLException;

/** Builds the client TLS context a phone connects with, from its profile and settings. */
public final class PhoneSslContexts {

    private PhoneSslContexts() {
    }

    public static SslContext forPhone(DeviceProfile profile, PhoneSettings settings) {
        SslProvider provider = settings.tlsProvider() == PhoneSettings.TlsProvider.JDK ? SslProvider.JDK : SslProvider.OPENSSL;
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols(profile.tlsProtocols())
                    .trustManager(new PeerChainTrustManager())
                    // The phone checks identity itself with PJSIP's rule (IdentityRule); Netty 4.2 would
                    // otherwise turn on HTTPS-style hostname verification by default.
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context of " + profile.name() + ": " + e.getMessage(), e);
        }
    }
}

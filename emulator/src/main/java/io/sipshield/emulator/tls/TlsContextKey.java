package io.sipshield.emulator.tls;

import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.ClientCertificateSource;
import io.sipshield.emulator.profile.DeviceProfile;
import java.util.List;
import java.util.Objects;

/**
 * Everything that goes into a phone's client {@code SslContext}, and nothing else: phones with
 * equal keys can share one context ({@link TlsContextPool}). Trust anchors, the trust list, the
 * wildcard setting and the clock are not in it: the phone judges the server's chain after the
 * handshake, per connection ({@link ServerCertificateCheckHandler}), so they stay per phone.
 * A capture (key log) is not in it either: a phone that captures gets a context of its own,
 * because the key log callback is set on the context.
 *
 * @param provider     the TLS stack
 * @param protocols    the versions offered ({@link DeviceProfile#offeredProtocols()})
 * @param cipherSuites the suites offered, in order ({@link DeviceProfile#offeredCipherSuites()})
 * @param presented    the client certificate presented when asked, or null (a D-Series presents none)
 * @param resumption   whether and how sessions are resumed
 */
public record TlsContextKey(PhoneSettings.TlsProvider provider, List<String> protocols, List<String> cipherSuites,
                            ClientCredentials presented, TlsResumption resumption) {

    public TlsContextKey {
        Objects.requireNonNull(provider, "provider");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(resumption, "resumption");
    }

    /** The key of the context {@code profile} with {@code settings} connects with. */
    public static TlsContextKey of(DeviceProfile profile, PhoneSettings settings) {
        ClientCredentials presented = profile.clientCertificate() == ClientCertificateSource.NONE
                ? null : settings.clientCredentials();
        return new TlsContextKey(settings.tlsProvider(), profile.offeredProtocols(), profile.offeredCipherSuites(),
                presented, resumptionOf(profile, settings));
    }

    /** The phone's resumption: its settings' when set, else the device's default. */
    public static TlsResumption resumptionOf(DeviceProfile profile, PhoneSettings settings) {
        return settings.tlsResumption() != null ? settings.tlsResumption() : TlsResumption.forProfile(profile);
    }
}

package io.sipshield.emulator;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate a phone presents when a TLS server asks for one (Algo's factory certificate or
 * sipclient.pem, a Cisco MIC or LSC), with its private key. Test keys only; {@link #toString()}
 * never shows the key.
 *
 * @param key   the private key of the first certificate
 * @param chain the phone's certificate first, then any intermediates to send
 */
public record ClientCredentials(PrivateKey key, List<X509Certificate> chain) {

    public ClientCredentials {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a client certificate chain holds at least the phone's certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + certificate().getSubjectX500Principal().getName() + ", "
                + chain.size() + " certificate(s), " + key.getAlgorithm() + " key]";
    }
}

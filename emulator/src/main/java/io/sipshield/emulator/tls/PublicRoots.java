package io.sipshield.emulator.tls;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The stand-in for a phone's built-in public root-CA list (D-Series, Algo 3.1+): the JDK's own
 * cacerts. The phones' real lists are frozen at firmware build time and not published
 * (DEVICES.md §B, §C), so a public CA that is in one list and not the other judges differently.
 */
public final class PublicRoots {

    private PublicRoots() {
    }

    /** The JDK's default trusted CA certificates (read once per call; immutable). */
    public static List<X509Certificate> jdkCacerts() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("cannot read the JDK's cacerts: " + e.getMessage(), e);
        }
    }
}

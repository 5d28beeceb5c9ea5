package io.sipshield.emulator.tls;

import io.sipshield.emulator.ClientCredentials;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The phone's side of a TLS CertificateRequest: tells {@code onRequest} that the server asked,
 * and presents the phone's certificate when it has one to present. Both TLS providers call it
 * only when the server's CertificateRequest arrives, which is how a probe learns that it did.
 */
final class ClientCertificateKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "phone";

    private final ClientCredentials credentials;
    private final Runnable onRequest;

    /**
     * @param credentials what to present, or null to present nothing (an empty Certificate message)
     * @param onRequest   run each time a server asks for a client certificate
     */
    ClientCertificateKeyManager(ClientCredentials credentials, Runnable onRequest) {
        this.credentials = credentials;
        this.onRequest = onRequest;
    }

    private String choose(String[] keyTypes) {
        onRequest.run();
        return credentials == null ? null : ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return credentials == null ? new String[0] : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return credentials != null && ALIAS.equals(alias) ? credentials.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return credentials != null && ALIAS.equals(alias) ? credentials.key() : null;
    }
}

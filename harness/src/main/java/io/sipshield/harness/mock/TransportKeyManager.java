package io.sipshield.harness.mock;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The TLS transport's one certificate and key ({@code cert_file}, {@code priv_key_file}), offered
 * whatever key type the TLS stack asks for, so that the stack, not the key manager, decides which
 * suites the key can serve.
 *
 * <p>Why: PJSIP loads one certificate into OpenSSL ({@code SSL_CTX_use_certificate_chain_file}),
 * and OpenSSL's cipher choice skips the suites that key cannot authenticate; when the
 * {@code cipher=} list holds only such suites (ECDSA suites with an RSA certificate), OpenSSL 3
 * answers the ClientHello with alert 40 handshake_failure, {@code SSL_R_NO_SHARED_CIPHER}
 * (statem_srvr.c tls_post_process_client_hello; checked with {@code openssl s_server -cipher
 * ECDHE-ECDSA-AES128-GCM-SHA256} and an RSA certificate, OpenSSL 3.0). Netty's BoringSSL server
 * instead asks its key manager, in the certificate callback, for a key per authentication method of
 * the configured suites ({@code OpenSslKeyMaterialManager.setKeyMaterialServerSide}); with only
 * {@code ECDHE_ECDSA} and an RSA key the usual key manager has none, netty fails the callback and
 * BoringSSL sends alert 80 internal_error. Answering every key type with the one key lets BoringSSL
 * make OpenSSL's choice, and its alert: 40 handshake_failure, {@code NO_SHARED_CIPHER}.
 */
final class TransportKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "transport";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    /** @param chain the certificates sent, leaf first */
    TransportKeyManager(PrivateKey key, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the transport needs at least its own certificate in the chain");
        }
        this.chain = chain.toArray(X509Certificate[]::new);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** A server has no client identity. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String toString() {
        return "TransportKeyManager(" + chain[0].getSubjectX500Principal().getName() + ")";
    }
}

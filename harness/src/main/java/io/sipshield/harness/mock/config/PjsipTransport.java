package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.TlsMethod;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * pjsip.conf {@code type=transport} (res_pjsip/pjsip_config.xml, {@code transport} object; applied in
 * res_pjsip/config_transport.c). File names are resolved against the directory of the file that holds them.
 *
 * @param name the section name
 * @param protocol {@code protocol}; default udp
 * @param bind {@code bind}; default {@code 0.0.0.0} with the protocol's default port
 * @param certFile {@code cert_file}: the certificate chain sent (leaf first, then intermediates); no default
 * @param privKeyFile {@code priv_key_file}; no default
 * @param caListFile {@code ca_list_file}: trusted certificates for verifying the peer; no default
 * @param caListPath {@code ca_list_path}: a directory of trusted certificates; no default
 * @param method {@code method}; default {@link TlsMethod#DEFAULT}
 * @param ciphers {@code cipher}: OpenSSL cipher names, in order; default empty (the TLS library's own list)
 * @param verifyClient {@code verify_client}: verify the client certificate if one is sent; default no
 * @param requireClientCert {@code require_client_cert}: fail the handshake without a client certificate; default no
 * @param verifyServer {@code verify_server}: verify the server certificate on outbound connections; default no
 * @param allowWildcardCerts {@code allow_wildcard_certs}; default no
 */
public record PjsipTransport(String name, TransportProtocol protocol, Bind bind, Optional<Path> certFile,
        Optional<Path> privKeyFile, Optional<Path> caListFile, Optional<Path> caListPath, TlsMethod method,
        List<String> ciphers, boolean verifyClient, boolean requireClientCert, boolean verifyServer,
        boolean allowWildcardCerts) {

    public PjsipTransport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(privKeyFile, "privKeyFile");
        Objects.requireNonNull(caListFile, "caListFile");
        Objects.requireNonNull(caListPath, "caListPath");
        Objects.requireNonNull(method, "method");
        ciphers = List.copyOf(ciphers);
    }
}

package io.sipshield.harness.mock;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code pjsip show transports} and the details of {@code pjsip show transport <id>}:
 * the fields res_pjsip/config_transport.c prints and the TLS options pjsip.conf gave the transport.
 *
 * @param id                the transport's section name ({@code transport-tls} unless configured)
 * @param protocol          {@code protocol}, as pjsip.conf spells it ({@code tls})
 * @param bindAddress       where it listens, {@code host:port} (the bound port once started)
 * @param method            {@code method} as pjsip.conf spells it ({@code tlsv1_2}, {@code sslv23}, ...)
 * @param ciphers           {@code cipher}, in order; empty for the TLS library's own list
 * @param verifyClient      {@code verify_client}
 * @param requireClientCert {@code require_client_cert}
 * @param certFile          {@code cert_file} as configured, or null when the certificate was given in code
 * @param certSubject       the subject of the certificate the transport presents
 */
public record TransportView(String id, String protocol, String bindAddress, String method, List<String> ciphers,
                            boolean verifyClient, boolean requireClientCert, String certFile, String certSubject) {

    public TransportView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(method, "method");
        ciphers = List.copyOf(ciphers);
        Objects.requireNonNull(certSubject, "certSubject");
    }
}

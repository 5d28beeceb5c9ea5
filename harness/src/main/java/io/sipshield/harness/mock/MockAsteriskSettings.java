package io.sipshield.harness.mock;

import io.sipshield.harness.mock.dialplan.Dialplan;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MockAsterisk} was configured to be, as a value: two mocks with equal settings behave
 * alike on the wire whatever built them (structured keys, pjsip.conf text, a generated configuration
 * directory). The listening address is left out: the runner always puts the mock on 127.0.0.1 and a
 * free port. The private key is left out too (never exposed); the chain it serves is in.
 *
 * @param personality       which server the mock plays
 * @param transportName     the TLS transport's section name
 * @param tlsProtocols      the TLS versions accepted (JSSE names), from {@code method}
 * @param ciphers           {@code cipher}, empty for the TLS library's list
 * @param verifyClient      {@code verify_client}
 * @param requireClientCert {@code require_client_cert}
 * @param caList            {@code ca_list_file}'s certificates
 * @param presentedChain    the certificates the transport sends, leaf first
 * @param endpoints         the endpoints by id, with auth, AOR, codecs and media options
 * @param dialplan          every extension's priorities
 * @param userAgent         the Server/User-Agent header the mock sends
 * @param realm             the digest realm
 */
public record MockAsteriskSettings(ServerPersonality personality, String transportName, List<String> tlsProtocols,
                                   List<String> ciphers, boolean verifyClient, boolean requireClientCert,
                                   List<X509Certificate> caList, List<X509Certificate> presentedChain,
                                   Map<String, MockEndpoint> endpoints, Dialplan dialplan, String userAgent,
                                   String realm) {

    public MockAsteriskSettings {
        Objects.requireNonNull(personality, "personality");
        tlsProtocols = List.copyOf(tlsProtocols);
        ciphers = List.copyOf(ciphers);
        caList = List.copyOf(caList);
        presentedChain = List.copyOf(presentedChain);
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        Objects.requireNonNull(dialplan, "dialplan");
    }
}

package io.sipshield.harness.mock.config;

/**
 * pjsip.conf transport {@code method} (res_pjsip/pjsip_config.xml; applied by {@code transport_tls_method_handler}
 * in res_pjsip/config_transport.c). Which protocol versions each value lets through is the TLS server's business;
 * the notes below are pjsip's mapping under OpenSSL 3.
 */
public enum TlsMethod {
    /** {@code default}, also an empty value: PJSIP_SSL_DEFAULT_METHOD, TLS 1.0 only. The default. */
    DEFAULT("default"),
    /** {@code unspecified}: PJSIP_SSL_UNSPECIFIED_METHOD, pjsip's own default (same as {@code default}). */
    UNSPECIFIED("unspecified"),
    TLSV1("tlsv1"),
    TLSV1_1("tlsv1_1"),
    TLSV1_2("tlsv1_2"),
    TLSV1_3("tlsv1_3"),
    /** {@code sslv2}: no longer available in OpenSSL 3, no version is accepted. */
    SSLV2("sslv2"),
    /** {@code sslv3}: refused by OpenSSL 3's default security level, no version is accepted. */
    SSLV3("sslv3"),
    /** {@code sslv23}: any version OpenSSL allows, TLS 1.2 and 1.3 at OpenSSL 3's default security level. */
    SSLV23("sslv23");

    private final String configName;

    TlsMethod(String configName) {
        this.configName = configName;
    }

    /** The value as written in pjsip.conf. */
    public String configName() {
        return configName;
    }
}

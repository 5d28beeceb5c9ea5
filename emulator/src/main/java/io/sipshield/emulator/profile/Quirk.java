package io.sipshield.emulator.profile;

/**
 * One documented way a device's secure calling differs from a plain, strict TLS client: a named
 * deviation citing where it comes from (STYLE.md §5, Jetty's compliance violations). A
 * {@link DeviceProfile} is a name plus a set of these. Quirks marked [GUESS] follow DEVICES.md's
 * inferences and stay switchable: a profile can be derived with or without them.
 */
public enum Quirk {
    /** Digium D6x before 2_9_0 (D80 before 1_12_0): the bitmask is computed, but the phone connects anyway. */
    NO_SERVER_VALIDATION("does not validate the server certificate: connects whatever the bitmask",
            "DEVICES.md §B firmware table (Digium Phones and Secure Calling, seeds 001/002): 2_2_0_4"),
    /**
     * Digium D6x before 2_3_9: the cipher list still has anonymous (no certificate) and NULL (no
     * encryption) suites. Not on the wire today: BoringSSL has none of them and the JDK disables
     * {@code anon, NULL} ({@code jdk.tls.disabledAlgorithms}), so both providers drop them from the
     * ClientHello ({@code PhoneSslContexts.droppedCipherSuites}); what a test can observe is the
     * profile's list and the drop, and that the ClientHello the mock records
     * ({@code TlsConnection.offeredCiphers}) is 2_3_9's (MockClientHelloTest).
     */
    ANONYMOUS_AND_NULL_CIPHERS("offers anonymous and NULL cipher suites as well",
            "DEVICES.md §B firmware table: 2_3_9 'anonymous and NULL cipher suites no longer offered'"),
    /** Digium D6x 2_9_2+ / D80 1_12_1+: the {@code tls_allow_wildcard_certs} setting exists (off by default). */
    WILDCARD_SETTING("has tls_allow_wildcard_certs (off by default): a leading *. matches one label",
            "DEVICES.md §B firmware table: 2_9_2 / D80 1_12_1; RFC 5922 §7.2 forbids wildcards otherwise"),
    /** Digium D-Series: no client certificate can be loaded, so none is ever presented. */
    NO_CLIENT_CERTIFICATE("never presents a client certificate, even when the server asks",
            "DEVICES.md §B firmware table: 'no client cert can be loaded (so none is presented)'"),
    /**
     * Digium D-Series and Algo 3.1+: a public root-CA list frozen at firmware build time. sipshield
     * stands in the JDK's cacerts for it (the real lists are not published).
     */
    BUILT_IN_PUBLIC_ROOTS("trusts a built-in public root-CA list (stand-in: the JDK's cacerts) plus loaded CAs",
            "DEVICES.md §B 'Trust store' and §C 'Factory public roots'"),
    /** Algo 1.7.x: SIP trust comes from certs/siptrusted.pem alone, no public roots. */
    SIP_TRUSTED_PEM_ONLY("trusts only the CAs in certs/siptrusted.pem for SIP",
            "DEVICES.md §C: certs/siptrusted.pem (fw 1.7.x, seed 003)"),
    /** Algo 3.1+: loaded CAs live in certs/trusted/ next to the hidden public roots. */
    TRUSTED_FOLDER("loaded CAs come from certs/trusted/ (PEM/CER/CRT)",
            "DEVICES.md §C: certs/trusted/ (FW 3.x manuals)"),
    /** Algo: "Validate Server Certificate" switched off: the bitmask is reported, the call goes on. */
    VALIDATION_SWITCHED_OFF("'Validate Server Certificate' is off: connects whatever the bitmask",
            "DEVICES.md §C Web options: 'Validate Server Certificate'"),
    /** Algo "Force Secure TLS Version": TLS 1.2 only. */
    FORCE_TLS_1_2("'Force Secure TLS Version' is on: TLS 1.2 only",
            "DEVICES.md §C (Algo TLS guide; key net.tls.force12 is a [GUESS])"),
    /** Algo: the factory device certificate (CN = MAC, Algo root, intermediate, issuing CA) for mutual TLS. */
    FACTORY_DEVICE_CERTIFICATE("presents its factory device certificate (CN = MAC) when the server asks",
            "DEVICES.md §C 'Device certificate' (Algo TLS and Mutual Authentication guide)"),
    /** Algo: certs/sipclient.pem (certificate plus key) for mutual TLS. */
    SIPCLIENT_PEM("presents certs/sipclient.pem when the server asks",
            "DEVICES.md §C: certs/sipclient.pem (seed 003)"),
    /** Cisco: no CA store; the presented leaf must be pinned in the trust list (ITL/CTL) with the right role. */
    TRUST_LIST_PINNING("judges the server by trust-list pinning: the leaf must be a CCM or CCM+TFTP record",
            "DEVICES.md §A.3 'SIP-TLS server verification' (usecallmanager sip-peers.html)"),
    /** Cisco without an LSC: the Manufacturer Installed Certificate. */
    MIC_CLIENT_CERTIFICATE("presents its MIC (Cisco Manufacturing CA) when the server asks",
            "DEVICES.md §A.3 'Client certificate' (CUCM security guide; SIP use is a [GUESS])"),
    /** Cisco with a CAPF-issued Locally Significant Certificate: it is preferred over the MIC. */
    LSC_CLIENT_CERTIFICATE("presents its LSC (issued by CAPF) when the server asks",
            "DEVICES.md §A.3 'Client certificate' (certificate-enrollment.html)"),
    /** Cisco deviceSecurityMode 2 (Authenticated): TLS with a NULL cipher, RTP in the clear. */
    NULL_CIPHER_SIGNALLING("deviceSecurityMode 2 (Authenticated): offers TLS NULL-encryption suites, RTP in the clear",
            "DEVICES.md §A.3 SEP<MAC>.cnf.xml deviceSecurityMode; sip-peers.html 'tlscipher=DEFAULT:NULL'"),
    /** Cisco 79x1: TLS 1.0 only. */
    TLS_1_0_ONLY("speaks TLS 1.0 only", "DEVICES.md §A.3: '79x1 phones (TLS 1.0 only) need @SECLEVEL=0'"),
    /**
     * [GUESS] Firmware built on old OpenSSL runs at security level 0: SHA-1 and small keys pass.
     * DEVICES.md only says 79x1 peers need {@code @SECLEVEL=0}; for the phones' own verifiers it is inferred.
     */
    SECURITY_LEVEL_0("[GUESS] verifies at OpenSSL security level 0: SHA-1 signatures and small keys pass",
            "[GUESS] inferred from the firmware's OpenSSL era (DEVICES.md §A.3 '@SECLEVEL=0' for 79x1)"),
    /**
     * [GUESS] Recent pjproject sets X509_V_FLAG_PARTIAL_CHAIN on its client store: a trusted
     * intermediate ends the chain. Not documented for any firmware; off unless derived in.
     */
    PARTIAL_CHAIN("[GUESS] a trusted intermediate ends the chain (OpenSSL X509_V_FLAG_PARTIAL_CHAIN)",
            "[GUESS] recent pjproject sets it on client stores; no firmware documents it"),
    /**
     * Algo "SIPS Scheme" enabled (seed 003, Advanced SIP): the device addresses the server with
     * {@code sips:} URIs. RFC 3261 §26.2.2 and §8.1.1.8: with a SIPS Request-URI the Contact is a SIPS
     * URI too; RFC 5630 §3.2: no {@code ;transport=tls} on a SIPS URI.
     */
    SIPS_SCHEME("Request-URI, From, To and Contact are sips: URIs, without ;transport=tls",
            "seed 003 (Algo 'SIPS Scheme'); RFC 3261 §26.2.2, §8.1.1.8; RFC 5630 §3.2"),
    /**
     * Algo "SIP Outbound Support (RFC 5626)" enabled (seed 003: advised when TLS is the transport). RFC
     * 5626 §4.2.1: REGISTER carries {@code Supported: outbound} and a Contact with {@code reg-id} and the
     * instance's {@code +sip.instance="<urn:uuid:...>"}. [GUESS] the instance UUID is name-based from the
     * account and server (stable across runs), where a real device derives its own.
     */
    SIP_OUTBOUND("REGISTER says Supported: outbound, Contact ;reg-id=1;+sip.instance=\"<urn:uuid:...>\"",
            "seed 003 (Algo 'SIP Outbound Support (RFC 5626)'); RFC 5626 §4.2.1");

    private final String behaviour;
    private final String source;

    Quirk(String behaviour, String source) {
        this.behaviour = behaviour;
        this.source = source;
    }

    /** What the device does, in a sentence fragment. */
    public String behaviour() {
        return behaviour;
    }

    /** The document (and section) this quirk comes from. */
    public String source() {
        return source;
    }

    /** Whether the behaviour is an inference DEVICES.md marks [GUESS]. */
    public boolean guess() {
        return behaviour.startsWith("[GUESS]") || source.contains("[GUESS]");
    }
}

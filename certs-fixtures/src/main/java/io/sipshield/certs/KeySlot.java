package io.sipshield.certs;

/**
 * The key pairs a {@link FixtureCatalog} generates, one per role. Fixtures that differ only in a
 * defect that does not depend on the key share a slot: every pbx.sip.test leaf uses {@link #SERVER}.
 * CAs that could be confused with one another (a root and its impostor, a root and the roots
 * meant to be unrelated to it, a CA and the CA it issues) never share one.
 */
enum KeySlot {
    TEST_ROOT(KeyAlgorithm.RSA_2048),
    TEST_ROOT_EC(KeyAlgorithm.EC_P384),
    OTHER_ROOT(KeyAlgorithm.RSA_2048),
    IMPOSTOR_ROOT(KeyAlgorithm.RSA_2048),
    EXPIRED_ROOT(KeyAlgorithm.RSA_2048),
    PATH_LENGTH_0_ROOT(KeyAlgorithm.RSA_2048),
    /** Every intermediate directly below a root (their defects are in the certificate, not the key). */
    INTERMEDIATE(KeyAlgorithm.RSA_2048),
    SERVER(KeyAlgorithm.RSA_2048),
    SERVER_EC(KeyAlgorithm.EC_P256),
    SERVER_RSA_1024(KeyAlgorithm.RSA_1024),
    /** Every client leaf: device certificates, MIC and LSC. */
    CLIENT(KeyAlgorithm.RSA_2048),
    ALGO_ROOT(KeyAlgorithm.RSA_2048),
    ALGO_INTERMEDIATE(KeyAlgorithm.RSA_2048),
    ALGO_ISSUING_CA(KeyAlgorithm.RSA_2048),
    CISCO_MANUFACTURING_ROOT(KeyAlgorithm.RSA_2048),
    CISCO_MANUFACTURING_CA(KeyAlgorithm.RSA_2048),
    CISCO_CAPF(KeyAlgorithm.RSA_2048);

    private final KeyAlgorithm algorithm;

    KeySlot(KeyAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    KeyAlgorithm algorithm() {
        return algorithm;
    }
}

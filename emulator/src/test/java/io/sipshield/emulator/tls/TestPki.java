package io.sipshield.emulator.tls;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for the validator tests, built with {@link CertificateSpec} from a small pool of
 * keys (key generation is most of the cost): a root, an unrelated root, an impostor of the root
 * (same subject, another key), intermediates, and a server key. Every certificate is dated from
 * one instant.
 */
final class TestPki {

    static final String HOST = "pbx.sip.test";

    final Instant now;
    final SecureRandom random;
    private final List<KeyPair> keys = new ArrayList<>();
    private int nextKey;
    final IssuedCertificate root;
    final IssuedCertificate otherRoot;
    final IssuedCertificate impostorRoot;
    final IssuedCertificate intermediate;
    final KeyPair serverKeys;

    TestPki(Instant now, long seed) {
        this.now = now;
        this.random = new SecureRandom();
        this.random.setSeed(seed);
        for (int i = 0; i < 24; i++) {
            keys.add(KeyAlgorithm.EC_P256.generate(random));
        }
        this.serverKeys = KeyAlgorithm.EC_P256.generate(random);
        this.root = root("sipshield test root").build();
        this.otherRoot = root("sipshield unrelated root").build();
        this.impostorRoot = root("sipshield test root").build();
        this.intermediate = intermediate("sipshield test intermediate").issuedBy(root).build();
    }

    /** A fresh key from the pool (keys repeat after 24 certificates; enough for distinct issuers in one chain). */
    KeyPair nextKey() {
        KeyPair key = keys.get(nextKey % keys.size());
        nextKey++;
        return key;
    }

    CertificateSpec root(String cn) {
        return CertificateSpec.root(cn).keyPair(nextKey()).now(now).random(random);
    }

    CertificateSpec intermediate(String cn) {
        return CertificateSpec.intermediate(cn).keyPair(nextKey()).now(now).random(random);
    }

    /** A server leaf for pbx.sip.test with SAN DNS and IP 127.0.0.1, serverAuth. */
    CertificateSpec server() {
        return CertificateSpec.leaf(HOST).sanDns(HOST).sanIp("127.0.0.1").serverAuth().keyPair(serverKeys).now(now)
                .random(random);
    }

    CertificateSpec leaf(String cn) {
        return CertificateSpec.leaf(cn).keyPair(serverKeys).now(now).random(random);
    }

    /** An RSA key of a size CertificateSpec does not offer (512, 768 bits) for security-level cases. */
    static KeyPair rsaKey(int bits, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA " + bits + " key", e);
        }
    }
}

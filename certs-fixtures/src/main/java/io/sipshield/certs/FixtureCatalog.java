package io.sipshield.certs;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The named test certificates, generated on first use relative to one instant and cached for the
 * life of the catalog (one catalog per run). Keys are reused wherever a defect does not depend on
 * the key, since RSA key generation is most of the cost. Thread-safe.
 */
public final class FixtureCatalog {

    private final Instant now;
    private final SecureRandom random = new SecureRandom();
    private final Map<FixtureName, IssuedCertificate> issued = new EnumMap<>(FixtureName.class);
    private KeyPair serverKeys;

    private FixtureCatalog(Instant now) {
        this.now = now;
    }

    /** A catalog whose dates are relative to the wall clock at creation. */
    public static FixtureCatalog create() {
        return new FixtureCatalog(Instant.now());
    }

    public static FixtureCatalog createAt(Instant now) {
        return new FixtureCatalog(now);
    }

    public Instant now() {
        return now;
    }

    public synchronized IssuedCertificate get(FixtureName name) {
        IssuedCertificate certificate = issued.get(name);
        if (certificate == null) {
            certificate = generate(name);
            issued.put(name, certificate);
        }
        return certificate;
    }

    private IssuedCertificate generate(FixtureName name) {
        return switch (name) {
            case TEST_ROOT -> CertificateSpec.root("sipshield test root RSA").now(now).random(random)
                    .validity(java.time.Duration.ofDays(-1), java.time.Duration.ofDays(3650)).build();
            case OTHER_ROOT -> CertificateSpec.root("sipshield unrelated root").now(now).random(random)
                    .validity(java.time.Duration.ofDays(-1), java.time.Duration.ofDays(3650)).build();
            case PBX_SERVER -> pbxServer().issuedBy(get(FixtureName.TEST_ROOT)).build();
            case OTHER_HOST_SERVER -> CertificateSpec.leaf("other.sip.test").sanDns("other.sip.test")
                    .serverAuth().keyPair(serverKeys()).now(now).random(random)
                    .issuedBy(get(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_UNKNOWN_CA -> pbxServer().issuedBy(get(FixtureName.OTHER_ROOT)).build();
            case PBX_SERVER_SELF_SIGNED -> pbxServer().build();
            case PBX_SERVER_EXPIRED -> pbxServer().expired().issuedBy(get(FixtureName.TEST_ROOT)).build();
        };
    }

    private CertificateSpec pbxServer() {
        return CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").sanIp("127.0.0.1")
                .serverAuth().keyPair(serverKeys()).now(now).random(random);
    }

    private KeyPair serverKeys() {
        if (serverKeys == null) {
            serverKeys = KeyAlgorithm.RSA_2048.generate(random);
        }
        return serverKeys;
    }
}

package io.sipshield.certs;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How each named fixture is made: one {@link CertificateSpec} chain per name, relative to the
 * catalog's instant, with the catalog's keys. Issuers are fetched through the catalog, so they are
 * made once and shared. Not thread-safe: the catalog holds its lock while using it.
 */
final class FixtureRecipes {

    private static final String PBX_HOST = "pbx.sip.test";
    private static final Duration ROOT_LIFETIME = Duration.ofDays(3650);
    private static final Duration CA_LIFETIME = Duration.ofDays(1825);
    private static final Duration BACKDATE = Duration.ofDays(-1);
    private static final String ORGANIZATION = "O=sipshield test PKI";
    private static final int DEEPEST_CHAIN = 12;
    /** How many chain CAs the deepest chain needs. */
    static final int CHAIN_CA_LEVELS = DEEPEST_CHAIN - 1;

    private final Instant now;
    private final SecureRandom random;
    private final KeyRing keys;
    private final Function<FixtureName, IssuedCertificate> fixtures;
    private final List<IssuedCertificate> ladder = new ArrayList<>();
    private IssuedCertificate pathLength0Intermediate;

    FixtureRecipes(Instant now, SecureRandom random, KeyRing keys, Function<FixtureName, IssuedCertificate> fixtures) {
        this.now = now;
        this.random = random;
        this.keys = keys;
        this.fixtures = fixtures;
    }

    IssuedCertificate build(FixtureName name) {
        return switch (name) {
            case TEST_ROOT -> root("sipshield test root RSA", KeySlot.TEST_ROOT).build();
            case TEST_ROOT_EC -> root("sipshield test root EC", KeySlot.TEST_ROOT_EC).build();
            case OTHER_ROOT -> root("sipshield unrelated root", KeySlot.OTHER_ROOT).build();
            case IMPOSTOR_ROOT -> root("impostor", KeySlot.IMPOSTOR_ROOT)
                    .subject(issuer(FixtureName.TEST_ROOT).certificate().getSubjectX500Principal()).build();
            case EXPIRED_ROOT -> root("sipshield expired root", KeySlot.EXPIRED_ROOT)
                    .validity(ROOT_LIFETIME.negated(), BACKDATE).build();
            case PATH_LENGTH_0_ROOT -> root("sipshield path length 0 root", KeySlot.PATH_LENGTH_0_ROOT).pathLength(0).build();

            case TEST_INTERMEDIATE -> testIntermediate("sipshield test intermediate").build();
            case EXPIRED_INTERMEDIATE -> testIntermediate("sipshield expired intermediate").expired().build();
            case NON_CA_INTERMEDIATE -> testIntermediate("sipshield non-CA intermediate").notCa().build();
            case INTERMEDIATE_WITHOUT_KEY_CERT_SIGN -> testIntermediate("sipshield intermediate without keyCertSign")
                    .caWithoutKeyCertSign().build();

            case PBX_SERVER -> pbx().issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case OTHER_HOST_SERVER -> server("other.sip.test").sanDns("other.sip.test")
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_UNKNOWN_CA -> pbx().issuedBy(issuer(FixtureName.OTHER_ROOT)).build();
            case PBX_SERVER_SELF_SIGNED -> pbx().selfSigned().build();
            case PBX_SERVER_EXPIRED -> pbx().expired().issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_EC -> pbx().keyPair(keys.get(KeySlot.SERVER_EC)).issuedBy(issuer(FixtureName.TEST_ROOT_EC)).build();

            case PBX_SERVER_VIA_INTERMEDIATE -> pbx().issuedBy(issuer(FixtureName.TEST_INTERMEDIATE)).build();
            case PBX_SERVER_VIA_EXPIRED_INTERMEDIATE -> pbx().issuedBy(issuer(FixtureName.EXPIRED_INTERMEDIATE)).build();
            case PBX_SERVER_VIA_NON_CA_INTERMEDIATE -> pbx().issuedBy(issuer(FixtureName.NON_CA_INTERMEDIATE)).build();
            case PBX_SERVER_VIA_INTERMEDIATE_WITHOUT_KEY_CERT_SIGN ->
                    pbx().issuedBy(issuer(FixtureName.INTERMEDIATE_WITHOUT_KEY_CERT_SIGN)).build();
            case PBX_SERVER_VIA_EXPIRED_ROOT -> pbx().issuedBy(issuer(FixtureName.EXPIRED_ROOT)).build();
            case PBX_SERVER_VIA_PATH_LENGTH_0_ROOT -> pbx().issuedBy(pathLength0Intermediate()).build();
            case PBX_SERVER_CHAIN_DEPTH_2 -> chainOfDepth(2);
            case PBX_SERVER_CHAIN_DEPTH_3 -> chainOfDepth(3);
            case PBX_SERVER_CHAIN_DEPTH_4 -> chainOfDepth(4);
            case PBX_SERVER_CHAIN_DEPTH_5 -> chainOfDepth(5);
            case PBX_SERVER_CHAIN_DEPTH_6 -> chainOfDepth(6);
            case PBX_SERVER_CHAIN_DEPTH_7 -> chainOfDepth(7);
            case PBX_SERVER_CHAIN_DEPTH_8 -> chainOfDepth(8);
            case PBX_SERVER_CHAIN_DEPTH_9 -> chainOfDepth(9);
            case PBX_SERVER_CHAIN_DEPTH_10 -> chainOfDepth(10);
            case PBX_SERVER_CHAIN_DEPTH_11 -> chainOfDepth(11);
            case PBX_SERVER_CHAIN_DEPTH_12 -> chainOfDepth(DEEPEST_CHAIN);

            case PBX_SERVER_IP_ONLY -> server("pbx").sanIp("127.0.0.1").sanIp("::1").issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_URI_ONLY -> server("pbx").sanUri("sip:" + PBX_HOST).issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_CN_ONLY -> server(PBX_HOST).noSubjectAltName().issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_SAN_MISMATCH -> server(PBX_HOST).sanDns("wrong.sip.test").issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_WILDCARD -> server("*.sip.test").sanDns("*.sip.test").issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_WILDCARD_CN_ONLY -> server("*.sip.test").noSubjectAltName().issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_DOUBLE_WILDCARD -> server("*.*.sip.test").sanDns("*.*.sip.test")
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_PARTIAL_WILDCARD -> server("pbx*.sip.test").sanDns("pbx*.sip.test")
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case MX_ONE_SERVER -> server("*.mx.sip.test").sanDns("*.mx.sip.test")
                    .sanDns("lim1.mx.sip.test").sanDns("lim2.mx.sip.test").sanDns("lim3.mx.sip.test")
                    .sanIp("127.0.1.1").sanIp("127.0.1.2").sanIp("127.0.1.3")
                    .issuedBy(issuer(FixtureName.TEST_INTERMEDIATE)).build();

            case PBX_SERVER_NOT_YET_VALID -> pbx().notYetValid().issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_CLIENT_AUTH_ONLY -> pbxNames(leaf(PBX_HOST, KeySlot.SERVER)).clientAuth()
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_SERVER_AND_CLIENT_AUTH -> pbx().clientAuth().issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_WRONG_KEY_USAGE -> pbx().keyUsage(KeyUsageBit.NON_REPUDIATION)
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_IMPOSTOR_ROOT -> pbx().issuedBy(issuer(FixtureName.IMPOSTOR_ROOT)).build();
            case PBX_SERVER_REVOKED -> pbx().crlDistributionPoint(CrlName.TEST_ROOT_CRL.distributionPoint())
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_SHA1 -> pbx().signatureAlgorithm("SHA1withRSA").issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_MD5 -> pbx().signatureAlgorithm("MD5withRSA").issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_RSA_1024 -> pbx().keyPair(keys.get(KeySlot.SERVER_RSA_1024)).issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_UNKNOWN_CRITICAL_EXTENSION -> pbx().unknownCriticalExtension()
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();
            case PBX_SERVER_NEGATIVE_SERIAL -> pbx().serial(BigInteger.valueOf(-FixtureCatalog.NEGATIVE_SERIAL_MAGNITUDE))
                    .issuedBy(issuer(FixtureName.TEST_ROOT)).build();

            case ALGO_ROOT -> root("sipshield Algo-style root CA", KeySlot.ALGO_ROOT)
                    .subject("CN=sipshield Algo-style root CA, OU=Algo-style device PKI, " + ORGANIZATION).build();
            case ALGO_INTERMEDIATE -> ca("CN=sipshield Algo-style intermediate CA, OU=Algo-style device PKI, " + ORGANIZATION,
                    KeySlot.ALGO_INTERMEDIATE, FixtureName.ALGO_ROOT).build();
            case ALGO_ISSUING_CA -> ca("CN=sipshield Algo-style issuing CA, OU=Algo-style device PKI, " + ORGANIZATION,
                    KeySlot.ALGO_ISSUING_CA, FixtureName.ALGO_INTERMEDIATE).build();
            case ALGO_DEVICE -> algoDevice().issuedBy(issuer(FixtureName.ALGO_ISSUING_CA)).build();
            case CISCO_MANUFACTURING_ROOT -> root("sipshield Cisco-style root CA 2048", KeySlot.CISCO_MANUFACTURING_ROOT)
                    .subject("CN=sipshield Cisco-style root CA 2048, OU=Cisco-style manufacturing PKI, " + ORGANIZATION).build();
            case CISCO_MANUFACTURING_CA -> ca("CN=sipshield Cisco-style manufacturing CA, OU=Cisco-style manufacturing PKI, "
                    + ORGANIZATION, KeySlot.CISCO_MANUFACTURING_CA, FixtureName.CISCO_MANUFACTURING_ROOT).build();
            case CISCO_MIC -> clientLeaf("CN=" + FixtureCatalog.CISCO_DEVICE_NAME + ", OU=Cisco-style MIC, " + ORGANIZATION)
                    .validity(BACKDATE, ROOT_LIFETIME).issuedBy(issuer(FixtureName.CISCO_MANUFACTURING_CA)).build();
            case CISCO_CAPF -> root("CAPF-sipshield", KeySlot.CISCO_CAPF)
                    .subject("CN=CAPF-sipshield, OU=Cisco-style CAPF, " + ORGANIZATION).build();
            case CISCO_LSC -> clientLeaf("CN=" + FixtureCatalog.CISCO_DEVICE_NAME + ", OU=Cisco-style LSC, " + ORGANIZATION)
                    .issuedBy(issuer(FixtureName.CISCO_CAPF)).build();
            case CLIENT_EXPIRED -> algoDevice().expired().issuedBy(issuer(FixtureName.ALGO_ISSUING_CA)).build();
            case CLIENT_UNTRUSTED_CA -> algoDevice().issuedBy(issuer(FixtureName.OTHER_ROOT)).build();
        };
    }

    /** A test root: ten years, name-constrained to test names. */
    private CertificateSpec root(String commonName, KeySlot slot) {
        return CertificateSpec.root(commonName).keyPair(keys.get(slot)).testNameConstraints()
                .validity(BACKDATE, ROOT_LIFETIME).now(now).random(random);
    }

    private CertificateSpec ca(String subject, KeySlot slot, FixtureName issuer) {
        return CertificateSpec.intermediate(subject).subject(subject).keyPair(keys.get(slot))
                .validity(BACKDATE, CA_LIFETIME).issuedBy(issuer(issuer)).now(now).random(random);
    }

    /** An intermediate directly below test-root, with the shared intermediate key. */
    private CertificateSpec testIntermediate(String commonName) {
        return CertificateSpec.intermediate(commonName).keyPair(keys.get(KeySlot.INTERMEDIATE))
                .validity(BACKDATE, CA_LIFETIME).issuedBy(issuer(FixtureName.TEST_ROOT)).now(now).random(random);
    }

    private CertificateSpec leaf(String commonName, KeySlot slot) {
        return CertificateSpec.leaf(commonName).keyPair(keys.get(slot)).now(now).random(random);
    }

    /** A serverAuth leaf with the shared server key; names are up to the caller. */
    private CertificateSpec server(String commonName) {
        return leaf(commonName, KeySlot.SERVER).serverAuth();
    }

    /** The reference server leaf: CN pbx.sip.test, SAN DNS pbx.sip.test, IP 127.0.0.1 and ::1, serverAuth. */
    private CertificateSpec pbx() {
        return pbxNames(server(PBX_HOST));
    }

    private static CertificateSpec pbxNames(CertificateSpec spec) {
        return spec.sanDns(PBX_HOST).sanIp("127.0.0.1").sanIp("::1");
    }

    private CertificateSpec clientLeaf(String subject) {
        return leaf(subject, KeySlot.CLIENT).subject(subject).clientAuth();
    }

    private CertificateSpec algoDevice() {
        return clientLeaf("CN=" + FixtureCatalog.ALGO_DEVICE_MAC + ", OU=Algo-style device, " + ORGANIZATION);
    }

    private IssuedCertificate issuer(FixtureName name) {
        return fixtures.apply(name);
    }

    private IssuedCertificate pathLength0Intermediate() {
        if (pathLength0Intermediate == null) {
            pathLength0Intermediate = CertificateSpec.intermediate("sipshield intermediate below the path length 0 root")
                    .keyPair(keys.get(KeySlot.INTERMEDIATE)).validity(BACKDATE, CA_LIFETIME)
                    .issuedBy(issuer(FixtureName.PATH_LENGTH_0_ROOT)).now(now).random(random).build();
        }
        return pathLength0Intermediate;
    }

    /** A leaf whose root sits at {@code depth} (OpenSSL numbering: leaf 0), so {@code depth - 1} chain CAs. */
    private IssuedCertificate chainOfDepth(int depth) {
        return pbx().issuedBy(chainCa(depth - 1)).build();
    }

    /** Chain CA number {@code level}: level 1 is issued by test-root, each next one by the previous. */
    private IssuedCertificate chainCa(int level) {
        while (ladder.size() < level) {
            int next = ladder.size() + 1;
            IssuedCertificate parent = next == 1 ? issuer(FixtureName.TEST_ROOT) : ladder.get(next - 2);
            ladder.add(CertificateSpec.intermediate("sipshield test chain CA " + next).keyPair(keys.ladder(next))
                    .validity(BACKDATE, CA_LIFETIME).issuedBy(parent).now(now).random(random).build());
        }
        return ladder.get(level - 1);
    }
}

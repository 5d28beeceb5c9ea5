package io.sipshield.certs;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named test certificates and CRLs, generated on first use relative to one instant and cached
 * for the life of the catalog (one catalog per run). Keys are reused wherever a defect does not
 * depend on the key, since RSA key generation is most of the cost. Thread-safe.
 *
 * <pre>{@code
 * FixtureCatalog pki = FixtureCatalog.create();
 * IssuedCertificate server = pki.get(FixtureName.PBX_SERVER_REVOKED);
 * IssuedCrl crl = pki.crl(CrlName.TEST_ROOT_CRL);
 * }</pre>
 */
public final class FixtureCatalog {

    /** The MAC address in the CN of the Algo-style device certificates (Algo's OUI 00:22:EE, colon-separated, upper case). */
    public static final String ALGO_DEVICE_MAC = "00:22:EE:01:02:03";

    /** The device name in the CN of the Cisco-style MIC and LSC: {@code SEP} and the MAC address in hex. */
    public static final String CISCO_DEVICE_NAME = "SEP001122334455";

    /** The negative serial number of {@link FixtureName#PBX_SERVER_NEGATIVE_SERIAL} is minus this. */
    public static final long NEGATIVE_SERIAL_MAGNITUDE = 1_234_567L;

    private final Instant now;
    private final KeyRing keys;
    private final FixtureRecipes recipes;
    private final SecureRandom random = new SecureRandom();
    private final Map<FixtureName, IssuedCertificate> issued = new EnumMap<>(FixtureName.class);
    private final Map<CrlName, IssuedCrl> crls = new EnumMap<>(CrlName.class);
    /** When CRLs are dated from: {@link #now} for a new catalog, the restoring instant for a restored one. */
    private final Instant crlNow;
    /** For a restored catalog: the fixtures whose dated defect no longer holds, with the reason. */
    private final Map<FixtureName, String> worn = new EnumMap<>(FixtureName.class);
    private final boolean restored;

    private FixtureCatalog(Instant now) {
        this.now = now;
        this.crlNow = now;
        this.restored = false;
        this.keys = new KeyRing(random);
        this.recipes = new FixtureRecipes(now, random, keys, this::get);
    }

    private FixtureCatalog(Instant made, Instant restoredAt, Map<FixtureName, IssuedCertificate> certificates,
                           String origin) {
        this.now = made;
        this.crlNow = restoredAt;
        this.restored = true;
        this.keys = new KeyRing(random);
        this.recipes = new FixtureRecipes(made, random, keys, this::get);
        for (FixtureName name : FixtureName.values()) {
            IssuedCertificate certificate = certificates.get(name);
            if (certificate == null) {
                throw new IllegalArgumentException(origin + ": no fixture " + name.id() + " (" + name.id() + ".crt, "
                        + name.id() + ".key, " + name.id() + "-root.crt); expected every fixture of the catalog");
            }
            issued.put(name, certificate);
            X509Certificate leaf = certificate.certificate();
            boolean then = validAt(leaf, made);
            if (then != validAt(leaf, restoredAt)) {
                worn.put(name, "fixture " + name.id() + " of " + origin + ", made " + made + ", was "
                        + (then ? "" : "not ") + "valid then and is " + (then ? "not " : "") + "valid now (notBefore "
                        + leaf.getNotBefore().toInstant() + ", notAfter " + leaf.getNotAfter().toInstant()
                        + "): its dates no longer play their part; delete the directory to make a new PKI");
            }
        }
    }

    private static boolean validAt(X509Certificate certificate, Instant instant) {
        return !instant.isBefore(certificate.getNotBefore().toInstant())
                && !instant.isAfter(certificate.getNotAfter().toInstant());
    }

    /** A catalog whose dates are relative to the wall clock at creation. */
    public static FixtureCatalog create() {
        return new FixtureCatalog(Instant.now());
    }

    /** A catalog whose dates are relative to {@code now}. */
    public static FixtureCatalog createAt(Instant now) {
        return new FixtureCatalog(now);
    }

    /**
     * A catalog of certificates made earlier (by a catalog created at {@code made}) and stored, so that several
     * runs share one PKI: the same keys, the same certificates, the same {@link #now()}. CRLs are made anew,
     * dated from {@code restoredAt}. A fixture whose validity at {@code restoredAt} differs from its validity at
     * {@code made} (a not-yet-valid certificate whose day has come, a good one that has expired) no longer plays
     * its part: {@link #get} refuses it, saying so.
     *
     * @param certificates every {@link FixtureName}'s certificate
     * @param origin       where they were stored, named in messages
     * @throws IllegalArgumentException naming the first fixture missing
     */
    public static FixtureCatalog restore(Instant made, Instant restoredAt, Map<FixtureName, IssuedCertificate> certificates,
                                         String origin) {
        return new FixtureCatalog(made, restoredAt, Map.copyOf(certificates), origin);
    }

    /** Whether this catalog was {@link #restore restored} from stored certificates rather than generated. */
    public boolean restored() {
        return restored;
    }

    /** When the catalog's certificates were made: their dates are relative to it. */
    public Instant now() {
        return now;
    }

    /** The named certificate, made on first use (with its issuers) and the same object afterwards. */
    public synchronized IssuedCertificate get(FixtureName name) {
        String wornOff = worn.get(name);
        if (wornOff != null) {
            throw new IllegalStateException(wornOff);
        }
        IssuedCertificate certificate = issued.get(name);
        if (certificate == null) {
            certificate = recipes.build(name);
            issued.put(name, certificate);
        }
        return certificate;
    }

    /** The named CRL, made on first use (with its issuer and the certificates it revokes). */
    public synchronized IssuedCrl crl(CrlName name) {
        IssuedCrl crl = crls.get(name);
        if (crl == null) {
            crl = buildCrl(name);
            crls.put(name, crl);
        }
        return crl;
    }

    /**
     * Every named certificate, in {@link FixtureName} order. Generates the key pairs still missing
     * in parallel first, so a whole cold catalogue costs about the key generation divided by the cores.
     */
    public synchronized Map<FixtureName, IssuedCertificate> all() {
        if (!restored) {
            keys.prefetch(FixtureRecipes.CHAIN_CA_LEVELS);
        }
        Map<FixtureName, IssuedCertificate> all = new LinkedHashMap<>();
        for (FixtureName name : FixtureName.values()) {
            all.put(name, get(name));
        }
        return all;
    }

    /** Every named CRL, in {@link CrlName} order. */
    public synchronized Map<CrlName, IssuedCrl> allCrls() {
        Map<CrlName, IssuedCrl> all = new LinkedHashMap<>();
        for (CrlName name : CrlName.values()) {
            all.put(name, crl(name));
        }
        return all;
    }

    /** How many key pairs this catalog has generated so far (the cost of a catalog is mostly this). */
    public synchronized int keyPairsGenerated() {
        return keys.generated();
    }

    private IssuedCrl buildCrl(CrlName name) {
        CrlSpec spec = CrlSpec.issuedBy(get(name.issuer())).now(crlNow);
        return switch (name) {
            case TEST_ROOT_CRL -> spec.revoke(get(FixtureName.PBX_SERVER_REVOKED)).number(2).build();
            case TEST_INTERMEDIATE_CRL -> spec.number(1).build();
            case TEST_ROOT_CRL_EXPIRED -> spec.revoke(get(FixtureName.PBX_SERVER_REVOKED)).expired().number(1).build();
        };
    }
}

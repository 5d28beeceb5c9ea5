package io.sipshield.certs;

import java.util.Arrays;
import java.util.Optional;

/** The named certificate revocation lists of the {@link FixtureCatalog}. */
public enum CrlName {
    /** The test root's current CRL: revokes {@link FixtureName#PBX_SERVER_REVOKED}. */
    TEST_ROOT_CRL("test-root-crl", FixtureName.TEST_ROOT,
            "current CRL of test-root (next update in a week); revokes pbx-server-revoked (keyCompromise)"),
    /** The test intermediate's current CRL: revokes nothing. */
    TEST_INTERMEDIATE_CRL("test-intermediate-crl", FixtureName.TEST_INTERMEDIATE,
            "current CRL of test-intermediate (next update in a week); revokes nothing, so chains through the intermediate stay good"),
    /** The test root's CRL gone stale: nextUpdate was yesterday. */
    TEST_ROOT_CRL_EXPIRED("test-root-crl-expired", FixtureName.TEST_ROOT,
            "expired CRL of test-root: issued 8 days ago, next update was due yesterday; also revokes pbx-server-revoked");

    /** Where the catalogue's CRLs claim to be published; {@code certs generate} writes the files with these names. */
    public static final String DISTRIBUTION_BASE = "http://crl.sip.test/";

    private final String id;
    private final FixtureName issuer;
    private final String description;

    CrlName(String id, FixtureName issuer, String description) {
        this.id = id;
        this.issuer = issuer;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** The CA that signs this CRL. */
    public FixtureName issuer() {
        return issuer;
    }

    public String description() {
        return description;
    }

    /** The DER file name a distribution point serves: {@code <id>.crl}. */
    public String fileName() {
        return id + ".crl";
    }

    /** The URI a certificate's CRL distribution point names for this CRL. */
    public String distributionPoint() {
        return DISTRIBUTION_BASE + fileName();
    }

    public static Optional<CrlName> byId(String id) {
        return Arrays.stream(values()).filter(name -> name.id.equals(id)).findFirst();
    }
}

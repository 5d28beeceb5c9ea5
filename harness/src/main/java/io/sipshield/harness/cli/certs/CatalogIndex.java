package io.sipshield.harness.cli.certs;

import java.util.List;

/**
 * What {@code sipshield certs generate} wrote, as {@code index.json} holds it: one entry per
 * certificate and per CRL, with what it is for, its defect and its files (relative to the output
 * directory, with {@code /} separators).
 *
 * @param generatedAt     the instant every date is relative to (ISO-8601)
 * @param nameConstraints what every root of the catalogue permits
 * @param fixtures        the certificates, in catalogue order
 * @param crls            the certificate revocation lists
 */
record CatalogIndex(String generatedAt, NameConstraintsEntry nameConstraints, List<FixtureEntry> fixtures, List<CrlEntry> crls) {

    CatalogIndex {
        fixtures = List.copyOf(fixtures);
        crls = List.copyOf(crls);
    }

    /** The subtrees the roots permit: DNS names in RFC 5280 form, IP ranges in CIDR form. */
    record NameConstraintsEntry(List<String> permittedDns, List<String> permittedIp) {
    }

    /**
     * One certificate.
     *
     * @param defect null for a certificate meant to be accepted
     * @param serial hexadecimal, with a minus sign when negative
     * @param sha256 the SHA-256 fingerprint of the DER encoding, colon-separated hex
     */
    record FixtureEntry(String id, String kind, String description, String defect, String subject, String issuer,
                        String serial, String notBefore, String notAfter, String publicKey, String signatureAlgorithm,
                        String sha256, FixtureFiles files) {
    }

    /**
     * The files of one certificate.
     *
     * @param certificate    the certificate alone (PEM)
     * @param privateKey     its private key, unencrypted PKCS#8 PEM
     * @param chain          leaf to root, root included (PEM)
     * @param presentedChain leaf and intermediates without the root, as a TLS peer sends them (PEM)
     */
    record FixtureFiles(String certificate, String privateKey, String chain, String presentedChain) {
    }

    /**
     * One CRL.
     *
     * @param issuer            the id of the CA that signed it
     * @param revokedSerials    hexadecimal serial numbers
     * @param distributionPoint the URI certificates name for it; serve {@code files.der} there
     */
    record CrlEntry(String id, String issuer, String description, String thisUpdate, String nextUpdate,
                    List<String> revokedSerials, String distributionPoint, CrlFiles files) {
    }

    /** The files of one CRL: DER (as served over HTTP) and PEM. */
    record CrlFiles(String der, String pem) {
    }
}

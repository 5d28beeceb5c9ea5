package io.sipshield.harness.mock.hostile;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.emulator.fault.ManySans;
import io.sipshield.emulator.fault.OversizedChain;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate a hostile server presents, made for one fault by the test PKI's builders
 * ({@link CertificateSpec}, EC P-256 so that hundreds are quick to make), issued under a CA the phone
 * trusts, so that the phone's limits, not an unknown issuer, decide.
 *
 * @param privateKey the leaf's key
 * @param chain      what the server sends, leaf first, without the trusted root
 */
record HostileCertificates(PrivateKey privateKey, List<X509Certificate> chain) {

    HostileCertificates {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
    }

    /** The plain server certificate (faults that are not about certificates). */
    static HostileCertificates of(IssuedCertificate server) {
        return new HostileCertificates(server.privateKey(), server.chainWithoutRoot());
    }

    /**
     * {@link OversizedChain}: {@code certificates - 1} intermediates, each issuing the next, under
     * {@code issuer}, then a leaf for {@code serverName}: {@code certificates} certificates sent.
     */
    static HostileCertificates oversizedChain(OversizedChain fault, IssuedCertificate issuer, String serverName) {
        IssuedCertificate parent = issuer;
        for (int i = 1; i < fault.certificates(); i++) {
            parent = CertificateSpec.intermediate("hostile intermediate " + i).keyAlgorithm(KeyAlgorithm.EC_P256)
                    .issuedBy(parent).build();
        }
        IssuedCertificate leaf = CertificateSpec.leaf(serverName).sanDns(serverName).serverAuth()
                .keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(parent).build();
        return new HostileCertificates(leaf.privateKey(), leaf.chainWithoutRoot());
    }

    /**
     * {@link ManySans}: a leaf with {@code count} DNS subjectAltNames, {@code san-1.invalid} ... and
     * {@code serverName} last, so a phone that reads them all would find its server.
     */
    static HostileCertificates manySans(ManySans fault, IssuedCertificate issuer, String serverName) {
        CertificateSpec spec = CertificateSpec.leaf(serverName).serverAuth().keyAlgorithm(KeyAlgorithm.EC_P256);
        for (int i = 1; i < fault.count(); i++) {
            spec.sanDns("san-" + i + ".invalid");
        }
        IssuedCertificate leaf = spec.sanDns(serverName).issuedBy(issuer).build();
        return new HostileCertificates(leaf.privateKey(), leaf.chainWithoutRoot());
    }
}

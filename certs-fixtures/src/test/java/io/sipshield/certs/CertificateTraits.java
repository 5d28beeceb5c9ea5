package io.sipshield.certs;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a verifier looks at in a certificate, read with the JDK's X509Certificate API, one named
 * trait each, so two fixtures can be compared trait by trait: a defect fixture must differ from
 * its reference in exactly the traits its defect names.
 */
final class CertificateTraits {

    private final Map<String, Object> traits = new LinkedHashMap<>();

    private CertificateTraits() {
    }

    static CertificateTraits of(IssuedCertificate issued, Instant now) throws CertificateParsingException {
        X509Certificate certificate = issued.certificate();
        List<X509Certificate> chain = issued.chain();
        X509Certificate issuer = chain.size() > 1 ? chain.get(1) : certificate;
        CertificateTraits t = new CertificateTraits();
        t.traits.put("subject", certificate.getSubjectX500Principal());
        t.traits.put("issuerName", certificate.getIssuerX500Principal());
        t.traits.put("issuerKey", issuer.getPublicKey());
        t.traits.put("chainLength", chain.size());
        t.traits.put("publicKey", certificate.getPublicKey());
        t.traits.put("signatureAlgorithm", certificate.getSigAlgName());
        t.traits.put("validity", validity(certificate, now));
        t.traits.put("basicConstraints", certificate.getBasicConstraints());
        t.traits.put("keyUsage", certificate.getKeyUsage() == null ? "absent" : Arrays.toString(certificate.getKeyUsage()));
        t.traits.put("extendedKeyUsage", String.valueOf(certificate.getExtendedKeyUsage()));
        t.traits.put("subjectAltNames", subjectAltNames(certificate));
        t.traits.put("criticalExtensions", new TreeSet<>(certificate.getCriticalExtensionOIDs()));
        t.traits.put("nonCriticalExtensions", new TreeSet<>(certificate.getNonCriticalExtensionOIDs()));
        t.traits.put("serialSign", certificate.getSerialNumber().signum());
        return t;
    }

    /** The names of the traits whose values differ. */
    Set<String> differencesFrom(CertificateTraits other) {
        return traits.keySet().stream()
                .filter(name -> !Objects.equals(traits.get(name), other.traits.get(name)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String validity(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return "valid";
        } catch (CertificateExpiredException e) {
            return "expired";
        } catch (CertificateNotYetValidException e) {
            return "not yet valid";
        }
    }

    static Set<String> subjectAltNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return Set.of();
        }
        return names.stream().map(entry -> entry.get(0) + ":" + entry.get(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}

package io.sipshield.certs.format;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** One certificate in human form: the fields a QA engineer checks when a phone refuses it. */
final class CertificateText {

    private static final Map<String, String> PURPOSES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.5", "ipsecEndSystem",
            "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning",
            "2.5.29.37.0", "anyExtendedKeyUsage");
    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final Set<String> SHOWN_EXTENSIONS = Set.of(Extension.subjectAlternativeName.getId(),
            Extension.extendedKeyUsage.getId(), Extension.basicConstraints.getId(), Extension.keyUsage.getId(),
            Extension.nameConstraints.getId(), Extension.cRLDistributionPoints.getId(),
            Extension.subjectKeyIdentifier.getId(), Extension.authorityKeyIdentifier.getId());

    private CertificateText() {
    }

    /** Label and value pairs, in display order. */
    static Map<String, String> fields(X509Certificate certificate, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("subject", certificate.getSubjectX500Principal().getName());
        fields.put("issuer", certificate.getIssuerX500Principal().getName()
                + (ChainOrder.selfSigned(certificate) ? "  (self-signed)" : ""));
        fields.put("serial", serial(certificate.getSerialNumber()));
        fields.put("valid", certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant()
                + "  (" + validity(certificate, now) + ")");
        fields.put("public key", PrivateKeys.describe(certificate.getPublicKey()));
        fields.put("signature", certificate.getSigAlgName());
        fields.put("subject alt names", critical(certificate, Extension.subjectAlternativeName, subjectAltNames(certificate)));
        fields.put("extended key usage", critical(certificate, Extension.extendedKeyUsage, extendedKeyUsage(certificate)));
        fields.put("basic constraints", critical(certificate, Extension.basicConstraints, basicConstraints(certificate)));
        fields.put("key usage", critical(certificate, Extension.keyUsage, keyUsage(certificate)));
        fields.put("name constraints", critical(certificate, Extension.nameConstraints, nameConstraints(certificate)));
        fields.put("CRL distribution points", critical(certificate, Extension.cRLDistributionPoints, crlDistributionPoints(certificate)));
        String others = otherExtensions(certificate);
        if (!others.isEmpty()) {
            fields.put("other extensions", others);
        }
        fields.put("SHA-256", fingerprint(certificate));
        return fields;
    }

    static String serial(BigInteger serial) {
        String hex = HexFormat.of().withUpperCase().formatHex(serial.abs().toByteArray()).replaceFirst("^(00)+(?=.)", "");
        return (serial.signum() < 0 ? "-0x" : "0x") + hex + " (" + serial + ")"
                + (serial.signum() < 0 ? "  NEGATIVE (RFC 5280 requires a positive serial)" : "");
    }

    private static String validity(X509Certificate certificate, Instant now) {
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return "NOT YET VALID";
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return "EXPIRED";
        }
        return "valid now";
    }

    private static String critical(X509Certificate certificate, ASN1ObjectIdentifier oid, String value) {
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        boolean isCritical = critical != null && critical.contains(oid.getId());
        return isCritical ? value + "  (critical)" : value;
    }

    private static String subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return "none";
            }
            return names.stream().map(CertificateText::altName).collect(Collectors.joining(", "));
        } catch (CertificateParsingException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String altName(List<?> entry) {
        int type = (Integer) entry.get(0);
        Object value = entry.get(1);
        String text = value instanceof String string ? string : "(" + type + ")";
        return switch (type) {
            case 1 -> "email:" + text;
            case 2 -> "DNS:" + text;
            case 4 -> "DirName:" + text;
            case 6 -> "URI:" + text;
            case 7 -> "IP:" + IpText.literal(text);
            case 8 -> "RID:" + text;
            default -> "othername:" + text;
        };
    }

    private static String extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            if (purposes == null) {
                return "none (any purpose)";
            }
            return purposes.stream().map(oid -> PURPOSES.getOrDefault(oid, oid)).collect(Collectors.joining(", "));
        } catch (CertificateParsingException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String basicConstraints(X509Certificate certificate) {
        if (certificate.getExtensionValue(Extension.basicConstraints.getId()) == null) {
            return "none";
        }
        int pathLength = certificate.getBasicConstraints();
        if (pathLength < 0) {
            return "CA:FALSE";
        }
        return pathLength == Integer.MAX_VALUE ? "CA:TRUE" : "CA:TRUE, pathlen:" + pathLength;
    }

    private static String keyUsage(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        if (bits == null) {
            return "none (any use)";
        }
        List<String> usages = new ArrayList<>();
        for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
            if (bits[i]) {
                usages.add(KEY_USAGES[i]);
            }
        }
        return usages.isEmpty() ? "(no bit set)" : String.join(", ", usages);
    }

    private static String nameConstraints(X509Certificate certificate) {
        byte[] raw = certificate.getExtensionValue(Extension.nameConstraints.getId());
        if (raw == null) {
            return "none";
        }
        try {
            NameConstraints constraints = NameConstraints.getInstance(JcaX509ExtensionUtils.parseExtensionValue(raw));
            List<String> parts = new ArrayList<>();
            if (constraints.getPermittedSubtrees() != null) {
                parts.add("permitted " + subtrees(constraints.getPermittedSubtrees()));
            }
            if (constraints.getExcludedSubtrees() != null) {
                parts.add("excluded " + subtrees(constraints.getExcludedSubtrees()));
            }
            return parts.isEmpty() ? "empty" : String.join("; ", parts);
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String subtrees(GeneralSubtree[] subtrees) {
        List<String> names = new ArrayList<>();
        for (GeneralSubtree subtree : subtrees) {
            names.add(generalName(subtree.getBase(), true));
        }
        return String.join(", ", names);
    }

    private static String crlDistributionPoints(X509Certificate certificate) {
        byte[] raw = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (raw == null) {
            return "none";
        }
        try {
            List<String> points = new ArrayList<>();
            CRLDistPoint distributionPoints = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(raw));
            for (DistributionPoint point : distributionPoints.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName generalName : GeneralNames.getInstance(name.getName()).getNames()) {
                        points.add(generalName(generalName, false));
                    }
                } else {
                    points.add("(relative name or CRL issuer only)");
                }
            }
            return String.join(", ", points);
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String generalName(GeneralName name, boolean subtree) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + asString(name);
            case GeneralName.uniformResourceIdentifier -> "URI:" + asString(name);
            case GeneralName.rfc822Name -> "email:" + asString(name);
            case GeneralName.directoryName -> "DirName:" + name.getName();
            case GeneralName.iPAddress -> "IP:" + IpText.fromBytes(DEROctetString.getInstance(name.getName()).getOctets(), subtree);
            default -> "GeneralName[" + name.getTagNo() + "]";
        };
    }

    private static String asString(GeneralName name) {
        return name.getName() instanceof ASN1String string ? string.getString() : String.valueOf(name.getName());
    }

    private static String otherExtensions(X509Certificate certificate) {
        List<String> others = new ArrayList<>();
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical != null) {
            critical.stream().filter(oid -> !SHOWN_EXTENSIONS.contains(oid)).sorted()
                    .forEach(oid -> others.add(oid + " (critical)"));
        }
        Set<String> nonCritical = certificate.getNonCriticalExtensionOIDs();
        if (nonCritical != null) {
            nonCritical.stream().filter(oid -> !SHOWN_EXTENSIONS.contains(oid)).sorted().forEach(others::add);
        }
        return String.join(", ", others);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}

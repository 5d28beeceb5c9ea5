package io.sipshield.emulator.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * PJSIP's server identity rule (pjsip/src/pjsip/sip_transport_tls.c, on connect): the host the
 * phone dialled is compared, case-insensitively and exactly, with each subjectAltName dNSName,
 * iPAddress (printed as {@code inet_ntop} prints it) and, for a {@code sip:}/{@code sips:} URI,
 * everything after the first colon (so {@code sip:pbx.sip.test;transport=tls} names
 * "pbx.sip.test;transport=tls"); when none matches, with the subject's first CN, even when
 * subjectAltNames exist. No wildcard matching, unless the wildcard variant is allowed (D-Series
 * 2_9_2+ {@code tls_allow_wildcard_certs}, as Asterisk's {@code allow_wildcard_certs}): then a
 * dNSName or CN starting {@code *.} stands for exactly one label of a host name.
 */
public final class IdentityRule {

    private final boolean allowWildcard;

    private IdentityRule(boolean allowWildcard) {
        this.allowWildcard = allowWildcard;
    }

    public static IdentityRule strict() {
        return new IdentityRule(false);
    }

    public static IdentityRule allowingWildcards() {
        return new IdentityRule(true);
    }

    public boolean allowsWildcards() {
        return allowWildcard;
    }

    /** Whether the certificate names {@code host} (a host name or an IP address, IPv6 with or without brackets). */
    public boolean matches(X509Certificate certificate, String host) {
        String wanted = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (GeneralName name : altNames(certificate)) {
            String text = nameText(name);
            if (text == null) {
                continue;
            }
            boolean dns = name.getTagNo() == GeneralName.dNSName;
            if (text.equalsIgnoreCase(wanted) || (dns && wildcardMatches(text, wanted))) {
                return true;
            }
        }
        String cn = commonName(certificate);
        return cn != null && (cn.equalsIgnoreCase(wanted) || wildcardMatches(cn, wanted));
    }

    /** The identities the rule compares, as PJSIP sees them, for messages ("DNS:pbx.sip.test", "CN=pbx"). */
    public List<String> presentedIdentities(X509Certificate certificate) {
        List<String> identities = new ArrayList<>();
        for (GeneralName name : altNames(certificate)) {
            String text = nameText(name);
            if (text != null) {
                String kind = switch (name.getTagNo()) {
                    case GeneralName.dNSName -> "DNS:";
                    case GeneralName.iPAddress -> "IP:";
                    default -> "URI host:";
                };
                identities.add(kind + text);
            }
        }
        String cn = commonName(certificate);
        if (cn != null) {
            identities.add("CN=" + cn);
        }
        return identities;
    }

    private boolean wildcardMatches(String pattern, String host) {
        if (!allowWildcard || !pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0 || isIpLiteral(host)) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equalsIgnoreCase(pattern.substring(1));
    }

    /** What PJSIP compares for a subjectAltName entry, or null for types it ignores. */
    private static String nameText(GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return ((ASN1String) name.getName()).getString();
            case GeneralName.iPAddress:
                return printAddress(ASN1OctetString.getInstance(name.getName()).getOctets());
            case GeneralName.uniformResourceIdentifier:
                String uri = ((ASN1String) name.getName()).getString();
                String lower = uri.toLowerCase(Locale.ROOT);
                return lower.startsWith("sip:") || lower.startsWith("sips:") ? uri.substring(uri.indexOf(':') + 1) : null;
            default:
                return null;
        }
    }

    private static List<GeneralName> altNames(X509Certificate certificate) {
        try {
            Extension extension = new JcaX509CertificateHolder(certificate).getExtension(Extension.subjectAlternativeName);
            return extension == null ? List.of() : List.of(GeneralNames.getInstance(extension.getParsedValue()).getNames());
        } catch (java.security.cert.CertificateEncodingException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The subject's first CN, as PJSIP takes it. */
    static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (cns.length == 0 || !(cns[0].getFirst().getValue() instanceof ASN1String value)) {
            return null;
        }
        return value.getString();
    }

    /** An address as glibc's {@code inet_ntop} prints it (IPv6 with the longest zero run as "::"). */
    static String printAddress(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        if (address.length != 16) {
            return null;
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestBase = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff))) {
                text.append(printAddress(java.util.Arrays.copyOfRange(address, 12, 16)));
                return text.toString();
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLength == 8) {
            text.append(':');
        }
        return text.toString();
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (host.contains(":") && host.matches("[0-9a-fA-F:.]+"));
    }

    @Override
    public String toString() {
        return allowWildcard ? "PJSIP identity rule, wildcards allowed" : "PJSIP identity rule";
    }
}

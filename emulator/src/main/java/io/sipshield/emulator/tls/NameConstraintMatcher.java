package io.sipshield.emulator.tls;

import java.math.BigInteger;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * OpenSSL's name constraint matching ({@code nc_match} and friends, crypto/x509/v3_ncons.c): a
 * name must match one permitted subtree of its type, when there are any, and no excluded one.
 * DNS names match on whole labels at the right; e-mail by host or {@code .domain}; URIs by the
 * host after {@code scheme://} (so {@code sip:host} cannot be checked); IP addresses by masked
 * bytes; directory names by their leading RDNs.
 */
final class NameConstraintMatcher {

    private NameConstraintMatcher() {
    }

    /** null when {@code name} satisfies {@code constraints}, else the OpenSSL error. */
    static VerifyError check(GeneralName name, NameConstraints constraints) {
        int type = name.getTagNo();
        int match = 0;
        GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
        if (permitted != null) {
            for (GeneralSubtree subtree : permitted) {
                if (subtree.getBase().getTagNo() != type) {
                    continue;
                }
                if (!minMaxValid(subtree)) {
                    return VerifyError.SUBTREE_MINMAX;
                }
                if (match == 2) {
                    continue;
                }
                match = 1;
                VerifyError result = matchSingle(name, subtree.getBase());
                if (result == null) {
                    match = 2;
                } else if (result != VerifyError.PERMITTED_VIOLATION) {
                    return result;
                }
            }
        }
        if (match == 1) {
            return VerifyError.PERMITTED_VIOLATION;
        }
        GeneralSubtree[] excluded = constraints.getExcludedSubtrees();
        if (excluded != null) {
            for (GeneralSubtree subtree : excluded) {
                if (subtree.getBase().getTagNo() != type) {
                    continue;
                }
                if (!minMaxValid(subtree)) {
                    return VerifyError.SUBTREE_MINMAX;
                }
                VerifyError result = matchSingle(name, subtree.getBase());
                if (result == null) {
                    return VerifyError.EXCLUDED_VIOLATION;
                }
                if (result != VerifyError.PERMITTED_VIOLATION) {
                    return result;
                }
            }
        }
        return null;
    }

    private static boolean minMaxValid(GeneralSubtree subtree) {
        return subtree.getMaximum() == null && BigInteger.ZERO.equals(subtree.getMinimum());
    }

    private static VerifyError matchSingle(GeneralName name, GeneralName base) {
        switch (name.getTagNo()) {
            case GeneralName.directoryName:
                return directoryName(X500Name.getInstance(name.getName()), X500Name.getInstance(base.getName()));
            case GeneralName.dNSName:
                return dns(text(name), text(base));
            case GeneralName.rfc822Name:
                return email(text(name), text(base));
            case GeneralName.uniformResourceIdentifier:
                return uri(text(name), text(base));
            case GeneralName.iPAddress:
                return ip(ASN1OctetString.getInstance(name.getName()).getOctets(),
                        ASN1OctetString.getInstance(base.getName()).getOctets());
            default:
                return VerifyError.UNSUPPORTED_CONSTRAINT_TYPE;
        }
    }

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    private static VerifyError directoryName(X500Name name, X500Name base) {
        RDN[] names = name.getRDNs();
        RDN[] bases = base.getRDNs();
        if (bases.length > names.length) {
            return VerifyError.PERMITTED_VIOLATION;
        }
        for (int i = 0; i < bases.length; i++) {
            if (!canonical(bases[i]).equals(canonical(names[i]))) {
                return VerifyError.PERMITTED_VIOLATION;
            }
        }
        return null;
    }

    private static String canonical(RDN rdn) {
        X500Principal single = CertificateFacts.principal(new X500Name(new RDN[] {rdn}));
        return single.getName(X500Principal.CANONICAL);
    }

    static VerifyError dns(String dns, String base) {
        if (base.isEmpty()) {
            return null;
        }
        if (dns.length() < base.length()) {
            return VerifyError.PERMITTED_VIOLATION;
        }
        int offset = dns.length() - base.length();
        if (offset > 0 && base.charAt(0) != '.' && dns.charAt(offset - 1) != '.') {
            return VerifyError.PERMITTED_VIOLATION;
        }
        return dns.substring(offset).equalsIgnoreCase(base) ? null : VerifyError.PERMITTED_VIOLATION;
    }

    private static VerifyError email(String email, String base) {
        int emailAt = email.lastIndexOf('@');
        int baseAt = base.lastIndexOf('@');
        if (emailAt < 0) {
            return VerifyError.UNSUPPORTED_NAME_SYNTAX;
        }
        if (baseAt < 0 && !base.isEmpty() && base.charAt(0) == '.') {
            if (email.length() > base.length()
                    && email.substring(email.length() - base.length()).equalsIgnoreCase(base)) {
                return null;
            }
            return VerifyError.PERMITTED_VIOLATION;
        }
        String baseHost = base;
        if (baseAt >= 0) {
            if (baseAt > 0) {
                if (baseAt != emailAt || !base.substring(0, baseAt).equals(email.substring(0, emailAt))) {
                    return VerifyError.PERMITTED_VIOLATION;
                }
            }
            baseHost = base.substring(baseAt + 1);
        }
        return email.substring(emailAt + 1).equalsIgnoreCase(baseHost) ? null : VerifyError.PERMITTED_VIOLATION;
    }

    private static VerifyError uri(String uri, String base) {
        int colon = uri.indexOf(':');
        if (colon < 0 || uri.length() - colon < 3 || uri.charAt(colon + 1) != '/' || uri.charAt(colon + 2) != '/') {
            return VerifyError.UNSUPPORTED_NAME_SYNTAX;
        }
        String rest = uri.substring(colon + 3);
        int end = rest.indexOf(':');
        if (end < 0) {
            end = rest.indexOf('/');
        }
        String host = end < 0 ? rest : rest.substring(0, end);
        if (host.isEmpty()) {
            return VerifyError.UNSUPPORTED_NAME_SYNTAX;
        }
        if (!base.isEmpty() && base.charAt(0) == '.') {
            if (host.length() > base.length()
                    && host.substring(host.length() - base.length()).equalsIgnoreCase(base)) {
                return null;
            }
            return VerifyError.PERMITTED_VIOLATION;
        }
        return host.equalsIgnoreCase(base) ? null : VerifyError.PERMITTED_VIOLATION;
    }

    private static VerifyError ip(byte[] address, byte[] base) {
        if (address.length != 4 && address.length != 16) {
            return VerifyError.UNSUPPORTED_NAME_SYNTAX;
        }
        if (base.length != 8 && base.length != 32) {
            return VerifyError.UNSUPPORTED_NAME_SYNTAX;
        }
        if (address.length * 2 != base.length) {
            return VerifyError.PERMITTED_VIOLATION;
        }
        for (int i = 0; i < address.length; i++) {
            int mask = base[address.length + i] & 0xff;
            if ((address[i] & 0xff & mask) != (base[i] & 0xff & mask)) {
                return VerifyError.PERMITTED_VIOLATION;
            }
        }
        return null;
    }

    /**
     * OpenSSL's {@code cn2dnsid}: the CN as a DNS name when it looks like a host name of two or
     * more labels (letters, digits, '_', inner '-' and single inner dots), else null.
     */
    static String commonNameAsDnsName(String cn) {
        String value = cn;
        while (!value.isEmpty() && value.charAt(value.length() - 1) == '\0') {
            value = value.substring(0, value.length() - 1);
        }
        boolean dnsName = false;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                continue;
            }
            if (i > 0 && i < length - 1) {
                if (c == '-') {
                    continue;
                }
                char next = value.charAt(i + 1);
                char previous = value.charAt(i - 1);
                if (c == '.' && next != '.' && previous != '-' && next != '-') {
                    dnsName = true;
                    continue;
                }
            }
            dnsName = false;
            break;
        }
        return dnsName ? value : null;
    }
}

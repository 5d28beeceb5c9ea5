package io.sipshield.emulator.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * PJSIP's server identity rule (pjsip/src/pjsip/sip_transport_tls.c, after connect): the host
 * the phone dialled is compared, case-insensitively and exactly, with every subjectAltName
 * dNSName, iPAddress and {@code sip:}/{@code sips:} URI host, and when none matches with the
 * subject CN, even when SANs exist. No wildcard matching, unless the wildcard variant is
 * allowed (D-Series 2_9_2+ {@code tls_allow_wildcard_certs}, as Asterisk's
 * {@code allow_wildcard_certs}): a leading {@code *.} matching exactly one label.
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

    public boolean matches(X509Certificate certificate, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        byte[] wantedIp = literalAddress(wanted);
        for (String name : presentedNames(certificate)) {
            if (nameMatches(name, wanted)) {
                return true;
            }
        }
        for (byte[] ip : presentedAddresses(certificate)) {
            if (wantedIp != null && java.util.Arrays.equals(ip, wantedIp)) {
                return true;
            }
        }
        String cn = commonName(certificate);
        return cn != null && nameMatches(cn.toLowerCase(Locale.ROOT), wanted);
    }

    private boolean nameMatches(String presented, String wanted) {
        if (presented.equals(wanted)) {
            return true;
        }
        if (allowWildcard && presented.startsWith("*.") && presented.indexOf('*', 1) < 0) {
            int dot = wanted.indexOf('.');
            return dot > 0 && wanted.substring(dot).equals(presented.substring(1));
        }
        return false;
    }

    private static List<String> presentedNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : subjectAltNames(certificate)) {
            int type = (Integer) entry.get(0);
            Object value = entry.get(1);
            if (type == 2 && value instanceof String dns) {
                names.add(dns.toLowerCase(Locale.ROOT));
            } else if (type == 6 && value instanceof String uri) {
                String host = sipUriHost(uri);
                if (host != null) {
                    names.add(host.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static List<byte[]> presentedAddresses(X509Certificate certificate) {
        List<byte[]> addresses = new ArrayList<>();
        for (List<?> entry : subjectAltNames(certificate)) {
            if ((Integer) entry.get(0) == 7 && entry.get(1) instanceof String ip) {
                byte[] bytes = literalAddress(ip);
                if (bytes != null) {
                    addresses.add(bytes);
                }
            }
        }
        return addresses;
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** The host of a {@code sip:} or {@code sips:} URI ({@code sip:pbx.sip.test;transport=tls} → pbx.sip.test). */
    static String sipUriHost(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("sip:")) {
            rest = uri.substring(4);
        } else if (lower.startsWith("sips:")) {
            rest = uri.substring(5);
        } else {
            return null;
        }
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close > 0 ? rest.substring(1, close) : null;
        }
        int end = rest.length();
        for (char stop : new char[] {':', ';', '?', '>'}) {
            int i = rest.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }

    static String commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** The address bytes when {@code text} is an IPv4 or IPv6 literal, else null (never a DNS lookup). */
    static byte[] literalAddress(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = bare.contains(":") && bare.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

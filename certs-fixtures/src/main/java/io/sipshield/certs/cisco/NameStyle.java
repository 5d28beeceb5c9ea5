package io.sipshield.certs.cisco;

import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * How a trust list writes a distinguished name (SIGNER_NAME, ISSUER_NAME, SUBJECT_NAME): every
 * attribute in the order the certificate encodes it (not RFC 4514's reversed order) as
 * {@code TYPE=value}, joined by a separator. Types are RFC 4514's short names (CN, L, ST, O, OU, C,
 * STREET, DC, UID) or the dotted OID; values are escaped as RFC 4514 §2.4 says.
 *
 * <p>Because tools differ in the separator, match certificates by serial or DER, never by this string.
 */
public enum NameStyle {
    /** {@code CN=SAST,O=SAST,OU=SAST}: what usecallmanager's tlvfile wrote into the public ITLFile.tlv. */
    TLVFILE(","),
    /** {@code CN=gigantic-6.cisco.com;OU=VTG;O=Alpha;L=SJ;ST=CA;C=US}: what CUCM writes. */
    CUCM(";");

    private static final Map<ASN1ObjectIdentifier, String> SHORT_NAMES = Map.of(
            BCStyle.CN, "CN", BCStyle.L, "L", BCStyle.ST, "ST", BCStyle.O, "O", BCStyle.OU, "OU",
            BCStyle.C, "C", BCStyle.STREET, "STREET", BCStyle.DC, "DC", BCStyle.UID, "UID");

    private final String separator;

    NameStyle(String separator) {
        this.separator = separator;
    }

    public String separator() {
        return separator;
    }

    /** The name as this style writes it, e.g. {@code C=US,O=Internet Security Research Group,CN=ISRG Root X1}. */
    public String format(X500Principal principal) {
        X500Name name = X500Name.getInstance(principal.getEncoded());
        StringBuilder text = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (!text.isEmpty()) {
                    text.append(separator);
                }
                text.append(SHORT_NAMES.getOrDefault(attribute.getType(), attribute.getType().getId()))
                        .append('=')
                        .append(value(attribute.getValue()));
            }
        }
        return text.toString();
    }

    private static String value(ASN1Encodable value) {
        if (value instanceof ASN1String string) {
            return escape(string.getString());
        }
        try {
            return "#" + HexFormat.of().formatHex(value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-encode a name attribute value", e);
        }
    }

    /** RFC 4514 §2.4: backslash before special characters, a leading '#' or space and a trailing space; NUL as \00. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\', '"', '+', ',', ';', '<', '>' -> out.append('\\').append(c);
                case '\0' -> out.append("\\00");
                default -> {
                    boolean leading = i == 0 && (c == '#' || c == ' ');
                    boolean trailing = i == value.length() - 1 && c == ' ';
                    if (leading || trailing) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}

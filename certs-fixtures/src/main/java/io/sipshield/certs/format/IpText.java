package io.sipshield.certs.format;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/** IP addresses as people write them: 127.0.0.1, ::1, and in name constraints 127.0.0.0/8. */
final class IpText {

    private IpText() {
    }

    /** The JDK writes IPv6 SANs in full (0:0:0:0:0:0:0:1); shown compressed (::1). */
    static String literal(String text) {
        if (!text.contains(":")) {
            return text;
        }
        try {
            return text(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return text;
        }
    }

    /** IPv4 dotted, IPv6 in RFC 5952 form (the longest run of two or more zero groups becomes ::). */
    private static String text(byte[] address) throws UnknownHostException {
        if (address.length != 16) {
            return InetAddress.getByAddress(address).getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** An address, or in a name constraint an address and mask: 127.0.0.0/8, ::1/128. */
    static String fromBytes(byte[] bytes, boolean withMask) {
        int addressLength = withMask ? bytes.length / 2 : bytes.length;
        try {
            String address = text(Arrays.copyOf(bytes, addressLength));
            if (!withMask) {
                return address;
            }
            int prefix = 0;
            for (int i = addressLength; i < bytes.length; i++) {
                prefix += Integer.bitCount(bytes[i] & 0xFF);
            }
            return address + "/" + prefix;
        } catch (UnknownHostException e) {
            return "(" + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes) + ")";
        }
    }
}

package io.sipshield.emulator.sip;

import gov.nist.javax.sip.header.SIPHeader;
import javax.sip.header.Header;

/** Reads the text of a JAIN-SIP header. */
final class Headers {

    private Headers() {
    }

    /** The header's value without its name, as JAIN-SIP encodes it. */
    static String value(Header header) {
        if (header instanceof SIPHeader sip) {
            return sip.getHeaderValue().strip();
        }
        String line = header.toString().strip();
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(colon + 1).strip();
    }
}

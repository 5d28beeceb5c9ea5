package io.sipshield.certs.cisco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class NameStyleTest {

    @Test
    void attributesAreWrittenInEncodedOrderNotRfc4514Order() {
        // RFC 2253 text lists the last RDN first: C=US is encoded first.
        X500Principal name = new X500Principal("CN=ISRG Root X1, O=Internet Security Research Group, C=US");

        assertEquals("C=US,O=Internet Security Research Group,CN=ISRG Root X1", NameStyle.TLVFILE.format(name));
        assertEquals("C=US;O=Internet Security Research Group;CN=ISRG Root X1", NameStyle.CUCM.format(name));
    }

    @Test
    void specialCharactersAreEscapedAsRfc4514Says() {
        X500Principal name = new X500Principal("CN=a\\,b\\+c\\ , OU=\\#hash, O=x\\;y\\<z\\>\\\"q\\\"");

        assertEquals("O=x\\;y\\<z\\>\\\"q\\\",OU=\\#hash,CN=a\\,b\\+c\\ ", NameStyle.TLVFILE.format(name));
    }

    @Test
    void allRfc4514ShortNamesAreUsedAndOtherTypesAreDottedOids() {
        X500Principal name = new X500Principal("UID=u, DC=test, STREET=1 Main St, L=Wellington, ST=WGN, C=NZ, "
                + "1.2.840.113549.1.9.1=#16086140622e74657374");

        assertEquals("1.2.840.113549.1.9.1=a@b.test,C=NZ,ST=WGN,L=Wellington,STREET=1 Main St,DC=test,UID=u",
                NameStyle.TLVFILE.format(name));
    }

    @Test
    void aMultiValuedRdnIsFlattenedInItsEncodedOrder() {
        X500Principal name = new X500Principal("CN=x+OU=y, O=z");

        String formatted = NameStyle.TLVFILE.format(name);

        assertEquals("O=z,", formatted.substring(0, 4));
        assertEquals(java.util.Set.of("CN=x", "OU=y"), java.util.Set.of(formatted.substring(4).split(",")));
    }
}

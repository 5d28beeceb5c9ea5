package io.sipshield.emulator.tls;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The D-Series TLS error bitmask, bit for bit PJSIP's {@code pj_ssl_cert_verify_flag_t}
 * (pjlib/include/pj/ssl_sock.h). See {@code shared/design/VALIDATION.md} for which OpenSSL
 * verification errors set which flag.
 */
public enum VerifyFlag {
    EISSUER_NOT_FOUND(0x00000001L, "the issuer certificate cannot be found"),
    EUNTRUSTED(0x00000002L, "the certificate is untrusted"),
    EVALIDITY_PERIOD(0x00000004L, "the certificate has expired or is not yet valid"),
    EINVALID_FORMAT(0x00000008L, "a certificate field has an invalid format"),
    EINVALID_PURPOSE(0x00000010L, "the certificate or an issuer is not meant for this purpose"),
    EISSUER_MISMATCH(0x00000020L, "the issuer does not match or its signature fails"),
    ECRL_FAILURE(0x00000040L, "the CRL could not be used"),
    EREVOKED(0x00000080L, "the certificate has been revoked"),
    ECHAIN_TOO_LONG(0x00000100L, "the chain is too long"),
    EIDENTITY_NOT_MATCH(0x40000000L, "the server identity does not match the host dialled"),
    EUNKNOWN(0x80000000L, "another verification error");

    private final long bit;
    private final String meaning;

    VerifyFlag(long bit, String meaning) {
        this.bit = bit;
        this.meaning = meaning;
    }

    public long bit() {
        return bit;
    }

    public String meaning() {
        return meaning;
    }

    /** Every bit PJSIP defines, ORed. */
    public static long definedBits() {
        long all = 0;
        for (VerifyFlag flag : values()) {
            all |= flag.bit;
        }
        return all;
    }

    /** The flags set in {@code mask}; bits PJSIP does not define are ignored (see {@link #definedBits()}). */
    public static Set<VerifyFlag> decode(long mask) {
        EnumSet<VerifyFlag> flags = EnumSet.noneOf(VerifyFlag.class);
        for (VerifyFlag flag : values()) {
            if ((mask & flag.bit) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }

    public static long mask(Collection<VerifyFlag> flags) {
        long mask = 0;
        for (VerifyFlag flag : flags) {
            mask |= flag.bit;
        }
        return mask;
    }

    /** The mask as D-Series phones print it: {@code 0x} and eight hex digits. */
    public static String format(long mask) {
        return String.format("0x%08x", mask);
    }
}

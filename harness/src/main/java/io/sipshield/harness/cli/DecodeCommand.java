package io.sipshield.harness.cli;

import io.sipshield.emulator.tls.VerifyError;
import io.sipshield.emulator.tls.VerifyFlag;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield decode 0x40000022}: explains a D-Series TLS error bitmask flag by flag, with
 * the OpenSSL verification errors that set each flag (PJSIP's mapping, VALIDATION.md).
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Explain a D-Series TLS error bitmask (PJSIP's pj_ssl_cert_verify_flag_t), flag by flag.")
public final class DecodeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BITMASK", description = "the mask as the phone shows it, e.g. 0x40000022 (decimal also accepted)")
    private String bitmask;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text = bitmask.trim();
        Long mask = parse(text);
        if (mask == null) {
            err.println("sipshield decode: '" + bitmask + "' is not a bitmask; expected hex like 0x40000022 or a decimal number");
            return ExitCodes.INVALID_INPUT;
        }
        if (mask > 0xFFFFFFFFL) {
            Optional<Long> meant = oneZeroTooMany(text);
            if (meant.isEmpty()) {
                err.println("sipshield decode: " + text + " does not fit in 32 bits; the bitmask is 8 hex digits at most");
                return ExitCodes.INVALID_INPUT;
            }
            out.println("note: " + text + " has one hex digit too many for a 32-bit mask (the Digium page prints its "
                    + "0x40000022 example this way); decoding " + VerifyFlag.format(meant.get()));
            mask = meant.get();
        }
        long unknown = mask & ~VerifyFlag.definedBits();
        if (unknown != 0) {
            err.println("sipshield decode: bits " + VerifyFlag.format(unknown)
                    + " are not defined by PJSIP's pj_ssl_cert_verify_flag_t; the defined bits are "
                    + VerifyFlag.format(VerifyFlag.definedBits()));
            return ExitCodes.INVALID_INPUT;
        }
        print(out, mask);
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, long mask) {
        out.println(VerifyFlag.format(mask) + (mask == 0 ? "  no error: the server certificate was accepted" : ""));
        for (VerifyFlag flag : VerifyFlag.decode(mask)) {
            out.printf("  %-20s %s  %s%n", flag.name(), VerifyFlag.format(flag.bit()), flag.meaning());
            java.util.List<String> causes = Arrays.stream(VerifyError.values()).filter(e -> e.flag() == flag)
                    .map(e -> e.code() < 0 ? "PJSIP's host check" : e.codeName() + " (" + e.code() + ")")
                    .toList();
            if (flag == VerifyFlag.EUNKNOWN) {
                out.println("  " + " ".repeat(20) + "   set by: any OpenSSL verification error not listed under another flag ("
                        + causes.size() + " codes, e.g. " + String.join(", ", causes.subList(0, Math.min(3, causes.size())))
                        + ")");
            } else if (!causes.isEmpty()) {
                out.println("  " + " ".repeat(20) + "   set by: " + String.join(", ", causes));
            }
        }
    }

    private static Long parse(String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                String digits = text.substring(2);
                return digits.isEmpty() || digits.length() > 15 ? null : Long.parseUnsignedLong(digits, 16);
            }
            return text.length() > 15 ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A 9-digit hex mask whose run of zeros has one zero too many, as on the Digium page: the 8-digit mask meant. */
    private static Optional<Long> oneZeroTooMany(String text) {
        if (!(text.startsWith("0x") || text.startsWith("0X")) || text.length() != 11) {
            return Optional.empty();
        }
        String digits = text.substring(2);
        int zeros = digits.indexOf("00");
        if (zeros < 0) {
            return Optional.empty();
        }
        long meant = Long.parseUnsignedLong(digits.substring(0, zeros) + digits.substring(zeros + 1), 16);
        return (meant & ~VerifyFlag.definedBits()) == 0 ? Optional.of(meant) : Optional.empty();
    }
}

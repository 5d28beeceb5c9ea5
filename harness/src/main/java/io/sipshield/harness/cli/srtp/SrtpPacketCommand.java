package io.sipshield.harness.cli.srtp;

import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpKeyExpiredException;
import io.sipshield.emulator.srtp.SrtpResult;
import io.sipshield.emulator.srtp.SrtpStatus;
import io.sipshield.harness.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code srtp protect} and {@code srtp unprotect} share: the options, reading packets (hex
 * arguments or one binary file), one context for all of them, one output line per packet:
 * {@code STATUS [HEX]}. Key material comes only from {@code --crypto}, read as SDES keying by
 * {@link CryptoAttribute#parseKeying} (lifetimes and MKIs included), and is never printed.
 */
abstract class SrtpPacketCommand implements Callable<Integer> {

    /** The option that carries the SDES key. */
    static final String CRYPTO_OPTION = "--crypto";

    private static final HexFormat HEX = HexFormat.of();

    private final boolean protect;

    @Spec
    private CommandSpec spec;

    @Option(names = CRYPTO_OPTION, required = true, paramLabel = "A=CRYPTO",
            description = "The SDES key: 'SUITE inline:KEY||SALT[|LIFETIME][|MKI:LENGTH]', with or without a tag "
                    + "and 'a=crypto:', e.g. 'AES_CM_128_HMAC_SHA1_80 inline:<base64>'.")
    private String crypto;

    @Option(names = "--srtcp", description = "The packets are RTCP / SRTCP (default: RTP / SRTP).")
    private boolean srtcp;

    @Option(names = "--roc", paramLabel = "N", description = "Rollover counter of each SSRC's first packet (SRTP; default 0).")
    private Long roc;

    @Option(names = "--index", paramLabel = "N",
            description = "SRTCP index of each SSRC's first protected packet (protect --srtcp; default 0).")
    private Integer index;

    @Option(names = "--in", paramLabel = "FILE", description = "Read one binary packet from FILE instead of HEX arguments.")
    private Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the result of the (single) packet to FILE, binary.")
    private Path out;

    @Parameters(paramLabel = "HEX", arity = "0..*", description = "Packets in hex (spaces and colons inside are ignored).")
    private List<String> packets = List.of();

    SrtpPacketCommand(boolean protect) {
        this.protect = protect;
    }

    private String name() {
        return "sipshield srtp " + (protect ? "protect" : "unprotect");
    }

    private int unusable(String message) {
        spec.commandLine().getErr().println(name() + ": " + message);
        return ExitCodes.INVALID_INPUT;
    }

    @Override
    public Integer call() {
        CryptoAttribute keying;
        try {
            keying = CryptoAttribute.parseKeying(crypto);
        } catch (SdpParseException | IllegalArgumentException e) {
            return unusable(CRYPTO_OPTION + ": " + e.getMessage());
        }
        if (srtcp && roc != null) {
            return unusable("--roc applies to SRTP; SRTCP packets carry their index (use --index to choose it when protecting)");
        }
        if ((!srtcp || !protect) && index != null) {
            return unusable("--index applies to protect --srtcp only");
        }
        if (roc != null && (roc < 0 || roc > 0xFFFFFFFFL)) {
            return unusable("--roc: expected 0 to 4294967295, got " + roc);
        }
        if (index != null && index < 0) {
            return unusable("--index: expected 0 to 2147483647, got " + index);
        }
        List<byte[]> inputs = new ArrayList<>();
        if (in != null) {
            if (!packets.isEmpty()) {
                return unusable("give packets as HEX arguments or --in FILE, not both");
            }
            try {
                inputs.add(Files.readAllBytes(in));
            } catch (NoSuchFileException e) {
                return unusable("--in: " + in + " does not exist");
            } catch (IOException e) {
                return unusable("--in: cannot read " + in + ": " + e.getMessage());
            }
        } else {
            for (int i = 0; i < packets.size(); i++) {
                String digits = packets.get(i).replaceAll("[\\s:]", "");
                try {
                    inputs.add(HEX.parseHex(digits.startsWith("0x") ? digits.substring(2) : digits));
                } catch (IllegalArgumentException e) {
                    return unusable("packet " + (i + 1) + ": not hex (" + e.getMessage() + ")");
                }
            }
        }
        if (inputs.isEmpty()) {
            return unusable("no packet: give HEX arguments or --in FILE");
        }
        if (out != null && inputs.size() != 1) {
            return unusable("--out takes the result of exactly one packet, got " + inputs.size());
        }
        SrtpContext rtp = null;
        SrtcpContext rtcp = null;
        try {
            if (srtcp) {
                rtcp = keying.srtcpContext().initialIndex(index == null ? 0 : index).build();
            } else {
                rtp = keying.srtpContext().initialRolloverCounter(roc == null ? 0 : roc).build();
            }
        } catch (IllegalArgumentException e) {
            return unusable(CRYPTO_OPTION + ": " + e.getMessage());
        }
        return run(rtp, rtcp, inputs);
    }

    private int run(SrtpContext rtp, SrtcpContext rtcp, List<byte[]> inputs) {
        PrintWriter stdout = spec.commandLine().getOut();
        boolean allOk = true;
        byte[] last = null;
        for (int i = 0; i < inputs.size(); i++) {
            byte[] packet = inputs.get(i);
            if (protect) {
                try {
                    last = srtcp ? rtcp.protect(packet) : rtp.protect(packet);
                    stdout.println(SrtpStatus.OK + " " + HEX.formatHex(last));
                } catch (SrtpKeyExpiredException e) {
                    stdout.println(SrtpStatus.KEY_EXPIRED + "  (" + e.getMessage() + ")");
                    allOk = false;
                    last = null;
                } catch (IllegalArgumentException e) {
                    stdout.flush();
                    return unusable("packet " + (i + 1) + ": " + e.getMessage());
                }
            } else {
                SrtpResult result = srtcp ? rtcp.unprotect(packet) : rtp.unprotect(packet);
                last = result.rtpPacket();
                stdout.println(result.isOk() ? SrtpStatus.OK + " " + HEX.formatHex(last) : result.status().name());
                allOk &= result.isOk();
            }
        }
        stdout.flush();
        if (out != null && last != null) {
            try {
                Files.write(out, last);
            } catch (IOException e) {
                return unusable("--out: cannot write " + out + ": " + e.getMessage());
            }
        }
        return allOk ? ExitCodes.OK : ExitCodes.FAILED;
    }
}

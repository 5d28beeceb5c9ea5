package io.sipshield.harness.cli.srtp;

import picocli.CommandLine.Command;

/** {@code sipshield srtp unprotect}: SRTP (SRTCP with {@code --srtcp}) in, RTP (RTCP) out, with the status. */
@Command(name = "unprotect",
        mixinStandardHelpOptions = true,
        description = {
            "Unprotect SRTP packets (SRTCP with --srtcp) with the key of an SDES a=crypto line; print each status",
            "(OK, AUTH_FAIL, REPLAY, TOO_OLD, MALFORMED, KEY_EXPIRED) and, when OK, the plain packet in hex.",
            "Packets go through one context in the order given: a packet given twice is a REPLAY."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every packet was unprotected",
            "1:a packet was refused (its status says why)",
            "2:unusable input: a bad --crypto line, hex that is not a packet, a missing file, a bad option"})
public final class SrtpUnprotectCommand extends SrtpPacketCommand {

    public SrtpUnprotectCommand() {
        super(false);
    }
}

package io.sipshield.harness.cli.srtp;

import picocli.CommandLine.Command;

/** {@code sipshield srtp protect}: RTP (or RTCP with {@code --srtcp}) in, SRTP (SRTCP) out. */
@Command(name = "protect",
        mixinStandardHelpOptions = true,
        description = {
            "Protect RTP packets (RTCP with --srtcp) with the key of an SDES a=crypto line; print each result in hex.",
            "Packets go through one context in the order given, so sequence numbers past a wrap raise the ROC."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every packet was protected",
            "1:the key's lifetime ran out before the last packet (KEY_EXPIRED)",
            "2:unusable input: a bad --crypto line, hex that is not a packet, a missing file, a bad option"})
public final class SrtpProtectCommand extends SrtpPacketCommand {

    public SrtpProtectCommand() {
        super(true);
    }
}

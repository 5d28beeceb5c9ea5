package io.sipshield.harness.capture;

import java.nio.file.Path;
import java.util.List;

/**
 * The files one scenario's capture was written to.
 *
 * @param pcapng        the packets, with the TLS secrets in a Decryption Secrets Block
 * @param keys          the NSS key log
 * @param srtpKeys      the SDES keys, one a=crypto value per SRTP sender
 * @param decodeAs      Wireshark decode_as_entries for the server ports, or null when every one is 5061
 * @param packets       how many packets the pcapng holds
 * @param decodeAsPorts server ports Wireshark must be told are TLS (all but 5061)
 * @param notes         what could not be captured
 */
public record WrittenCapture(Path pcapng, Path keys, Path srtpKeys, Path decodeAs, int packets, List<Integer> decodeAsPorts,
                             List<String> notes) {

    public WrittenCapture {
        decodeAsPorts = List.copyOf(decodeAsPorts);
        notes = List.copyOf(notes);
    }

    /** One line for the console: the files, and the Decode As the ports need. */
    public String describe() {
        String text = "capture: " + pcapng + " (" + packets + " packets), " + keys + ", " + srtpKeys;
        if (decodeAs != null) {
            text += ", " + decodeAs + "; SIP is on TLS port " + decodeAsPorts.get(0) + ": tshark "
                    + CaptureDirectory.decodeAs(decodeAsPorts) + " -r " + pcapng;
        }
        for (String note : notes) {
            text += "; " + note;
        }
        return text;
    }
}

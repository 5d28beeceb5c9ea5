package io.sipshield.emulator.tls;

/**
 * One verification error, where it was found.
 *
 * @param depth   position in the chain, 0 for the server's own certificate (-1 for the identity check)
 * @param subject the subject of the certificate at that depth
 * @param error   what is wrong
 * @param detail  a sentence a person understands
 */
public record VerifyFinding(int depth, String subject, VerifyError error, String detail) {

    @Override
    public String toString() {
        String where = depth >= 0 ? "depth " + depth + " (" + subject + ")" : "identity";
        return where + ": " + error.text() + " [" + error.name() + " → " + error.flag().name() + "]"
                + (detail == null ? "" : ": " + detail);
    }
}

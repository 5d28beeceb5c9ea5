package io.sipshield.emulator.cisco;

import io.sipshield.certs.cisco.Octets;
import io.sipshield.certs.cisco.SignatureVerification;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFormatException;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.tls.TrustListEntry;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * How a phone with a TFTP role in its trust list judges a downloaded {@code .sgn} file
 * (device-security.html, DEVICES.md §A.2 and §A.3): a well-formed signed file, its header's
 * FILENAME equal to the name asked for ([GUESS], the docs take care to set it), signed by a TFTP or
 * CCM+TFTP certificate of the trust store whose serial number the header names. Anything else,
 * an unsigned file included, is rejected ([GUESS]: the docs do not say what the phone does, only
 * that signing is needed).
 */
final class SignedFileCheck {

    /**
     * What the check found.
     *
     * @param accepted whether the phone takes the file
     * @param payload  the original file (signed header removed) when accepted
     * @param reason   why, for a person
     */
    record Outcome(boolean accepted, byte[] payload, String reason) {
    }

    private SignedFileCheck() {
    }

    static Outcome check(String requestedName, byte[] bytes, List<TrustListEntry> trustStore) {
        if (!looksSigned(bytes)) {
            return new Outcome(false, new byte[0], "unsigned content, but the phone's trust list has a TFTP role, so"
                    + " it accepts only files signed by it (device-security.html)");
        }
        SignedFile file;
        try {
            file = SignedFile.parse(requestedName, bytes);
        } catch (TrustListFormatException e) {
            return new Outcome(false, new byte[0], "not a well-formed signed file: " + e.getMessage());
        }
        Optional<String> embedded = file.filename();
        if (embedded.isEmpty() || !embedded.get().equals(requestedName)) {
            return new Outcome(false, new byte[0], "the signed header's FILENAME is '" + embedded.orElse("(none)")
                    + "' but the phone asked for '" + requestedName + "'");
        }
        List<X509Certificate> signers = trustStore.stream().filter(entry -> entry.role().signsProvisioningFiles())
                .map(TrustListEntry::certificate).toList();
        Optional<Octets> serial = file.header().serialNumber();
        List<X509Certificate> candidates = signers.stream()
                .filter(certificate -> serial.isPresent()
                        && new BigInteger(1, serial.get().bytes()).equals(certificate.getSerialNumber()))
                .toList();
        if (candidates.isEmpty()) {
            return new Outcome(false, new byte[0], "signed by " + file.header().signerName().orElse("(unnamed)")
                    + " (serial " + serial.map(Octets::hex).orElse("none") + "), which is none of the trust store's "
                    + signers.size() + " " + TrustListRole.TFTP + "/" + TrustListRole.CCM_TFTP + " certificate(s)");
        }
        SignatureVerification last = null;
        for (X509Certificate candidate : candidates) {
            last = file.verify(candidate);
            if (last.isValid()) {
                return new Outcome(true, file.strip(), "signature verified: " + last.detail());
            }
        }
        return new Outcome(false, new byte[0], "the signature does not verify (tampered, or signed by another key): " + last);
    }

    /** A signed header starts with VERSION (tag 0x01, length 2); an XML file with '<' or a BOM. */
    static boolean looksSigned(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == 0x01 && bytes[1] == 0x00 && bytes[2] == 0x02;
    }
}

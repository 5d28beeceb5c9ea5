package io.sipshield.certs.cisco;

import java.math.BigInteger;
import java.security.cert.X509Certificate;

/** Serial numbers as the format stores them: the minimal big-endian bytes of a non-negative number, no sign byte; 0 is empty. */
final class SerialNumbers {

    private SerialNumbers() {
    }

    static Octets encode(X509Certificate certificate) {
        BigInteger serial = certificate.getSerialNumber();
        if (serial.signum() < 0) {
            throw new IllegalArgumentException("the certificate " + certificate.getSubjectX500Principal().getName()
                    + " has a negative serial number (" + serial + "); the format stores serials as unsigned bytes"
                    + " and usecallmanager's tools cannot encode it either");
        }
        byte[] bytes = serial.toByteArray();
        int skip = 0;
        while (skip < bytes.length && bytes[skip] == 0) {
            skip++;
        }
        return new Octets(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    /** Whether the stored bytes name this certificate's serial (as unsigned numbers). */
    static boolean matches(Octets stored, X509Certificate certificate) {
        return new BigInteger(1, stored.bytes()).equals(certificate.getSerialNumber());
    }
}

package io.sipshield.emulator.tls;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CertificateFacts} of certificates a validator has already read, by their DER bytes:
 * a storm of phones sharing one validator ({@link TlsContextPool}) sees the same server chain
 * thousands of times, and re-parsing it with BouncyCastle on every handshake was a visible part of
 * a registration's CPU (docs/benchmarks.md). Only the parse is shared: facts are immutable values
 * of the bytes (OpenSSL's {@code X509_cmp} equality), and every check of the chain (building,
 * purpose, signatures, validity against the phone's clock, identity) still runs per handshake.
 *
 * <p>Bounded: once {@code capacity} distinct certificates are held, further ones are parsed each
 * time and not kept (a hostile server sending a fresh certificate per connection cannot grow it).
 * Thread-safe; owned by one validator, no static state.
 */
final class CertificateFactsCache {

    /** Distinct certificates kept per validator by default: many more than any one test PKI has. */
    static final int DEFAULT_CAPACITY = 256;

    private final int capacity;
    private final Map<Der, CertificateFacts> byDer = new ConcurrentHashMap<>();

    CertificateFactsCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the capacity must be 0 or more, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The facts of {@code certificate}: the kept ones for the same DER bytes, else freshly read. */
    CertificateFacts facts(X509Certificate certificate) {
        Der key;
        try {
            key = new Der(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return CertificateFacts.of(certificate); // names the certificate in its error
        }
        CertificateFacts known = byDer.get(key);
        if (known != null) {
            return known;
        }
        CertificateFacts fresh = CertificateFacts.of(certificate);
        if (byDer.size() < capacity) {
            byDer.putIfAbsent(key, fresh);
        }
        return fresh;
    }

    /** How many distinct certificates are kept. */
    int size() {
        return byDer.size();
    }

    /** DER bytes compared by content. */
    private record Der(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Der der && Arrays.equals(bytes, der.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Der[" + bytes.length + " bytes]";
        }
    }
}

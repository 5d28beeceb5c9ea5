package io.sipshield.certs.format;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A private key read from a file, with the encoding it was stored in.
 *
 * @param key      the key (test keys only; {@link #toString()} never shows key material)
 * @param encoding how the file stored it
 */
public record DecodedPrivateKey(PrivateKey key, PrivateKeyEncoding encoding) {

    public DecodedPrivateKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    public String toString() {
        return "DecodedPrivateKey[" + PrivateKeys.describe(key) + ", " + encoding.description() + "]";
    }
}

package io.sipshield.emulator.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An SRTP master key and master salt (RFC 3711 §3.2.1). The arrays are copied in and out, compared
 * by content, and never shown by {@link #toString()}.
 *
 * @param key  the master key (16 bytes for the AES-128 suites)
 * @param salt the master salt (14 bytes for the AES-CM suites)
 */
public record SrtpMasterKey(byte[] key, byte[] salt) {

    public SrtpMasterKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(salt, "salt");
        if (key.length == 0) {
            throw new IllegalArgumentException("key: must not be empty");
        }
        key = key.clone();
        salt = salt.clone();
    }

    /**
     * Splits {@code key||salt}, as carried in an SDES {@code inline:} parameter, for a suite.
     *
     * @throws IllegalArgumentException if the length is not the suite's key plus salt length
     */
    public static SrtpMasterKey of(SrtpCryptoSuite suite, byte[] keyAndSalt) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(keyAndSalt, "keyAndSalt");
        if (keyAndSalt.length != suite.keyAndSaltLength()) {
            throw new IllegalArgumentException("key||salt: " + suite.sdpName() + " needs "
                    + suite.keyAndSaltLength() + " bytes (" + suite.masterKeyLength() + "-byte key + "
                    + suite.masterSaltLength() + "-byte salt), got " + keyAndSalt.length);
        }
        return new SrtpMasterKey(Arrays.copyOfRange(keyAndSalt, 0, suite.masterKeyLength()),
                Arrays.copyOfRange(keyAndSalt, suite.masterKeyLength(), keyAndSalt.length));
    }

    /** A fresh random key and salt of the suite's lengths. */
    public static SrtpMasterKey random(SrtpCryptoSuite suite, SecureRandom random) {
        byte[] keyAndSalt = new byte[suite.keyAndSaltLength()];
        random.nextBytes(keyAndSalt);
        return of(suite, keyAndSalt);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** {@code key||salt}, the form SDES carries base64-encoded. */
    public byte[] keyAndSalt() {
        byte[] both = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, both, key.length, salt.length);
        return both;
    }

    /** Whether the key and salt lengths are the ones the suite needs. */
    public boolean fits(SrtpCryptoSuite suite) {
        return key.length == suite.masterKeyLength() && salt.length == suite.masterSaltLength();
    }

    int keyLength() {
        return key.length;
    }

    int saltLength() {
        return salt.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpMasterKey that
                && Arrays.equals(key, that.key) && Arrays.equals(salt, that.salt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(salt);
    }

    /** Lengths only: key material never reaches a log. */
    @Override
    public String toString() {
        return "SrtpMasterKey[key=<" + key.length + " bytes>, salt=<" + salt.length + " bytes>]";
    }
}

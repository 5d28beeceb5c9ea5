package io.sipshield.emulator.srtp;

import java.util.Objects;

/**
 * The SRTP key derivation function (RFC 3711 §4.3.1 and §4.3.3): the AES-CM PRF keyed with the
 * master key (AES-128, AES-192 or AES-256 by its length, RFC 6188 §3), with a key_derivation_rate
 * of 0, so every session key is derived once.
 *
 * <p>{@code x = key_id XOR master_salt} with {@code key_id = label || r} (r = 0), and the session
 * key is the AES-CM keystream under IV {@code x * 2^16}. A 96-bit AES-GCM master salt (RFC 7714
 * §11) takes the first 12 of the PRF's 14 salt bytes, the last two being zero, as libsrtp does.
 */
public final class SrtpKdf {

    private static final int PRF_SALT = 14;

    private final AesCounterMode prf;
    private final byte[] masterSalt = new byte[PRF_SALT];

    private SrtpKdf(SrtpMasterKey masterKey) {
        byte[] salt = masterKey.salt();
        if (salt.length != 14 && salt.length != 12) {
            throw new IllegalArgumentException("salt: the AES-CM PRF needs a 14-byte (AES-CM) or 12-byte (AES-GCM) "
                    + "master salt, got " + salt.length);
        }
        this.prf = new AesCounterMode(masterKey.key());
        System.arraycopy(salt, 0, masterSalt, 0, salt.length);
    }

    public static SrtpKdf create(SrtpMasterKey masterKey) {
        return new SrtpKdf(Objects.requireNonNull(masterKey, "masterKey"));
    }

    /** Derives {@code length} bytes of session keying material for a label. */
    public byte[] derive(SrtpKeyLabel label, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length: must be positive, got " + length);
        }
        byte[] iv = new byte[AesCounterMode.BLOCK];
        System.arraycopy(masterSalt, 0, iv, 0, PRF_SALT);
        // key_id = label (8 bits) || r (48 bits, zero), right-aligned in the 112-bit salt:
        // the label lands on salt byte 14 - 7 = 7.
        iv[7] ^= (byte) label.value();
        byte[] out = new byte[length];
        prf.xorKeystream(iv, out, 0, length);
        return out;
    }
}

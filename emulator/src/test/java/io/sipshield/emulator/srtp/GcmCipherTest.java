package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GCM transform against the JDK's own AES/GCM as an independent implementation: random keys,
 * headers (CSRCs, extensions) and payload lengths from 0 to 300 bytes, SRTP and SRTCP, encrypted
 * and not; and the truncated 8-byte tag of the libsrtp {@code _8} suites.
 */
class GcmCipherTest {

    private final Random random = new Random(7714);

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** What the JDK makes of one GCM message: ciphertext || 16-byte tag. */
    private static byte[] jdkGcm(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(aad);
        return gcm.doFinal(plaintext);
    }

    private static byte[] srtpIv(byte[] salt, int ssrc, long index) {
        byte[] iv = new byte[12];
        PacketFields.writeInt(iv, 2, ssrc);
        iv[6] = (byte) (index >>> 40);
        iv[7] = (byte) (index >>> 32);
        PacketFields.writeInt(iv, 8, (int) index);
        for (int i = 0; i < 12; i++) {
            iv[i] ^= salt[i];
        }
        return iv;
    }

    @ParameterizedTest(name = "{0}-byte key")
    @ValueSource(ints = {16, 32})
    void srtpMatchesTheJdkForRandomPackets(int keyLength) throws Exception {
        for (int round = 0; round < 200; round++) {
            byte[] key = bytes(keyLength);
            byte[] salt = bytes(12);
            int csrcs = random.nextInt(4);
            boolean extension = random.nextBoolean();
            int headerLength = 12 + 4 * csrcs + (extension ? 8 : 0);
            int payloadLength = random.nextInt(301);
            byte[] packet = bytes(headerLength + payloadLength + 16);
            packet[0] = (byte) (0x80 | (extension ? 0x10 : 0) | csrcs);
            if (extension) {
                packet[12 + 4 * csrcs + 2] = 0;
                packet[12 + 4 * csrcs + 3] = 1;
            }
            int ssrc = random.nextInt();
            long index = random.nextLong() & 0xFFFFFFFFFFFFL;
            byte[] plain = Arrays.copyOf(packet, headerLength + payloadLength);

            new GcmCipher(key, salt, 16).protectRtp(packet, 0, headerLength, plain.length, ssrc, index, plain.length);

            byte[] expected = jdkGcm(key, srtpIv(salt, ssrc, index), Arrays.copyOf(plain, headerLength),
                    Arrays.copyOfRange(plain, headerLength, plain.length));
            assertArrayEquals(expected, Arrays.copyOfRange(packet, headerLength, packet.length), "round " + round);
            GcmCipher receiver = new GcmCipher(key, salt, 16);
            assertTrue(receiver.verifyRtp(packet, 0, headerLength, plain.length, ssrc, index, plain.length));
            receiver.decryptRtp(packet, 0, headerLength, plain.length, ssrc, index);
            assertArrayEquals(plain, Arrays.copyOf(packet, plain.length));
        }
    }

    @Test
    void srtcpMatchesTheJdkEncryptedAndNot() throws Exception {
        for (int round = 0; round < 100; round++) {
            byte[] key = bytes(16);
            byte[] salt = bytes(12);
            int bodyLength = 4 * random.nextInt(40);
            byte[] plain = bytes(8 + bodyLength);
            plain[0] = (byte) 0x81;
            int ssrc = PacketFields.readInt(plain, 4);
            int index = random.nextInt() & 0x7FFFFFFF;
            boolean encrypt = random.nextBoolean();
            byte[] packet = Arrays.copyOf(plain, plain.length + 20);
            int trailerAt = plain.length + 16;
            int trailer = (encrypt ? 0x80000000 : 0) | index;
            PacketFields.writeInt(packet, trailerAt, trailer);

            new GcmCipher(key, salt, 16).protectRtcp(packet, 0, plain.length, ssrc, index, encrypt, trailerAt,
                    plain.length);

            byte[] trailerBytes = Arrays.copyOfRange(packet, trailerAt, trailerAt + 4);
            byte[] iv = srtpIv(salt, ssrc, index);
            byte[] aad = encrypt ? concat(Arrays.copyOf(plain, 8), trailerBytes) : concat(plain, trailerBytes);
            byte[] expected = jdkGcm(key, iv, aad, encrypt ? Arrays.copyOfRange(plain, 8, plain.length) : new byte[0]);
            byte[] actual = encrypt ? Arrays.copyOfRange(packet, 8, trailerAt)
                    : Arrays.copyOfRange(packet, plain.length, trailerAt);
            assertArrayEquals(expected, actual, "round " + round + (encrypt ? " encrypted" : " E clear"));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void eightByteTagIsTheFirstHalfOfTheFullTag() {
        byte[] key = bytes(16);
        byte[] salt = bytes(12);
        byte[] plain = bytes(172);
        plain[0] = (byte) 0x80;
        byte[] full = Arrays.copyOf(plain, 172 + 16);
        byte[] shortTag = Arrays.copyOf(plain, 172 + 8);
        new GcmCipher(key, salt, 16).protectRtp(full, 0, 12, 172, 1, 2, 172);
        new GcmCipher(key, salt, 8).protectRtp(shortTag, 0, 12, 172, 1, 2, 172);
        assertArrayEquals(Arrays.copyOf(full, 172 + 8), shortTag);
        assertTrue(new GcmCipher(key, salt, 8).verifyRtp(shortTag, 0, 12, 172, 1, 2, 172));
    }

    @Test
    void rejectsSaltAndTagLengthsGcmDoesNotUse() {
        assertEquals("salt: AES-GCM needs a 12-byte session salt, got 14", assertThrows(IllegalArgumentException.class,
                () -> new GcmCipher(new byte[16], new byte[14], 16)).getMessage());
        assertEquals("tagLength: AES-GCM for SRTP uses 8 or 16 bytes, got 10", assertThrows(
                IllegalArgumentException.class, () -> new GcmCipher(new byte[16], new byte[12], 10)).getMessage());
    }
}

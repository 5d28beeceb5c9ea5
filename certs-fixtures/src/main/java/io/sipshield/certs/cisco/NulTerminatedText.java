package io.sipshield.certs.cisco;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The format's strings: UTF-8 followed by one NUL byte, which the stored length includes. */
final class NulTerminatedText {

    private NulTerminatedText() {
    }

    /** Why {@code value} is not a NUL-terminated UTF-8 string, or empty when it is one. */
    static Optional<String> problemWith(Octets value) {
        byte[] bytes = value.bytes();
        if (bytes.length == 0 || bytes[bytes.length - 1] != 0) {
            return Optional.of("the text does not end with a NUL byte");
        }
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == 0) {
                return Optional.of("a NUL byte at position " + i + " inside the text");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, bytes.length - 1));
        } catch (CharacterCodingException e) {
            return Optional.of("the text is not valid UTF-8");
        }
        return Optional.empty();
    }

    /** The text without its NUL; {@code value} must have passed {@link #problemWith}. */
    static String decode(Octets value) {
        byte[] bytes = value.bytes();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    static Octets encode(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the format's strings cannot contain a NUL character: " + text);
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new Octets(Arrays.copyOf(utf8, utf8.length + 1));
    }
}

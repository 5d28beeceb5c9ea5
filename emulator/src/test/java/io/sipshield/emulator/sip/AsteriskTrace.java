package io.sipshield.emulator.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Asterisk 22 / baresip exchange recorded in {@code trace-register-call-echo.txt}
 * (a copy of /work/shared/fixtures/asterisk): every message with its exact bytes, cut by the
 * byte counts Asterisk's pjsip logger printed.
 */
final class AsteriskTrace {

    static final int REGISTER = 0;
    static final int REGISTER_401 = 1;
    static final int REGISTER_AUTHORIZED = 2;
    static final int REGISTER_200 = 3;
    static final int INVITE = 4;
    static final int INVITE_401 = 5;
    static final int ACK_401 = 6;
    static final int INVITE_AUTHORIZED = 7;
    static final int INVITE_100 = 8;
    static final int INVITE_200 = 9;
    static final int ACK_AUTHORIZED = 10;
    static final int BYE_AUTHORIZED = 11;
    static final int BYE_200 = 12;

    private static final Pattern BANNER = Pattern.compile(
            "<--- (?:Received|Transmitting) SIP (?:request|response) \\((\\d+) bytes\\) (?:from|to) [^\\n]*--->\\n");

    private AsteriskTrace() {
    }

    /** All 13 messages in the order they crossed the wire. */
    static List<byte[]> messages() {
        byte[] file = load();
        String text = new String(file, StandardCharsets.ISO_8859_1); // one char per byte: indexes stay byte offsets
        List<byte[]> messages = new ArrayList<>();
        Matcher banner = BANNER.matcher(text);
        while (banner.find()) {
            int length = Integer.parseInt(banner.group(1));
            byte[] message = new byte[length];
            System.arraycopy(file, banner.end(), message, 0, length);
            messages.add(message);
        }
        if (messages.size() != 13) {
            throw new IllegalStateException("expected 13 messages in the trace, found " + messages.size());
        }
        return messages;
    }

    static byte[] message(int index) {
        return messages().get(index);
    }

    static String text(int index) {
        return new String(message(index), StandardCharsets.UTF_8);
    }

    /** The value of the first header with this name in a trace message, exactly as written. */
    static String headerValue(int index, String name) {
        for (String line : text(index).split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new IllegalArgumentException("no " + name + " header in trace message " + index);
    }

    private static byte[] load() {
        try (InputStream in = AsteriskTrace.class.getResourceAsStream("trace-register-call-echo.txt")) {
            if (in == null) {
                throw new IllegalStateException("trace-register-call-echo.txt is missing from the test resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.sipshield.emulator.cisco;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A whole HTTP/1.1 response read to the end of the connection ({@code Connection: close}), split
 * into status and body: Content-Length, chunked transfer coding (RFC 9112 §7.1) or read-to-close.
 *
 * @param status the status code
 * @param reason the status line after the code
 * @param body   the body, de-chunked
 */
record HttpResponseBytes(int status, String reason, byte[] body) {

    /** @throws IllegalArgumentException for bytes that are not an HTTP response, saying what was wrong */
    static HttpResponseBytes parse(byte[] raw) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            throw new IllegalArgumentException("the response ended after " + raw.length + " bytes without a blank line after the headers");
        }
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IllegalArgumentException("not an HTTP status line: '" + lines[0] + "'");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status code '" + statusLine[1] + "' is not a number");
        }
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        int start = headEnd + 4;
        byte[] body;
        if (chunked) {
            body = dechunk(raw, start);
        } else if (length >= 0) {
            if (raw.length - start < length) {
                throw new IllegalArgumentException("Content-Length " + length + " but only " + (raw.length - start) + " body bytes arrived");
            }
            body = Arrays.copyOfRange(raw, start, start + (int) length);
        } else {
            body = Arrays.copyOfRange(raw, start, raw.length);
        }
        return new HttpResponseBytes(status, statusLine.length > 2 ? statusLine[2] : "", body);
    }

    private static byte[] dechunk(byte[] raw, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = {'\r', '\n'};
        int position = offset;
        while (true) {
            int lineEnd = indexOf(raw, crlf, position);
            if (lineEnd < 0) {
                throw new IllegalArgumentException("chunked body: missing chunk size line at byte " + position);
            }
            String sizeText = new String(raw, position, lineEnd - position, StandardCharsets.US_ASCII);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
            position = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (position + size > raw.length) {
                throw new IllegalArgumentException("chunked body: a chunk of " + size + " bytes is cut short");
            }
            out.write(raw, position, size);
            position += size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

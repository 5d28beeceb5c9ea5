package io.sipshield.certs.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits PEM text into blocks and decodes their base64, naming the block and line of every fault.
 * Text outside blocks (OpenSSL's "Bag Attributes", "subject=" lines, comments) is ignored, as OpenSSL does.
 */
final class PemParser {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private final String source;

    PemParser(String source) {
        this.source = source;
    }

    /** True when the bytes look like PEM text: a BEGIN line somewhere in them. */
    static boolean looksLikePem(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains(BEGIN);
    }

    List<PemBlock> parse(byte[] content) throws CertificateFileException {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<PemBlock> blocks = new ArrayList<>();
        int lineIndex = 0;
        while (lineIndex < lines.length) {
            String line = lines[lineIndex].stripTrailing();
            if (line.startsWith(BEGIN)) {
                lineIndex = readBlock(lines, lineIndex, blocks.size() + 1, blocks);
            } else if (line.startsWith(END)) {
                throw new CertificateFileException(source, "line " + (lineIndex + 1),
                        "'" + line + "' ends a PEM block that was never begun");
            } else {
                lineIndex++;
            }
        }
        return blocks;
    }

    /** Reads the block whose BEGIN line is at {@code begin}; returns the index of the line after its END line. */
    private int readBlock(String[] lines, int begin, int index, List<PemBlock> blocks) throws CertificateFileException {
        String beginLine = lines[begin].stripTrailing();
        if (!beginLine.endsWith(DASHES) || beginLine.length() < BEGIN.length() + DASHES.length() + 1) {
            throw new CertificateFileException(source, "PEM block " + index + " (line " + (begin + 1) + ")",
                    "malformed BEGIN line '" + beginLine + "'; expected -----BEGIN <TYPE>-----");
        }
        String type = beginLine.substring(BEGIN.length(), beginLine.length() - DASHES.length());
        String blockName = "PEM block " + index + " (" + type + ")";
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder base64 = new StringBuilder();
        boolean inHeaders = true;
        for (int i = begin + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            if (line.startsWith(END)) {
                String expected = END + type + DASHES;
                if (!line.equals(expected)) {
                    throw new CertificateFileException(source, blockName,
                            "line " + lineNumber + " is '" + line + "' but the block began as " + type
                                    + "; expected '" + expected + "'");
                }
                blocks.add(new PemBlock(index, type, headers, decode(blockName, base64.toString()), begin + 1));
                return i + 1;
            }
            if (line.startsWith(BEGIN)) {
                throw new CertificateFileException(source, blockName,
                        "no END line before the next BEGIN on line " + lineNumber + " (truncated block?)");
            }
            if (inHeaders && line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                continue;
            }
            if (!line.isEmpty()) {
                inHeaders = false;
                requireBase64(blockName, line, lineNumber);
                base64.append(line);
            }
        }
        throw new CertificateFileException(source, blockName,
                "no '-----END " + type + "-----' line: the file ends on line " + lines.length + " (truncated?)");
    }

    private void requireBase64(String blockName, String line, int lineNumber) throws CertificateFileException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=';
            if (!ok) {
                throw new CertificateFileException(source, blockName, String.format(
                        "bad base64 on line %d, column %d: character '%s' (0x%02X) is not base64",
                        lineNumber, i + 1, Character.isISOControl(c) ? "?" : String.valueOf(c), (int) c));
            }
        }
    }

    private byte[] decode(String blockName, String base64) throws CertificateFileException {
        if (base64.isEmpty()) {
            throw new CertificateFileException(source, blockName, "the block has no content");
        }
        if (base64.length() % 4 != 0) {
            throw new CertificateFileException(source, blockName, "bad base64: " + base64.length()
                    + " characters is not a whole number of 4-character groups (a line lost or cut short?)");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CertificateFileException(source, blockName, "bad base64: " + e.getMessage(), e);
        }
    }
}

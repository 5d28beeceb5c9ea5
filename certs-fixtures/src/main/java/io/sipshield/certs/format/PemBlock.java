package io.sipshield.certs.format;

import java.util.Map;
import java.util.Objects;

/**
 * One {@code -----BEGIN TYPE----- ... -----END TYPE-----} block of a PEM file.
 *
 * @param index     1-based position among the file's blocks
 * @param type      the label between BEGIN and the dashes, e.g. "CERTIFICATE"
 * @param headers   RFC 1421 headers such as {@code Proc-Type} and {@code DEK-Info}, in file order
 * @param content   the decoded base64 body
 * @param beginLine 1-based line number of the BEGIN line
 */
record PemBlock(int index, String type, Map<String, String> headers, byte[] content, int beginLine) {

    PemBlock {
        Objects.requireNonNull(type, "type");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(content, "content");
    }

    /** How errors name this block: "PEM block 2 (CERTIFICATE)". */
    String name() {
        return "PEM block " + index + " (" + type + ")";
    }
}

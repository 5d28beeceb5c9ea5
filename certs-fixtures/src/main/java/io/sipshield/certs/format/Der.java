package io.sipshield.certs.format;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;

/** Checks that bytes hold exactly one complete DER (or BER) structure before anything interprets them. */
final class Der {

    private static final int SEQUENCE = 0x30;

    private Der() {
    }

    /** True when the bytes start like a DER SEQUENCE, the outer shape of every binary format read here. */
    static boolean looksLikeDer(byte[] content) {
        return content.length >= 2 && (content[0] & 0xFF) == SEQUENCE;
    }

    /**
     * Parses one structure that must fill {@code der} exactly: a declared length longer than the data
     * is "truncated", bytes after the structure are "trailing data".
     */
    static ASN1Primitive parse(byte[] der, String source, String block) throws CertificateFileException {
        if (der.length < 2) {
            throw new CertificateFileException(source, block, "truncated DER: " + der.length + " byte(s), too short for a tag and a length");
        }
        if ((der[0] & 0x1F) == 0x1F) {
            throw new CertificateFileException(source, block,
                    String.format("not DER of a known shape: tag 0x%02X at byte 0 is a multi-byte tag", der[0] & 0xFF));
        }
        int lengthByte = der[1] & 0xFF;
        if (lengthByte != 0x80) {
            long contentLength;
            int headerLength;
            if (lengthByte < 0x80) {
                contentLength = lengthByte;
                headerLength = 2;
            } else {
                int lengthBytes = lengthByte & 0x7F;
                if (lengthBytes > 4 || der.length < 2 + lengthBytes) {
                    throw new CertificateFileException(source, block, "truncated DER: the length at byte 1 is cut short or over 4 bytes long");
                }
                contentLength = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    contentLength = (contentLength << 8) | (der[2 + i] & 0xFF);
                }
                headerLength = 2 + lengthBytes;
            }
            long declared = headerLength + contentLength;
            if (declared > der.length) {
                throw new CertificateFileException(source, block, "truncated DER: the outer structure declares "
                        + contentLength + " content bytes but only " + (der.length - headerLength) + " follow its header");
            }
            if (declared < der.length) {
                throw new CertificateFileException(source, block, (der.length - declared)
                        + " byte(s) of trailing data after the DER structure, which ends at byte " + declared);
            }
        }
        ASN1Primitive primitive;
        int trailing;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            primitive = in.readObject();
            trailing = in.available();
        } catch (IOException | RuntimeException e) {
            throw new CertificateFileException(source, block, "malformed DER: " + e.getMessage(), e);
        }
        if (primitive == null) {
            throw new CertificateFileException(source, block, "truncated DER: no complete structure");
        }
        if (trailing > 0) {
            throw new CertificateFileException(source, block, trailing + " byte(s) of trailing data after the DER structure");
        }
        return primitive;
    }
}

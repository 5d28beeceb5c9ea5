package io.sipshield.certs.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListFormatException;
import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.CertificateFiles;
import java.security.cert.X509Certificate;

/**
 * Fuzz targets for the certificate file readers (issue 11, docs/fuzzing.md): every format
 * {@link CertificateFiles} detects (PEM, DER certificate/CRL/key, PKCS#7, PKCS#12), the Cisco trust
 * list ({@code .tlv}) and signed file ({@code .sgn}) parsers.
 *
 * <p>Under plain {@code mvn test} each target runs its committed seeds from
 * {@code src/test/resources/io/sipshield/certs/fuzz/CertificateParserFuzzTestInputs/<method>/}
 * (written by {@link FuzzSeedWriter}); with {@code JAZZER_FUZZ=1} Jazzer fuzzes the selected one.
 * {@link CertificateFileException} and {@link TrustListFormatException} are the declared
 * rejections; any other exception, or a parsed file whose accessors throw, is a finding.
 */
class CertificateParserFuzzTest {

    /** The password the PKCS#12 and encrypted-key seeds are written with; made up. */
    static final char[] PASSWORD = "fuzz".toCharArray();

    /** Any certificate file, without and with a password: the format is detected from the content. */
    @FuzzTest(maxDuration = "60s")
    void certificateFile(byte[] bytes) {
        for (char[] password : new char[][] {null, PASSWORD}) {
            try {
                CertificateFileContents contents = CertificateFiles.decode("fuzz", bytes, password);
                assertNotNull(contents.format());
                contents.certificateForKey();
                assertNotNull(contents.toString());
            } catch (CertificateFileException declared) {
                assertNotNull(declared.getMessage());
            }
        }
    }

    /**
     * A trust list (ITL/CTL): parsed, it describes itself, checks its own signature without throwing,
     * and encodes back to bytes that parse to the same encoding.
     */
    @FuzzTest(maxDuration = "60s")
    void trustList(byte[] bytes) {
        TrustListFile list;
        try {
            list = TrustListFile.parse("fuzz.tlv", bytes);
        } catch (TrustListFormatException declared) {
            return;
        }
        assertNotNull(list.describe());
        list.notes();
        assertNotNull(list.verify());
        byte[] encoded = list.toBytes();
        try {
            assertArrayEquals(encoded, TrustListFile.parse("re-encoded.tlv", encoded).toBytes());
        } catch (TrustListFormatException e) {
            throw new AssertionError("a parsed trust list does not parse again after encoding", e);
        }
    }

    /**
     * A signed file ({@code .sgn}): parsed, it describes itself, strips to its payload, and checks its
     * signature against a certificate of every record of the signer field without throwing.
     */
    @FuzzTest(maxDuration = "60s")
    void signedFile(byte[] bytes) {
        SignedFile file;
        try {
            file = SignedFile.parse("fuzz.sgn", bytes);
        } catch (TrustListFormatException declared) {
            return;
        }
        assertNotNull(file.describe());
        file.notes();
        file.filename();
        assertNotNull(file.strip());
        X509Certificate signer = FuzzSeedWriter.signer().certificate();
        assertNotNull(file.verify(signer));
        byte[] encoded = file.toBytes();
        try {
            assertArrayEquals(encoded, SignedFile.parse("re-encoded.sgn", encoded).toBytes());
        } catch (TrustListFormatException e) {
            throw new AssertionError("a parsed signed file does not parse again after encoding", e);
        }
    }
}

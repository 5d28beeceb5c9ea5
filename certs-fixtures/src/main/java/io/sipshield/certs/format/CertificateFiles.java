package io.sipshield.certs.format;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Reads any certificate file sipshield knows, detecting its format from the content (never only the
 * extension): PEM text with any mix of certificates, one private key (PKCS#8 or traditional,
 * encrypted or not) and CRLs; DER certificate, CRL or private key (PKCS#8, PKCS#1, SEC1); PKCS#7 bundles (DER or PEM);
 * PKCS#12 key stores.
 *
 * <pre>{@code
 * CertificateFileContents contents = CertificateFiles.read(Path.of("pbx.p12"), "secret".toCharArray());
 * X509Certificate leaf = contents.certificates().get(0);
 * }</pre>
 *
 * A file that cannot be used throws {@link CertificateFileException} naming the file, the block and
 * the fault. Reading does not judge combinations (a key that matches no certificate is returned as
 * is); the layout readers ({@link CombinedPem}, {@link MxOneChainFile}, {@link ChainFile},
 * {@link AsteriskTlsFiles}) do.
 */
public final class CertificateFiles {

    private static final String DER_BLOCK = "DER at byte 0";

    private CertificateFiles() {
    }

    /** Reads a file that needs no password (an encrypted key or a PKCS#12 file is refused with a clear error). */
    public static CertificateFileContents read(Path file) throws CertificateFileException {
        return read(file, null);
    }

    /** @param password for encrypted keys and PKCS#12; null when none was given */
    public static CertificateFileContents read(Path file, char[] password) throws CertificateFileException {
        return decode(file.toString(), readBytes(file), password);
    }

    /**
     * Decodes bytes already in memory.
     *
     * @param source   how errors name the content (a file name)
     * @param password for encrypted keys and PKCS#12; null when none was given
     */
    public static CertificateFileContents decode(String source, byte[] bytes, char[] password)
            throws CertificateFileException {
        byte[] content = stripUtf8Bom(bytes);
        if (content.length == 0) {
            throw new CertificateFileException(source, null, "the file is empty");
        }
        if (PemParser.looksLikePem(content)) {
            return new PemDecoder(source, password).decode(content);
        }
        if (Der.looksLikeDer(content)) {
            return decodeDer(source, content, password);
        }
        throw new CertificateFileException(source, null, notRecognised(content));
    }

    private static CertificateFileContents decodeDer(String source, byte[] der, char[] password)
            throws CertificateFileException {
        ASN1Primitive primitive = Der.parse(der, source, DER_BLOCK);
        DerShape shape = DerShape.of(primitive);
        PrivateKeyDecoder keys = new PrivateKeyDecoder(source, password);
        return switch (shape) {
            case CERTIFICATE -> contents(source, CertificateFileFormat.DER_CERTIFICATE,
                    List.of(X509Objects.certificate(der, source, DER_BLOCK)), Optional.empty(), List.of());
            case CRL -> contents(source, CertificateFileFormat.DER_CRL,
                    List.of(), Optional.empty(), List.of(X509Objects.crl(der, source, DER_BLOCK)));
            case PKCS7 -> {
                Pkcs7Files.Bundle bundle = Pkcs7Files.decode(der, source, DER_BLOCK);
                yield contents(source, CertificateFileFormat.PKCS7_DER, bundle.certificates(), Optional.empty(), bundle.crls());
            }
            case PKCS12 -> new Pkcs12Decoder(source, password).decode(der);
            case PKCS8 -> contents(source, CertificateFileFormat.DER_PRIVATE_KEY,
                    List.of(), Optional.of(keys.pkcs8(der, DER_BLOCK)), List.of());
            case ENCRYPTED_PKCS8 -> contents(source, CertificateFileFormat.DER_PRIVATE_KEY,
                    List.of(), Optional.of(keys.encryptedPkcs8(der, DER_BLOCK)), List.of());
            case RSA_PRIVATE_KEY -> contents(source, CertificateFileFormat.DER_PRIVATE_KEY,
                    List.of(), Optional.of(keys.traditionalDer(TraditionalKeys.RSA_TYPE, der, DER_BLOCK)), List.of());
            case EC_PRIVATE_KEY -> contents(source, CertificateFileFormat.DER_PRIVATE_KEY,
                    List.of(), Optional.of(keys.traditionalDer(TraditionalKeys.EC_TYPE, der, DER_BLOCK)), List.of());
            case UNKNOWN -> throw new CertificateFileException(source, DER_BLOCK,
                    "not a certificate, CRL, PKCS#7 bundle, PKCS#12 file or private key: " + outline(primitive));
        };
    }

    private static CertificateFileContents contents(String source, CertificateFileFormat format,
            List<X509Certificate> certificates, Optional<DecodedPrivateKey> key,
            List<X509CRL> crls) {
        return new CertificateFileContents(source, format, certificates, key, crls, List.of());
    }

    private static String outline(ASN1Primitive primitive) {
        if (primitive instanceof ASN1Sequence sequence) {
            return "a SEQUENCE of " + sequence.size() + " element(s)"
                    + (sequence.size() > 0 ? ", the first " + typeName(sequence.getObjectAt(0).toASN1Primitive()) : "");
        }
        return typeName(primitive);
    }

    private static String typeName(ASN1Primitive primitive) {
        return "a " + primitive.getClass().getSimpleName().replaceFirst("^(DER|DL|BER|ASN1)", "");
    }

    private static String notRecognised(byte[] content) {
        boolean text = true;
        for (int i = 0; i < Math.min(content.length, 512); i++) {
            int b = content[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F) {
                text = false;
                break;
            }
        }
        if (text) {
            return "not a certificate file: text without a '-----BEGIN ...-----' line, so not PEM";
        }
        return String.format("not a certificate file: neither PEM text nor DER (byte 0 is 0x%02X, not a SEQUENCE 0x30)",
                content[0] & 0xFF);
    }

    private static byte[] readBytes(Path file) throws CertificateFileException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new CertificateFileException(source, null, "is a directory, not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(source, null, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new CertificateFileException(source, null, "permission denied", e);
        } catch (IOException e) {
            throw new CertificateFileException(source, null, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static byte[] stripUtf8Bom(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            return Arrays.copyOfRange(content, 3, content.length);
        }
        return content;
    }
}

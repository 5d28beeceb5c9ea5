package io.sipshield.certs.format;

import java.io.IOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;

/** Turns the blocks of a PEM file into certificates, one private key and CRLs, naming the block of every fault. */
final class PemDecoder {

    private static final Set<String> CERTIFICATE_TYPES = Set.of("CERTIFICATE", "X509 CERTIFICATE");
    private static final String TRUSTED_CERTIFICATE = "TRUSTED CERTIFICATE";
    private static final String CRL = "X509 CRL";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    private static final Set<String> PKCS7_TYPES = Set.of(Pkcs7Files.PEM_TYPE, "CMS");
    /** Written by {@code openssl ecparam -genkey} before the key; the key carries the curve itself. */
    private static final String EC_PARAMETERS = "EC PARAMETERS";
    private static final String KNOWN_TYPES = "CERTIFICATE, TRUSTED CERTIFICATE, X509 CRL, PRIVATE KEY, "
            + "ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, EC PARAMETERS or PKCS7";

    private final String source;
    private final PrivateKeyDecoder keys;

    PemDecoder(String source, char[] password) {
        this.source = source;
        this.keys = new PrivateKeyDecoder(source, password);
    }

    CertificateFileContents decode(byte[] content) throws CertificateFileException {
        List<PemBlock> blocks = new PemParser(source).parse(content);
        if (blocks.isEmpty()) {
            throw new CertificateFileException(source, null, "no PEM block (-----BEGIN ...-----) found");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        Optional<DecodedPrivateKey> key = Optional.empty();
        List<String> types = new ArrayList<>();
        for (PemBlock block : blocks) {
            types.add(block.type());
            String type = block.type();
            if (CERTIFICATE_TYPES.contains(type)) {
                certificates.add(X509Objects.certificate(block.content(), source, block.name()));
            } else if (TRUSTED_CERTIFICATE.equals(type)) {
                certificates.add(X509Objects.certificate(firstStructure(block), source, block.name()));
            } else if (CRL.equals(type)) {
                crls.add(X509Objects.crl(block.content(), source, block.name()));
            } else if (PKCS7_TYPES.contains(type)) {
                Pkcs7Files.Bundle bundle = Pkcs7Files.decode(block.content(), source, block.name());
                certificates.addAll(bundle.certificates());
                crls.addAll(bundle.crls());
            } else if (PRIVATE_KEY.equals(type) || ENCRYPTED_PRIVATE_KEY.equals(type) || TraditionalKeys.isTraditionalType(type)) {
                if (key.isPresent()) {
                    throw new CertificateFileException(source, block.name(), "a second private key; a file may hold one private key");
                }
                key = Optional.of(privateKey(block));
            } else if (!EC_PARAMETERS.equals(type)) {
                throw new CertificateFileException(source, block.name(), "unknown PEM type '" + type + "'; expected " + KNOWN_TYPES);
            }
        }
        if (certificates.isEmpty() && key.isEmpty() && crls.isEmpty()) {
            throw new CertificateFileException(source, null, "no certificate, private key or CRL found, only " + String.join(", ", types));
        }
        boolean pkcs7 = blocks.size() == 1 && PKCS7_TYPES.contains(blocks.get(0).type());
        return new CertificateFileContents(source, pkcs7 ? CertificateFileFormat.PKCS7_PEM : CertificateFileFormat.PEM,
                certificates, key, crls, types);
    }

    private DecodedPrivateKey privateKey(PemBlock block) throws CertificateFileException {
        if (PRIVATE_KEY.equals(block.type())) {
            return keys.pkcs8(block.content(), block.name());
        }
        if (ENCRYPTED_PRIVATE_KEY.equals(block.type())) {
            return keys.encryptedPkcs8(block.content(), block.name());
        }
        return keys.traditional(block);
    }

    /** OpenSSL's TRUSTED CERTIFICATE is the certificate followed by trust settings; only the certificate is kept. */
    private byte[] firstStructure(PemBlock block) throws CertificateFileException {
        byte[] certificate;
        try (ASN1InputStream in = new ASN1InputStream(block.content())) {
            ASN1Primitive first = in.readObject();
            certificate = first == null ? null : first.getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new CertificateFileException(source, block.name(), "malformed DER: " + e.getMessage(), e);
        }
        if (certificate == null) {
            throw new CertificateFileException(source, block.name(), "the block holds no DER structure");
        }
        return certificate;
    }
}

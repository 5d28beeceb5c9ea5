package io.sipshield.certs.fuzz;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.CrlSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.IssuedCrl;
import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.certs.format.DerFiles;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.certs.format.Pkcs12Protection;
import io.sipshield.certs.format.Pkcs12Writer;
import io.sipshield.certs.format.Pkcs7Files;
import io.sipshield.certs.format.PrivateKeyEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus of {@link CertificateParserFuzzTest}: one small valid file per format and
 * a few edge cases, from throw-away test keys (EC P-256; RSA 1024 for the Cisco signer, which must be
 * RSA). Run only on demand, from the certs-fixtures module directory:
 * {@code mvn test -Dtest=FuzzSeedWriter -Dsipshield.writeFuzzSeeds=true}.
 */
class FuzzSeedWriter {

    private static final Path CORPUS = Path.of("src/test/resources/io/sipshield/certs/fuzz/CertificateParserFuzzTestInputs");
    private static final IssuedCertificate SIGNER = CertificateSpec.root("Fuzz SAST")
            .keyAlgorithm(KeyAlgorithm.RSA_1024).build();

    /** The RSA certificate the trust list and signed-file seeds are signed with. */
    static IssuedCertificate signer() {
        return SIGNER;
    }

    @Test
    @EnabledIfSystemProperty(named = "sipshield.writeFuzzSeeds", matches = "true")
    void writeSeeds() throws IOException {
        IssuedCertificate root = CertificateSpec.root("Fuzz Root").keyAlgorithm(KeyAlgorithm.EC_P256).build();
        IssuedCertificate leaf = CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").sanIp("127.0.0.1")
                .serverAuth().keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(root).build();
        IssuedCrl crl = CrlSpec.issuedBy(root).revoke(leaf).build();

        Path certs = CORPUS.resolve("certificateFile");
        write(certs, "pem-chain", PemFiles.certificates(leaf.chain()));
        write(certs, "pem-key-and-chain", PemFiles.privateKey(leaf.privateKey(), PrivateKeyEncoding.TRADITIONAL)
                + PemFiles.certificates(leaf.chain()) + PemFiles.crl(crl.crl()));
        write(certs, "pem-encrypted-pkcs8", PemFiles.encryptedPrivateKey(leaf.privateKey(),
                PrivateKeyEncoding.PKCS8_ENCRYPTED, CertificateParserFuzzTest.PASSWORD));
        write(certs, "pem-encrypted-traditional", PemFiles.encryptedPrivateKey(leaf.privateKey(),
                PrivateKeyEncoding.TRADITIONAL_ENCRYPTED, CertificateParserFuzzTest.PASSWORD));
        write(certs, "der-certificate", DerFiles.certificate(leaf.certificate()));
        write(certs, "der-crl", DerFiles.crl(crl.crl()));
        write(certs, "der-pkcs8-key", leaf.privateKey().getEncoded());
        write(certs, "pkcs7-der", Pkcs7Files.der(leaf.chain(), List.of(crl.crl())));
        write(certs, "pkcs7-pem", Pkcs7Files.pem(leaf.chain(), List.of()));
        write(certs, "pkcs12-aes", Pkcs12Writer.builder().password(CertificateParserFuzzTest.PASSWORD).build().encode(leaf));
        write(certs, "pkcs12-legacy", Pkcs12Writer.builder().password(CertificateParserFuzzTest.PASSWORD)
                .protection(Pkcs12Protection.LEGACY_3DES_SHA1).build().encode(leaf));
        write(certs, "pem-truncated", PemFiles.certificates(List.of(leaf.certificate())).substring(0, 200));
        write(certs, "bom-text", "\uFEFFnot a certificate\n");

        Instant built = Instant.parse("2026-01-02T03:04:05Z");
        write(CORPUS.resolve("trustList"), "itl", TrustListFile.builder().signedBy(SIGNER)
                .add(TrustListRole.CCM, leaf.certificate()).add(TrustListRole.TFTP, root.certificate())
                .filename("ITLFile.tlv").timestamp(built).build().toBytes());
        write(CORPUS.resolve("trustList"), "ctl-without-signer-record", TrustListFile.builder().signedBy(SIGNER)
                .add(TrustListRole.CCM_TFTP, leaf.certificate()).withoutSignerRecord()
                .filename("CTLSEP0011223344AA.tlv").timestamp(built).build().toBytes());
        write(CORPUS.resolve("signedFile"), "sgn", SignedFile.builder().signedBy(SIGNER)
                .payload("<device><deviceSecurityMode>2</deviceSecurityMode></device>\n".getBytes(StandardCharsets.UTF_8))
                .filename("SEP0011223344AA.cnf.xml.sgn").timestamp(built).build().toBytes());
        write(CORPUS.resolve("signedFile"), "header-only", new byte[] {1, 2, 0, 12});
    }

    private static void write(Path directory, String name, String text) throws IOException {
        write(directory, name, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(Path directory, String name, byte[] bytes) throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve(name), bytes);
    }
}

package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.CrlSpec;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.IssuedCrl;
import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.certs.KeyUsageBit;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measure of the validator: on every setup, the bitmask and the errors (depth and code, in
 * order) must be exactly what OpenSSL's own {@code X509_verify_cert} reports through a callback
 * that never stops, with PJSIP's mapping and identity rule (src/test/c/openssl_verify.c). The
 * named setups also carry the bitmask the issue and VALIDATION.md state.
 */
class OpenSslDifferentialTest {

    private static final long SEED = 0x5195_1e1dL;
    private static final long UNTRUSTED = 0x2;
    private static final long VALIDITY = 0x4;
    private static final long PURPOSE = 0x10;
    private static final long MISMATCH = 0x20;
    private static final long CRL = 0x40;
    private static final long REVOKED = 0x80;
    private static final long TOO_LONG = 0x100;
    private static final long IDENTITY = 0x40000000L;
    private static final long UNKNOWN = 0x80000000L;

    @TempDir
    static Path work;

    private static OpenSslReference openssl;
    private static TestPki pki;

    @BeforeAll
    static void compileReference() {
        openssl = OpenSslReference.compile(work);
        pki = new TestPki(Instant.now().truncatedTo(ChronoUnit.SECONDS), SEED);
    }

    @TestFactory
    Stream<DynamicTest> namedSetupsAgreeWithOpenSslAndTheDocumentedBitmask() {
        return namedCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertAgrees(c)));
    }

    @TestFactory
    Stream<DynamicTest> catalogueFixturesAgreeWithOpenSsl() {
        FixtureCatalog catalog = FixtureCatalog.create();
        X509Certificate testRoot = catalog.get(FixtureName.TEST_ROOT).certificate();
        List<X509CRL> crls = catalog.allCrls().values().stream().map(IssuedCrl::crl).toList();
        List<VerificationCase> cases = new ArrayList<>();
        for (FixtureName name : FixtureName.values()) {
            IssuedCertificate fixture = catalog.get(name);
            List<X509Certificate> chain = fixture.chain();
            X509Certificate ownRoot = chain.get(chain.size() - 1);
            for (String host : List.of("pbx.sip.test", "127.0.0.1")) {
                cases.add(VerificationCase.named(name.id() + " trusting test-root, dialling " + host)
                        .trust(testRoot).present(fixture.chainWithoutRoot()).host(host).at(catalog.now()).build());
            }
            cases.add(VerificationCase.named(name.id() + " trusting its own root").trust(ownRoot)
                    .present(fixture.chainWithoutRoot()).at(catalog.now()).build());
            cases.add(VerificationCase.named(name.id() + " trusting its own root, whole chain checked against the CRLs")
                    .trust(ownRoot).present(fixture.chain()).at(catalog.now())
                    .crlCheck(CrlCheck.CHAIN, crls.toArray(X509CRL[]::new)).build());
            cases.add(VerificationCase.named(name.id() + " as a client certificate, trusting its own root")
                    .trust(ownRoot).present(fixture.chainWithoutRoot()).purpose(TlsPurpose.CLIENT).at(catalog.now())
                    .build());
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertAgrees(c)));
    }

    @TestFactory
    Stream<DynamicTest> generatedVariationsAgreeWithOpenSsl() {
        Random random = new Random(SEED);
        List<VerificationCase> cases = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            cases.add(VariationGenerator.generate(pki, random, i));
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertAgrees(c)));
    }

    private static void assertAgrees(VerificationCase verification) {
        OpenSslReference.Verdict reference = openssl.verify(verification);
        VerifyResult result = verification.validate();
        List<OpenSslReference.Error> ours = result.findings().stream().filter(f -> f.error().fromOpenSsl())
                .map(f -> new OpenSslReference.Error(f.depth(), f.error().code())).toList();
        String context = verification.name() + "\n  OpenSSL: " + VerifyFlag.format(reference.bitmask()) + " "
                + reference.errors() + "\n  Java:    " + VerifyFlag.format(result.bitmask()) + " " + ours
                + "\n  " + result.findings();
        assertEquals(VerifyFlag.format(reference.bitmask()), VerifyFlag.format(result.bitmask()), context);
        assertEquals(reference.errors(), ours, context);
        if (verification.expectedBitmask() != null) {
            assertEquals(VerifyFlag.format(verification.expectedBitmask()), VerifyFlag.format(result.bitmask()), context);
        }
    }

    private static List<VerificationCase> namedCases() {
        IssuedCertificate root = pki.root;
        IssuedCertificate server = pki.server().issuedBy(root).build();
        IssuedCertificate viaIntermediate = pki.server().issuedBy(pki.intermediate).build();
        List<VerificationCase> cases = new ArrayList<>();

        cases.add(trusting(root, "trusted server for the dialled host").present(server.chainWithoutRoot()).expect(0).build());
        cases.add(trusting(root, "trusted server through an intermediate").present(viaIntermediate.chainWithoutRoot())
                .expect(0).build());
        cases.add(trusting(root, "unknown CA").present(pki.server().issuedBy(pki.otherRoot).build().chainWithoutRoot())
                .expect(UNTRUSTED | MISMATCH).build());
        cases.add(trusting(root, "unknown CA for the wrong host (the Digium page's 0x40000022)")
                .present(pki.server().issuedBy(pki.otherRoot).build().chainWithoutRoot()).host("other.sip.test")
                .expect(IDENTITY | UNTRUSTED | MISMATCH).build());
        cases.add(trusting(root, "self-signed server").present(pki.server().build().certificate()).expect(UNTRUSTED).build());
        cases.add(trusting(root, "unknown CA, root sent along").present(pki.server().issuedBy(pki.otherRoot).build().chain())
                .expect(UNTRUSTED).build());
        cases.add(trusting(root, "expired server").present(pki.server().expired().issuedBy(root).build().certificate())
                .expect(VALIDITY).build());
        cases.add(trusting(root, "server not yet valid").present(pki.server().notYetValid().issuedBy(root).build()
                .certificate()).expect(VALIDITY).build());
        IssuedCertificate expiredIntermediate = pki.intermediate("expired intermediate").expired().issuedBy(root).build();
        cases.add(trusting(root, "expired intermediate").present(pki.server().issuedBy(expiredIntermediate).build()
                .chainWithoutRoot()).expect(VALIDITY).build());
        IssuedCertificate expiredRoot = pki.root("expired root").validity(Duration.ofDays(-400), Duration.ofDays(-2)).build();
        cases.add(trusting(expiredRoot, "expired root").present(pki.server().issuedBy(expiredRoot).build().certificate())
                .expect(VALIDITY).build());
        cases.add(trusting(root, "a phone that believes it is 1970").present(server.certificate()).at(Instant.EPOCH)
                .expect(VALIDITY).build());
        cases.add(trusting(pki.impostorRoot, "trusts an impostor of the issuing root (same subject, other key)")
                .present(server.certificate()).expect(UNTRUSTED | MISMATCH).build());
        cases.add(trusting(root, "server issued by an impostor of the trusted root")
                .present(pki.server().issuedBy(pki.impostorRoot).build().certificate()).expect(UNTRUSTED | MISMATCH).build());
        cases.add(trusting(root, "missing intermediate").present(viaIntermediate.certificate())
                .expect(UNTRUSTED | MISMATCH).build());
        cases.add(trusting(pki.intermediate, "intermediate trusted without its root").present(viaIntermediate.certificate())
                .expect(0x1).build());
        cases.add(trusting(pki.intermediate, "intermediate trusted without its root, partial chains allowed")
                .present(viaIntermediate.certificate()).partialChain().expect(0).build());
        IssuedCertificate notCa = pki.intermediate("not a CA").notCa().issuedBy(root).build();
        cases.add(trusting(root, "intermediate that is not a CA").present(pki.server().issuedBy(notCa).build()
                .chainWithoutRoot()).expect(PURPOSE).build());
        IssuedCertificate noCertSign = pki.intermediate("no keyCertSign").caWithoutKeyCertSign().issuedBy(root).build();
        cases.add(trusting(root, "CA without keyCertSign").present(pki.server().issuedBy(noCertSign).build()
                .chainWithoutRoot()).expect(PURPOSE | MISMATCH).build());
        cases.add(trusting(root, "clientAuth-only server certificate").present(CertificateSpec.leaf(TestPki.HOST)
                .sanDns(TestPki.HOST).clientAuth().keyPair(pki.serverKeys).now(pki.now).issuedBy(root).build()
                .certificate()).expect(PURPOSE).build());
        cases.add(trusting(root, "server certificate without a TLS key usage").present(pki.server()
                .keyUsage(KeyUsageBit.NON_REPUDIATION).issuedBy(root).build().certificate()).expect(PURPOSE).build());
        IssuedCertificate clientCa = pki.intermediate("clientAuth CA").extension("2.5.29.37", false,
                der(new DERSequence(KeyPurposeId.id_kp_clientAuth))).issuedBy(root).build();
        cases.add(trusting(root, "intermediate whose EKU is clientAuth only").present(pki.server().issuedBy(clientCa).build()
                .chainWithoutRoot()).expect(PURPOSE).build());
        cases.add(trusting(root, "anyExtendedKeyUsage only is not serverAuth for OpenSSL").present(pki.leaf(TestPki.HOST)
                .sanDns(TestPki.HOST).extension("2.5.29.37", false, der(new DERSequence(KeyPurposeId.anyExtendedKeyUsage)))
                .issuedBy(root).build().certificate()).expect(PURPOSE).build());
        IssuedCertificate pathZeroRoot = pki.root("path length 0 root").pathLength(0).build();
        IssuedCertificate belowPathZero = pki.intermediate("below path length 0").issuedBy(pathZeroRoot).build();
        cases.add(trusting(pathZeroRoot, "pathLen exceeded").present(pki.server().issuedBy(belowPathZero).build()
                .chainWithoutRoot()).expect(TOO_LONG).build());
        IssuedCertificate second = pki.intermediate("second intermediate").issuedBy(pki.intermediate).build();
        cases.add(trusting(root, "chain too long for verify depth 1").present(pki.server().issuedBy(second).build()
                .chainWithoutRoot()).maxDepth(1).build());
        cases.add(trusting(root, "chain just within verify depth 2").present(pki.server().issuedBy(second).build()
                .chainWithoutRoot()).maxDepth(2).expect(0).build());
        cases.add(trusting(root, "verify depth 0 with the leaf issued by the anchor").present(server.certificate())
                .maxDepth(0).expect(0).build());

        IssuedCertificate revoked = pki.server().crlDistributionPoint("http://crl.sip.test/root.crl").issuedBy(root).build();
        IssuedCrl rootCrl = CrlSpec.issuedBy(root).revoke(revoked).now(pki.now).build();
        cases.add(trusting(root, "revoked, CRL checking on").present(revoked.certificate())
                .crlCheck(CrlCheck.LEAF, rootCrl.crl()).expect(REVOKED).build());
        cases.add(trusting(root, "revoked, CRL checking off").present(revoked.certificate()).expect(0).build());
        cases.add(trusting(root, "CRL checking on, no CRL").present(server.certificate()).crlCheck(CrlCheck.LEAF)
                .expect(CRL).build());
        cases.add(trusting(root, "CRL checking on, CRL expired").present(server.certificate())
                .crlCheck(CrlCheck.LEAF, CrlSpec.issuedBy(root).now(pki.now).expired().build().crl()).expect(CRL).build());
        cases.add(trusting(root, "CRL checking on, CRL from an impostor").present(server.certificate())
                .crlCheck(CrlCheck.LEAF, CrlSpec.issuedBy(pki.impostorRoot).now(pki.now).build().crl()).expect(CRL).build());
        cases.add(trusting(root, "whole-chain CRL checking, intermediate revoked").present(viaIntermediate.chainWithoutRoot())
                .crlCheck(CrlCheck.CHAIN, CrlSpec.issuedBy(root).revoke(pki.intermediate).now(pki.now).build().crl(),
                        CrlSpec.issuedBy(pki.intermediate).now(pki.now).build().crl()).build());

        cases.add(trusting(root, "wrong host").present(server.certificate()).host("other.sip.test").expect(IDENTITY).build());
        IssuedCertificate wildcard = pki.leaf("*.sip.test").sanDns("*.sip.test").serverAuth().issuedBy(root).build();
        cases.add(trusting(root, "wildcard, not allowed").present(wildcard.certificate()).expect(IDENTITY).build());
        cases.add(trusting(root, "wildcard, allowed").present(wildcard.certificate()).wildcards().expect(0).build());
        cases.add(trusting(root, "wildcard, allowed, two labels").present(wildcard.certificate()).wildcards()
                .host("a.pbx.sip.test").expect(IDENTITY).build());
        cases.add(trusting(root, "wildcard in the CN only, allowed").present(pki.leaf("*.sip.test").serverAuth()
                .issuedBy(root).build().certificate()).wildcards().expect(0).build());
        cases.add(trusting(root, "SAN URI sip:").present(pki.leaf("pbx").sanUri("sip:pbx.sip.test").serverAuth()
                .issuedBy(root).build().certificate()).expect(0).build());
        cases.add(trusting(root, "SAN URI sip: with parameters names the whole rest").present(pki.leaf("pbx")
                .sanUri("sip:pbx.sip.test;transport=tls").serverAuth().issuedBy(root).build().certificate())
                .expect(IDENTITY).build());
        cases.add(trusting(root, "IPv4 address in SAN").present(server.certificate()).host("127.0.0.1").expect(0).build());
        IssuedCertificate ipv6 = pki.leaf("pbx").sanIp("::1").serverAuth().issuedBy(root).build();
        cases.add(trusting(root, "IPv6 address in SAN").present(ipv6.certificate()).host("::1").expect(0).build());
        cases.add(trusting(root, "CN fallback with SANs present").present(pki.leaf(TestPki.HOST).sanDns("wrong.sip.test")
                .serverAuth().issuedBy(root).build().certificate()).host("PBX.SIP.TEST").expect(0).build());

        java.security.KeyPair rsaKey = KeyAlgorithm.RSA_2048.generate(pki.random);
        IssuedCertificate rsaRoot = CertificateSpec.root("sipshield RSA test root").keyPair(rsaKey).now(pki.now).build();
        IssuedCertificate constrained = pki.root("constrained root").testNameConstraints().build();
        cases.add(trusting(constrained, "name constraints respected").present(pki.server().issuedBy(constrained).build()
                .certificate()).expect(0).build());
        cases.add(trusting(constrained, "SAN outside the name constraints").present(pki.leaf("pbx.example.com")
                .sanDns("pbx.example.com").serverAuth().issuedBy(constrained).build().certificate())
                .host("pbx.example.com").expect(UNKNOWN).build());
        cases.add(trusting(constrained, "CN outside the name constraints, no SAN (OpenSSL's CN rule)")
                .present(pki.leaf("pbx.example.com").serverAuth().issuedBy(constrained).build().certificate())
                .host("pbx.example.com").expect(UNKNOWN).build());
        cases.add(trusting(constrained, "IP outside the name constraints").present(pki.leaf("pbx").sanIp("192.0.2.7")
                .serverAuth().issuedBy(constrained).build().certificate()).host("192.0.2.7").expect(UNKNOWN).build());
        cases.add(trusting(root, "unknown critical extension").present(pki.server().unknownCriticalExtension()
                .issuedBy(root).build().certificate()).expect(UNKNOWN).build());
        java.security.KeyPair rsaLeafKey = KeyAlgorithm.RSA_2048.generate(pki.random);
        cases.add(trusting(rsaRoot, "MD5 signature under an RSA root").present(pki.server().keyPair(rsaLeafKey)
                .issuedBy(rsaRoot).signatureAlgorithm("MD5withRSA").build().certificate()).expect(UNKNOWN).build());
        cases.add(trusting(rsaRoot, "SHA-1 signature").present(pki.server().keyPair(rsaLeafKey).issuedBy(rsaRoot)
                .signatureAlgorithm("SHA1withRSA").build().certificate()).expect(UNKNOWN).build());
        cases.add(trusting(rsaRoot, "SHA-1 signature at security level 0").present(pki.server().keyPair(rsaLeafKey)
                .issuedBy(rsaRoot).signatureAlgorithm("SHA1withRSA").build().certificate()).securityLevel(0)
                .expect(0).build());
        X509Certificate rsa1024 = pki.server().keyPair(KeyAlgorithm.RSA_1024.generate(pki.random)).issuedBy(root).build()
                .certificate();
        cases.add(trusting(root, "RSA 1024 key at security level 1").present(rsa1024).expect(0).build());
        cases.add(trusting(root, "RSA 1024 key at security level 2").present(rsa1024).securityLevel(2).expect(UNKNOWN).build());
        X509Certificate rsa512 = pki.server().keyPair(TestPki.rsaKey(512, pki.random)).issuedBy(root).build().certificate();
        cases.add(trusting(root, "RSA 512 key").present(rsa512).expect(UNKNOWN).build());
        cases.add(trusting(pki.otherRoot, "RSA 512 key from an unknown CA").present(rsa512).build());
        IssuedCertificate weakCa = CertificateSpec.intermediate("weak CA").keyPair(TestPki.rsaKey(512, pki.random))
                .now(pki.now).issuedBy(root).build();
        cases.add(trusting(root, "CA key too small").present(pki.server().issuedBy(weakCa).build().chainWithoutRoot())
                .expect(UNKNOWN).build());

        X509Certificate pinned = pki.server().build().certificate();
        cases.add(trusting(root, "self-signed server in the trust store").trust(pinned).present(pinned).expect(0).build());
        cases.add(trusting(root, "chain sent in the wrong order").present(reversed(pki.server().issuedBy(second).build()
                .chain())).expect(0).build());
        cases.add(trusting(root, "client certificate checked as a client").present(CertificateSpec.leaf("phone")
                .clientAuth().keyPair(pki.serverKeys).now(pki.now).issuedBy(root).build().certificate())
                .purpose(TlsPurpose.CLIENT).host("phone").expect(0).build());
        cases.add(trusting(root, "server certificate checked as a client").present(server.certificate())
                .purpose(TlsPurpose.CLIENT).expect(PURPOSE).build());
        return cases;
    }

    private static VerificationCase.Builder trusting(IssuedCertificate anchor, String name) {
        return VerificationCase.named(name).trust(anchor.certificate()).at(pki.now);
    }

    private static List<X509Certificate> reversed(List<X509Certificate> chain) {
        List<X509Certificate> copy = new ArrayList<>(chain.subList(1, chain.size()));
        Collections.reverse(copy);
        copy.add(0, chain.get(0));
        return copy;
    }

    private static byte[] der(DERSequence sequence) {
        try {
            return sequence.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}

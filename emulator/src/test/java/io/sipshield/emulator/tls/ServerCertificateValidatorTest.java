package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.CrlSpec;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator on its own (the differential test compares it with OpenSSL): documented bitmasks,
 * where each error is reported and with what, and the settings' limits.
 */
class ServerCertificateValidatorTest {

    private static final FixtureCatalog CATALOG = FixtureCatalog.create();
    private static final TestPki PKI = new TestPki(Instant.now(), 7);

    private final ServerCertificateValidator phone = ServerCertificateValidator.builder()
            .trust(CATALOG.get(FixtureName.TEST_ROOT).certificate()).build();

    private VerifyResult validate(FixtureName server, String host) {
        return phone.validate(CATALOG.get(server).chainWithoutRoot(), host, Instant.now());
    }

    private static List<VerifyError> errors(VerifyResult result) {
        return result.findings().stream().map(VerifyFinding::error).toList();
    }

    @Test
    void trustedServerForTheDialledHostIsClean() {
        VerifyResult result = validate(FixtureName.PBX_SERVER, "pbx.sip.test");
        assertEquals(0, result.bitmask(), result::toString);
        assertTrue(result.ok());
        assertEquals(2, result.path().size(), "leaf then the trusted root");
    }

    @Test
    void ipAddressInSanMatchesTheDialledAddress() {
        assertEquals(0, validate(FixtureName.PBX_SERVER, "127.0.0.1").bitmask());
    }

    @Test
    void certificateForAnotherHostSetsOnlyIdentityNotMatch() {
        VerifyResult result = validate(FixtureName.OTHER_HOST_SERVER, "pbx.sip.test");
        assertEquals(0x40000000L, result.bitmask(), result::toString);
        assertEquals(List.of(VerifyError.IDENTITY_NOT_MATCH), errors(result));
        assertTrue(result.findings().get(0).detail().contains("DNS:other.sip.test"), result::toString);
    }

    @Test
    void unknownCaGivesUntrustedAndLeafSignatureFlagsAtDepthZero() {
        VerifyResult result = validate(FixtureName.PBX_SERVER_UNKNOWN_CA, "pbx.sip.test");
        assertEquals(0x22L, result.bitmask(), result::toString);
        assertEquals(List.of(VerifyError.UNABLE_TO_GET_ISSUER_CERT_LOCALLY, VerifyError.UNABLE_TO_VERIFY_LEAF_SIGNATURE),
                errors(result));
        assertTrue(result.findings().stream().allMatch(f -> f.depth() == 0), result::toString);
        assertEquals(1, result.path().size(), "no issuer was found");
    }

    @Test
    void digiumWorkedExampleUnknownCaAndWrongHost() {
        assertEquals(0x40000022L, validate(FixtureName.PBX_SERVER_UNKNOWN_CA, "other.sip.test").bitmask());
    }

    @Test
    void selfSignedServerIsUntrusted() {
        VerifyResult result = validate(FixtureName.PBX_SERVER_SELF_SIGNED, "pbx.sip.test");
        assertEquals(0x2L, result.bitmask(), result::toString);
        assertEquals(List.of(VerifyError.DEPTH_ZERO_SELF_SIGNED_CERT), errors(result));
    }

    @Test
    void expiredLeafFromTrustedCaSetsValidityPeriod() {
        VerifyResult result = validate(FixtureName.PBX_SERVER_EXPIRED, "pbx.sip.test");
        assertEquals(0x4L, result.bitmask(), result::toString);
        assertEquals(List.of(VerifyError.CERT_HAS_EXPIRED), errors(result));
    }

    @Test
    void phoneClockDecidesValidity() {
        VerifyResult in1970 = phone.validate(CATALOG.get(FixtureName.PBX_SERVER).chainWithoutRoot(), "pbx.sip.test",
                Instant.EPOCH);
        assertEquals(VerifyFlag.EVALIDITY_PERIOD.bit(), in1970.bitmask(), in1970::toString);
        assertEquals(List.of(1, 0), in1970.findings().stream().map(VerifyFinding::depth).toList(),
                "the root, then the leaf: OpenSSL checks from the top down");
    }

    @Test
    void intermediateTrustedWithoutItsRootIsIssuerNotFoundUnlessPartialChainsAreAllowed() {
        IssuedCertificate leaf = PKI.server().issuedBy(PKI.intermediate).build();
        ServerCertificateValidator.Builder trustsIntermediate = ServerCertificateValidator.builder()
                .trust(PKI.intermediate.certificate());
        VerifyResult strict = trustsIntermediate.build().validate(List.of(leaf.certificate()), TestPki.HOST, PKI.now);
        assertEquals(0x1L, strict.bitmask(), strict::toString);
        assertEquals(1, strict.findings().get(0).depth());
        VerifyResult partial = trustsIntermediate.partialChain(true).build()
                .validate(List.of(leaf.certificate()), TestPki.HOST, PKI.now);
        assertEquals(0, partial.bitmask(), partial::toString);
    }

    @Test
    void caWithoutKeyCertSignIsReportedAtTheIssuersDepth() {
        IssuedCertificate ca = PKI.intermediate("no certsign").caWithoutKeyCertSign().issuedBy(PKI.root).build();
        IssuedCertificate leaf = PKI.server().issuedBy(ca).build();
        VerifyResult result = trusting(PKI.root).validate(leaf.chainWithoutRoot(), TestPki.HOST, PKI.now);
        assertEquals(0x30L, result.bitmask(), result::toString);
        assertEquals(List.of(VerifyError.INVALID_CA, VerifyError.INVALID_PURPOSE, VerifyError.KEYUSAGE_NO_CERTSIGN),
                errors(result));
        assertTrue(result.findings().stream().allMatch(f -> f.depth() == 1), result::toString);
    }

    @Test
    void clientAuthOnlyLeafHasInvalidPurposeButPassesAsAClient() {
        IssuedCertificate clientOnly = PKI.leaf(TestPki.HOST).sanDns(TestPki.HOST).clientAuth().issuedBy(PKI.root).build();
        assertEquals(0x10L, trusting(PKI.root).validate(clientOnly.chainWithoutRoot(), TestPki.HOST, PKI.now).bitmask());
        ServerCertificateValidator pbx = ServerCertificateValidator.builder().trust(PKI.root.certificate())
                .purpose(TlsPurpose.CLIENT).build();
        assertEquals(0, pbx.validate(clientOnly.chainWithoutRoot(), TestPki.HOST, PKI.now).bitmask());
    }

    @Test
    void pathLengthAndVerifyDepthLimitTheChain() {
        IssuedCertificate first = PKI.intermediate("first").issuedBy(PKI.root).build();
        IssuedCertificate second = PKI.intermediate("second").issuedBy(first).build();
        IssuedCertificate leaf = PKI.server().issuedBy(second).build();
        ServerCertificateValidator shallow = ServerCertificateValidator.builder().trust(PKI.root.certificate())
                .maxDepth(1).build();
        VerifyResult result = shallow.validate(leaf.chainWithoutRoot(), TestPki.HOST, PKI.now);
        assertTrue(errors(result).contains(VerifyError.CERT_CHAIN_TOO_LONG), result::toString);
        assertTrue((result.bitmask() & VerifyFlag.ECHAIN_TOO_LONG.bit()) != 0, result::toString);
        assertEquals(0, trusting(PKI.root).validate(leaf.chainWithoutRoot(), TestPki.HOST, PKI.now).bitmask());
    }

    @Test
    void revokedServerIsReportedOnlyWhenCrlCheckingIsOn() {
        IssuedCertificate leaf = PKI.server().issuedBy(PKI.root).build();
        ServerCertificateValidator.Builder builder = ServerCertificateValidator.builder().trust(PKI.root.certificate())
                .crl(CrlSpec.issuedBy(PKI.root).revoke(leaf).now(PKI.now).build().crl());
        assertEquals(0, builder.build().validate(List.of(leaf.certificate()), TestPki.HOST, PKI.now).bitmask());
        VerifyResult checked = builder.crlCheck(CrlCheck.LEAF).build()
                .validate(List.of(leaf.certificate()), TestPki.HOST, PKI.now);
        assertEquals(0x80L, checked.bitmask(), checked::toString);
        assertTrue(checked.findings().get(0).detail().contains("is on the CRL"), checked::toString);
    }

    @Test
    void missingCrlWithCheckingOnIsACrlFailure() {
        IssuedCertificate leaf = PKI.server().issuedBy(PKI.root).build();
        VerifyResult result = ServerCertificateValidator.builder().trust(PKI.root.certificate()).crlCheck(CrlCheck.LEAF)
                .build().validate(List.of(leaf.certificate()), TestPki.HOST, PKI.now);
        assertEquals(List.of(VerifyError.UNABLE_TO_GET_CRL), errors(result));
        assertEquals(0x40L, result.bitmask());
    }

    @Test
    void wildcardMatchesOneLabelOnlyWhenAllowed() {
        IssuedCertificate wildcard = PKI.leaf("*.sip.test").sanDns("*.sip.test").serverAuth().issuedBy(PKI.root).build();
        ServerCertificateValidator lenient = ServerCertificateValidator.builder()
                .trust(PKI.root.certificate()).allowWildcards(true).build();
        assertEquals(0x40000000L, trusting(PKI.root).validate(wildcard.chainWithoutRoot(), TestPki.HOST, PKI.now).bitmask());
        assertEquals(0, lenient.validate(wildcard.chainWithoutRoot(), TestPki.HOST, PKI.now).bitmask());
        assertEquals(0x40000000L, lenient.validate(wildcard.chainWithoutRoot(), "a.pbx.sip.test", PKI.now).bitmask());
    }

    @Test
    void commonNameIsUsedEvenWhenSansExist() {
        IssuedCertificate cnRight = PKI.leaf(TestPki.HOST).sanDns("wrong.sip.test").serverAuth().issuedBy(PKI.root).build();
        assertEquals(0, trusting(PKI.root).validate(cnRight.chainWithoutRoot(), "PBX.sip.test", PKI.now).bitmask());
    }

    @Test
    void sipUriSanNamesEverythingAfterTheScheme() {
        IssuedCertificate plain = PKI.leaf("pbx").sanUri("sip:pbx.sip.test").serverAuth().issuedBy(PKI.root).build();
        IssuedCertificate withParameters = PKI.leaf("pbx").sanUri("sip:pbx.sip.test;transport=tls").serverAuth()
                .issuedBy(PKI.root).build();
        assertEquals(0, trusting(PKI.root).validate(plain.chainWithoutRoot(), TestPki.HOST, PKI.now).bitmask());
        assertEquals(0x40000000L, trusting(PKI.root).validate(withParameters.chainWithoutRoot(), TestPki.HOST, PKI.now)
                .bitmask(), "PJSIP compares the whole rest of the URI, parameters included");
    }

    @Test
    void intermediateIsFoundInThePresentedChainInAnyOrder() {
        IssuedCertificate leaf = PKI.server().issuedBy(PKI.intermediate).build();
        VerifyResult withIntermediate = trusting(PKI.root).validate(List.of(leaf.certificate(),
                PKI.root.certificate(), PKI.intermediate.certificate()), TestPki.HOST, PKI.now);
        assertTrue(withIntermediate.ok(), withIntermediate::toString);
        assertEquals(List.of(leaf.certificate(), PKI.intermediate.certificate(), PKI.root.certificate()),
                withIntermediate.path());
        VerifyResult missing = trusting(PKI.root).validate(List.of(leaf.certificate()), TestPki.HOST, PKI.now);
        assertEquals(0x22L, missing.bitmask(), missing::toString);
        assertFalse(missing.ok());
    }

    @Test
    void expiredRootIsReportedAtItsDepth() {
        IssuedCertificate oldRoot = PKI.root("old root").validity(Duration.ofDays(-400), Duration.ofDays(-2)).build();
        IssuedCertificate leaf = PKI.server().issuedBy(oldRoot).build();
        VerifyResult result = trusting(oldRoot).validate(leaf.chainWithoutRoot(), TestPki.HOST, PKI.now);
        assertEquals(0x4L, result.bitmask());
        assertEquals(1, result.findings().get(0).depth());
        assertEquals(oldRoot.certificate().getSubjectX500Principal().getName(), result.findings().get(0).subject());
    }

    @Test
    void nameConstraintsOfTheRootBindTheLeaf() {
        IssuedCertificate constrained = PKI.root("constrained").testNameConstraints().build();
        IssuedCertificate outside = PKI.leaf("pbx.example.com").sanDns("pbx.example.com").serverAuth()
                .issuedBy(constrained).build();
        VerifyResult result = trusting(constrained).validate(outside.chainWithoutRoot(), "pbx.example.com", PKI.now);
        assertEquals(List.of(VerifyError.PERMITTED_VIOLATION), errors(result));
        assertEquals(0x80000000L, result.bitmask());
    }

    @Test
    void everyFindingNamesItsCodeAndASentence() {
        VerifyResult result = validate(FixtureName.PBX_SERVER_UNKNOWN_CA, "other.sip.test");
        for (VerifyFinding finding : result.findings()) {
            assertFalse(finding.detail().isBlank(), finding::toString);
        }
        assertEquals("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", result.findings().get(0).error().codeName());
        assertEquals("PJ_SSL_CERT_EIDENTITY_NOT_MATCH", VerifyError.IDENTITY_NOT_MATCH.codeName());
        assertEquals(79, VerifyError.INVALID_CA.code(), "OpenSSL 3.0's number");
    }

    @Test
    void refusesAnEmptyChainAndBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> phone.validate(List.of(), "pbx.sip.test", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> ServerCertificateValidator.builder().maxDepth(-1));
        assertThrows(IllegalArgumentException.class, () -> ServerCertificateValidator.builder().securityLevel(6));
    }

    private static ServerCertificateValidator trusting(IssuedCertificate anchor) {
        return ServerCertificateValidator.builder().trust(anchor.certificate()).build();
    }
}

package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCertificateValidatorTest {

    private static final FixtureCatalog CATALOG = FixtureCatalog.create();

    private final ServerCertificateValidator phone = ServerCertificateValidator.builder()
            .trust(CATALOG.get(FixtureName.TEST_ROOT).certificate()).build();

    private VerifyResult validate(FixtureName server, String host) {
        return phone.validate(CATALOG.get(server).chainWithoutRoot(), host, Instant.now());
    }

    @Test
    void trustedServerForTheDialledHostIsClean() {
        VerifyResult result = validate(FixtureName.PBX_SERVER, "pbx.sip.test");
        assertEquals(0, result.bitmask(), result::toString);
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
        assertEquals(List.of(VerifyError.IDENTITY_NOT_MATCH), result.findings().stream().map(VerifyFinding::error).toList());
    }

    @Test
    void unknownCaGivesUntrustedAndLeafSignatureFlags() {
        VerifyResult result = validate(FixtureName.PBX_SERVER_UNKNOWN_CA, "pbx.sip.test");
        assertEquals(0x22L, result.bitmask(), result::toString);
        assertEquals(List.of(VerifyError.UNABLE_TO_GET_ISSUER_CERT_LOCALLY, VerifyError.UNABLE_TO_VERIFY_LEAF_SIGNATURE),
                result.findings().stream().map(VerifyFinding::error).toList());
    }

    @Test
    void digiumWorkedExampleUnknownCaAndWrongHost() {
        assertEquals(0x40000022L, validate(FixtureName.PBX_SERVER_UNKNOWN_CA, "other.sip.test").bitmask());
    }

    @Test
    void selfSignedServerIsUntrusted() {
        VerifyResult result = validate(FixtureName.PBX_SERVER_SELF_SIGNED, "pbx.sip.test");
        assertEquals(0x2L, result.bitmask(), result::toString);
        assertEquals(VerifyError.DEPTH_ZERO_SELF_SIGNED_CERT, result.findings().get(0).error());
    }

    @Test
    void expiredLeafFromTrustedCaSetsValidityPeriod() {
        assertEquals(0x4L, validate(FixtureName.PBX_SERVER_EXPIRED, "pbx.sip.test").bitmask());
    }

    @Test
    void phoneClockDecidesValidity() {
        VerifyResult in1970 = phone.validate(CATALOG.get(FixtureName.PBX_SERVER).chainWithoutRoot(), "pbx.sip.test",
                Instant.EPOCH);
        assertEquals(VerifyFlag.EVALIDITY_PERIOD.bit(), in1970.bitmask(), in1970::toString);
        assertEquals(2, in1970.findings().size(), "the leaf and the root are both not yet valid");
    }

    @Test
    void clientAuthOnlyLeafHasInvalidPurpose() {
        IssuedCertificate clientOnly = CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").clientAuth()
                .issuedBy(CATALOG.get(FixtureName.TEST_ROOT)).build();
        assertEquals(0x10L, phone.validate(clientOnly.chainWithoutRoot(), "pbx.sip.test", Instant.now()).bitmask());
    }

    @Test
    void wildcardMatchesOneLabelOnlyWhenAllowed() {
        IssuedCertificate wildcard = CertificateSpec.leaf("*.sip.test").sanDns("*.sip.test").serverAuth()
                .issuedBy(CATALOG.get(FixtureName.TEST_ROOT)).build();
        ServerCertificateValidator lenient = ServerCertificateValidator.builder()
                .trust(CATALOG.get(FixtureName.TEST_ROOT).certificate()).allowWildcards(true).build();
        assertEquals(0x40000000L, phone.validate(wildcard.chainWithoutRoot(), "pbx.sip.test", Instant.now()).bitmask());
        assertEquals(0, lenient.validate(wildcard.chainWithoutRoot(), "pbx.sip.test", Instant.now()).bitmask());
        assertEquals(0x40000000L, lenient.validate(wildcard.chainWithoutRoot(), "a.pbx.sip.test", Instant.now()).bitmask());
    }

    @Test
    void commonNameIsUsedEvenWhenSansExist() {
        IssuedCertificate cnRight = CertificateSpec.leaf("pbx.sip.test").sanDns("wrong.sip.test").serverAuth()
                .issuedBy(CATALOG.get(FixtureName.TEST_ROOT)).build();
        assertEquals(0, phone.validate(cnRight.chainWithoutRoot(), "PBX.sip.test", Instant.now()).bitmask());
    }

    @Test
    void sipUriSanHostMatches() {
        IssuedCertificate uriOnly = CertificateSpec.leaf("pbx").sanUri("sip:pbx.sip.test;transport=tls").serverAuth()
                .issuedBy(CATALOG.get(FixtureName.TEST_ROOT)).build();
        assertEquals(0, phone.validate(uriOnly.chainWithoutRoot(), "pbx.sip.test", Instant.now()).bitmask());
    }

    @Test
    void intermediateIsFoundInThePresentedChain() {
        IssuedCertificate intermediate = CertificateSpec.intermediate("sipshield test intermediate")
                .issuedBy(CATALOG.get(FixtureName.TEST_ROOT)).build();
        IssuedCertificate leaf = CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").serverAuth()
                .issuedBy(intermediate).build();
        VerifyResult withIntermediate = phone.validate(leaf.chainWithoutRoot(), "pbx.sip.test", Instant.now());
        assertTrue(withIntermediate.ok(), withIntermediate::toString);
        assertEquals(3, withIntermediate.path().size());
        VerifyResult missing = phone.validate(List.of(leaf.certificate()), "pbx.sip.test", Instant.now());
        assertEquals(0x22L, missing.bitmask(), missing::toString);
        assertFalse(missing.ok());
    }

    @Test
    void expiredRootIsReportedAtItsDepth() {
        IssuedCertificate oldRoot = CertificateSpec.root("old root").validity(Duration.ofDays(-400), Duration.ofDays(-2)).build();
        IssuedCertificate leaf = CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").serverAuth()
                .issuedBy(oldRoot).build();
        ServerCertificateValidator trustsOld = ServerCertificateValidator.builder().trust(oldRoot.certificate()).build();
        VerifyResult result = trustsOld.validate(leaf.chainWithoutRoot(), "pbx.sip.test", Instant.now());
        assertEquals(0x4L, result.bitmask());
        assertEquals(1, result.findings().get(0).depth());
    }
}

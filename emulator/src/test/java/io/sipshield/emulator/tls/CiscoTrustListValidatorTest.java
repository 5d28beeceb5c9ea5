package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.certs.cisco.TrustListRole;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CiscoTrustListValidatorTest {

    private static final TestPki PKI = new TestPki(Instant.now(), 13);
    private static final X509Certificate ASTERISK = PKI.server().build().certificate();
    private static final X509Certificate RSA_SERVER = PKI.server().keyPair(KeyAlgorithm.RSA_2048.generate(PKI.random))
            .build().certificate();

    private static VerifyResult judge(CiscoConnection connection, X509Certificate presented,
                                      TrustListEntry... trustList) {
        return CiscoTrustListValidator.builder().entries(List.of(trustList)).connection(connection).build()
                .validate(List.of(presented), TestPki.HOST, PKI.now);
    }

    @Test
    void sipTlsAcceptsTheServerPinnedAsCcmOrCcmTftp() {
        assertEquals(0, judge(CiscoConnection.SIP_TLS, ASTERISK, new TrustListEntry(ASTERISK, TrustListRole.CCM)).bitmask());
        assertEquals(0, judge(CiscoConnection.SIP_TLS, ASTERISK, new TrustListEntry(ASTERISK, TrustListRole.CCM_TFTP)).bitmask());
    }

    @Test
    void pinnedUnderAnotherRoleIsInvalidPurpose() {
        VerifyResult result = judge(CiscoConnection.SIP_TLS, ASTERISK, new TrustListEntry(ASTERISK, TrustListRole.APP_SERVER));
        assertEquals(VerifyFlag.EINVALID_PURPOSE.bit(), result.bitmask(), result::toString);
        assertTrue(result.findings().get(0).detail().contains("APP-SERVER"), result::toString);
    }

    @Test
    void absentFromTheTrustListIsUntrustedEvenWhenAnotherCertificateHasTheRole() {
        VerifyResult result = judge(CiscoConnection.SIP_TLS, ASTERISK, new TrustListEntry(RSA_SERVER, TrustListRole.CCM));
        assertEquals(VerifyFlag.EUNTRUSTED.bit(), result.bitmask(), result::toString);
        assertEquals(VerifyError.CERT_UNTRUSTED, result.findings().get(0).error());
    }

    @Test
    void httpsProvisioningNeedsATftpRecordWithAnEcKey() {
        assertEquals(0, judge(CiscoConnection.HTTPS_PROVISIONING, ASTERISK,
                new TrustListEntry(ASTERISK, TrustListRole.TFTP)).bitmask());
        VerifyResult rsa = judge(CiscoConnection.HTTPS_PROVISIONING, RSA_SERVER,
                new TrustListEntry(RSA_SERVER, TrustListRole.TFTP));
        assertEquals(VerifyFlag.EINVALID_PURPOSE.bit(), rsa.bitmask(), rsa::toString);
        assertEquals(VerifyFlag.EINVALID_PURPOSE.bit(), judge(CiscoConnection.HTTPS_PROVISIONING, ASTERISK,
                new TrustListEntry(ASTERISK, TrustListRole.CCM)).bitmask());
    }

    @Test
    void httpsServicesNeedAnAppServerRecord() {
        assertEquals(0, judge(CiscoConnection.HTTPS_SERVICES, ASTERISK,
                new TrustListEntry(ASTERISK, TrustListRole.APP_SERVER)).bitmask());
        assertEquals(VerifyFlag.EINVALID_PURPOSE.bit(), judge(CiscoConnection.HTTPS_SERVICES, ASTERISK,
                new TrustListEntry(ASTERISK, TrustListRole.CCM)).bitmask());
    }

    @Test
    void hostnameIsCheckedOnlyWhenAskedFor() {
        CiscoTrustListValidator.Builder builder = CiscoTrustListValidator.builder().entry(ASTERISK, TrustListRole.CCM);
        assertEquals(0, builder.build().validate(List.of(ASTERISK), "other.sip.test", PKI.now).bitmask());
        assertEquals(VerifyFlag.EIDENTITY_NOT_MATCH.bit(), builder.checkHostname(true).build()
                .validate(List.of(ASTERISK), "other.sip.test", PKI.now).bitmask());
    }
}

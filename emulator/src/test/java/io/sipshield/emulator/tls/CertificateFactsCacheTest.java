package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsed certificate facts shared by DER bytes, bounded; the verdict is still computed per chain. */
class CertificateFactsCacheTest {

    private static final TestPki PKI = new TestPki(Instant.now(), 11);

    @Test
    void theSameBytesAreReadOnceEvenWhenDecodedAgain() throws Exception {
        CertificateFactsCache cache = new CertificateFactsCache(4);
        X509Certificate root = PKI.root.certificate();
        X509Certificate sameBytes = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(root.getEncoded()));

        CertificateFacts first = cache.facts(root);
        assertSame(first, cache.facts(sameBytes));
        assertEquals(1, cache.size());
        CertificateFacts other = cache.facts(PKI.intermediate.certificate());
        assertNotSame(first, other);
        assertTrue(first.selfSigned);
        assertEquals("sipshield test intermediate", other.subjectText().replace("CN=", "").split(",")[0]);
        assertEquals(2, cache.size());
    }

    @Test
    void pastItsCapacityCertificatesAreReadEachTimeAndNotKept() {
        CertificateFactsCache cache = new CertificateFactsCache(1);
        cache.facts(PKI.root.certificate());
        X509Certificate intermediate = PKI.intermediate.certificate();
        CertificateFacts once = cache.facts(intermediate);
        assertNotSame(once, cache.facts(intermediate));
        assertEquals(1, cache.size());
        assertThrows(IllegalArgumentException.class, () -> new CertificateFactsCache(-1));
    }

    @Test
    void aValidatorStillJudgesEveryHandshakeAfterTheChainIsKnown() {
        X509Certificate leaf = PKI.root.certificate(); // a self-signed root is no server certificate for the host
        ServerCertificateValidator validator = ServerCertificateValidator.builder().trust(PKI.root.certificate()).build();
        VerifyResult now = validator.validate(List.of(leaf), TestPki.HOST, PKI.now);
        // the same chain again, the phone's clock far past the certificate's end: the verdict changes
        VerifyResult later = validator.validate(List.of(leaf), TestPki.HOST, PKI.now.plus(Duration.ofDays(365 * 200)));
        assertTrue(now.flags().contains(VerifyFlag.EIDENTITY_NOT_MATCH), now.toString());
        assertFalse(now.flags().contains(VerifyFlag.EVALIDITY_PERIOD), now.toString());
        assertTrue(later.flags().contains(VerifyFlag.EVALIDITY_PERIOD), later.toString());
    }
}

package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SessionDescription;
import org.junit.jupiter.api.Test;

/** Asterisk's offer classification (shared/design/DEVICES.md §E), one rule per test. */
class AsteriskMediaNegotiationTest {

    private static final String CRYPTO = "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";

    private static MediaDescription offer(String profile, String... attributes) {
        return SessionDescription.parse(SessionDescription.audioBody("-", 1, 1, "127.0.0.1", 30000, profile,
                java.util.List.of("0"), java.util.List.of(attributes))).audio();
    }

    @Test
    void sdesEndpointAcceptsSavpAndReusesTheOfferedTag() {
        AsteriskMediaNegotiation.Outcome outcome = AsteriskMediaNegotiation.negotiate(MediaEncryption.SDES,
                offer("RTP/SAVP", "crypto:7 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H"));
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class, outcome);
        assertEquals(7, srtp.offered().tag());
        assertEquals("RTP/SAVP", srtp.profile());
    }

    @Test
    void sdesEndpointOfferedPlainRtpWithoutCryptoIs488() {
        assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.SDES, offer("RTP/AVP")));
    }

    @Test
    void sdesEndpointTakesCryptoInsideRtpAvpAndAnswersSavp() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.SDES, offer("RTP/AVP", CRYPTO)));
        assertEquals("RTP/SAVP", srtp.profile());
    }

    @Test
    void sdesOfferWhoseCryptoLinesAreAllUnusableIs488() {
        assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class, AsteriskMediaNegotiation.negotiate(
                MediaEncryption.SDES, offer("RTP/SAVP", "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=")));
    }

    @Test
    void plainEndpointOfferedSavpIs488() {
        assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.NO, offer("RTP/SAVP", CRYPTO)));
    }

    @Test
    void plainEndpointTreatsOptimisticCryptoAsPlainRtp() {
        assertInstanceOf(AsteriskMediaNegotiation.PlainRtp.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.NO, offer("RTP/AVP", CRYPTO)));
    }

    // DEVICES.md §E test implications, through res_srtp's rules (AsteriskSdesRules)
    @Test
    void lifetimeOf2To31AndMkiStartingWith1AreTaken() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.SDES, offer("RTP/SAVP", CRYPTO + "|2^31|1:4")));
        assertEquals("1:4", srtp.offered().mki());
    }

    @Test
    void aShortLifetimeOrAnMkiNotStartingWith1Is488WithTheReason() {
        AsteriskMediaNegotiation.NotAcceptable lifetime = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.SDES, offer("RTP/SAVP", CRYPTO + "|2^10")));
        assertTrue(lifetime.why().contains("lifetime: Asterisk rejects a key lifetime below 2^20 packets, got 2^10"),
                lifetime.why());
        AsteriskMediaNegotiation.NotAcceptable mki = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.SDES, offer("RTP/SAVP", CRYPTO + "|2:4")));
        assertTrue(mki.why().contains("mki: "), mki.why());
        assertFalse(mki.why().contains("zZYH"), "no key in the reason: " + mki.why());
    }

    @Test
    void theFirstLineAsteriskCanUseWinsOverEarlierOnes() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                AsteriskMediaNegotiation.negotiate(MediaEncryption.SDES, offer("RTP/SAVP",
                        "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H KDR=0",
                        "crypto:2 AES_CM_128_HMAC_SHA1_32 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H")));
        assertEquals(2, srtp.offered().tag());
    }
}

package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Asterisk's offer classification (shared/design/DEVICES.md §E; res_pjsip_sdp_rtp.c
 * check_endpoint_media_transport and negotiate_incoming_sdp_stream), one row per test.
 */
class AsteriskMediaNegotiationTest {

    private static final String CRYPTO = "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";
    private static final String SHORT_KEY = "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=";

    private static final MockEndpoint SDES = new MockEndpoint("101", "pass101", MediaEncryption.SDES);
    private static final MockEndpoint OPTIMISTIC = SDES.withMediaEncryptionOptimistic(true);
    private static final MockEndpoint PLAIN = new MockEndpoint("103", "pass103", MediaEncryption.NO);

    private static MediaDescription offer(String profile, String... attributes) {
        return SessionDescription.parse(SessionDescription.audioBody("-", 1, 1, "127.0.0.1", 30000, profile,
                List.of("0"), List.of(attributes))).audio();
    }

    private static AsteriskMediaNegotiation.Outcome negotiate(MockEndpoint endpoint, String profile,
                                                              String... attributes) {
        return AsteriskMediaNegotiation.negotiate(endpoint, offer(profile, attributes));
    }

    // get_media_encryption_type

    @Test
    void offersAreClassifiedByProfileThenByCryptoLines() {
        assertEquals(AsteriskMediaNegotiation.Offered.DTLS,
                AsteriskMediaNegotiation.classify(offer("UDP/TLS/RTP/SAVP", "fingerprint:sha-256 AB")));
        assertEquals(AsteriskMediaNegotiation.Offered.SDES, AsteriskMediaNegotiation.classify(offer("RTP/SAVP")));
        assertEquals(AsteriskMediaNegotiation.Offered.SDES_OPTIMISTIC,
                AsteriskMediaNegotiation.classify(offer("RTP/AVP", CRYPTO)));
        assertEquals(AsteriskMediaNegotiation.Offered.NONE, AsteriskMediaNegotiation.classify(offer("RTP/AVP")));
    }

    // media_encryption=sdes, not optimistic

    @Test
    void sdesEndpointAcceptsSavpAndReusesTheOfferedTag() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                negotiate(SDES, "RTP/SAVP", "crypto:7 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H"));
        assertEquals(7, srtp.offered().tag());
        assertEquals("RTP/SAVP", srtp.profile());
    }

    @Test
    void sdesEndpointOfferedPlainRtpWithoutCryptoIs488() {
        AsteriskMediaNegotiation.NotAcceptable refused = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                negotiate(SDES, "RTP/AVP"));
        assertEquals("media_encryption=sdes and the offer is RTP/AVP without a=crypto", refused.why());
    }

    @Test
    void sdesEndpointTakesCryptoInsideRtpAvpAndAnswersInTheReceivedProfile() {
        // negotiate_incoming_sdp_stream: "encryption is on and crypto is present use the received transport"
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                negotiate(SDES, "RTP/AVP", CRYPTO));
        assertEquals("RTP/AVP", srtp.profile());
        assertEquals(1, srtp.offered().tag());
    }

    @Test
    void sdesOfferWhoseCryptoLinesAreAllUnusableIs488() {
        AsteriskMediaNegotiation.NotAcceptable refused = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                negotiate(SDES, "RTP/SAVP", SHORT_KEY));
        assertTrue(refused.why().startsWith("media_encryption=sdes: no usable a=crypto line"), refused.why());
    }

    @Test
    void savpWithoutAnyCryptoLineIs488() {
        assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class, negotiate(SDES, "RTP/SAVP"));
    }

    @Test
    void cryptoInsideRtpAvpWithOnlyUnusableLinesIs488WithoutOptimistic() {
        assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class, negotiate(SDES, "RTP/AVP", SHORT_KEY));
    }

    // media_encryption=sdes, media_encryption_optimistic=yes

    @Test
    void optimisticEndpointTakesSavp() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                negotiate(OPTIMISTIC, "RTP/SAVP", CRYPTO));
        assertEquals("RTP/SAVP", srtp.profile());
    }

    @Test
    void optimisticEndpointAnswersCryptoInRtpAvpWithCryptoInRtpAvp() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                negotiate(OPTIMISTIC, "RTP/AVP", "crypto:3 AES_CM_128_HMAC_SHA1_32 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H"));
        assertEquals("RTP/AVP", srtp.profile());
        assertEquals(3, srtp.offered().tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, srtp.offered().suite());
    }

    @Test
    void optimisticEndpointTakesAPlainOfferUnencrypted() {
        AsteriskMediaNegotiation.PlainRtp plain = assertInstanceOf(AsteriskMediaNegotiation.PlainRtp.class,
                negotiate(OPTIMISTIC, "RTP/AVP"));
        assertEquals("RTP/AVP", plain.profile());
    }

    @Test
    void optimisticEndpointFallsBackToPlainRtpWhenNoLineInRtpAvpIsUsable() {
        AsteriskMediaNegotiation.PlainRtp plain = assertInstanceOf(AsteriskMediaNegotiation.PlainRtp.class,
                negotiate(OPTIMISTIC, "RTP/AVP", SHORT_KEY));
        assertEquals("RTP/AVP", plain.profile());
    }

    @Test
    void optimisticEndpointStillRefusesSavpWithoutAUsableLine() {
        // HEAD's negotiate_incoming_sdp_stream: "This must also fail if crypto was required in the offer"
        AsteriskMediaNegotiation.NotAcceptable refused = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                negotiate(OPTIMISTIC, "RTP/SAVP", SHORT_KEY));
        assertTrue(refused.why().startsWith("media_encryption=sdes (optimistic): no usable"), refused.why());
    }

    // media_encryption=no

    @Test
    void plainEndpointOfferedSavpIs488() {
        AsteriskMediaNegotiation.NotAcceptable refused = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                negotiate(PLAIN, "RTP/SAVP", CRYPTO));
        assertEquals("media_encryption=no and the offer is RTP/SAVP", refused.why());
    }

    @Test
    void plainEndpointTreatsOptimisticCryptoAsPlainRtp() {
        AsteriskMediaNegotiation.PlainRtp plain = assertInstanceOf(AsteriskMediaNegotiation.PlainRtp.class,
                negotiate(PLAIN, "RTP/AVP", CRYPTO));
        assertEquals("RTP/AVP", plain.profile());
    }

    @Test
    void plainEndpointTakesPlainRtp() {
        assertInstanceOf(AsteriskMediaNegotiation.PlainRtp.class, negotiate(PLAIN, "RTP/AVP"));
    }

    @Test
    void optimisticHasNoEffectOnAPlainEndpoint() {
        // pjsip_config.xml: media_encryption_optimistic "only applies if media_encryption is set to 'sdes' or 'dtls'"
        MockEndpoint plainOptimistic = PLAIN.withMediaEncryptionOptimistic(true);
        assertFalse(plainOptimistic.optimistic());
        assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class, negotiate(plainOptimistic, "RTP/SAVP", CRYPTO));
    }

    // profiles the mock's endpoints never take

    @Test
    void avpfIsRefusedBecauseUseAvpfIsOff() {
        AsteriskMediaNegotiation.NotAcceptable refused = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                negotiate(OPTIMISTIC, "RTP/SAVPF", CRYPTO));
        assertEquals("use_avpf=no and the offer is RTP/SAVPF", refused.why());
        assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class, negotiate(PLAIN, "RTP/AVPF"));
    }

    @Test
    void dtlsIsRefusedByEveryEndpoint() {
        for (MockEndpoint endpoint : List.of(SDES, OPTIMISTIC, PLAIN)) {
            AsteriskMediaNegotiation.NotAcceptable refused = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                    negotiate(endpoint, "UDP/TLS/RTP/SAVP", "fingerprint:sha-256 AB"), endpoint.toString());
            assertTrue(refused.why().contains("DTLS-SRTP"), refused.why());
        }
    }

    // create_outgoing_sdp_stream and res_srtp, for the mock's own offers

    @Test
    void theMocksOwnOfferProfileAndSuiteFollowTheEndpoint() {
        assertEquals("RTP/SAVP", AsteriskMediaNegotiation.offerProfile(SDES));
        assertEquals("RTP/AVP", AsteriskMediaNegotiation.offerProfile(OPTIMISTIC));
        assertEquals("RTP/AVP", AsteriskMediaNegotiation.offerProfile(PLAIN));
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, SDES.offerSuite());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, SDES.withSrtpTag32(true).offerSuite());
    }

    // DEVICES.md §E test implications, through res_srtp's rules (AsteriskSdesRules)

    @Test
    void lifetimeOf2To31AndMkiStartingWith1AreTaken() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                negotiate(SDES, "RTP/SAVP", CRYPTO + "|2^31|1:4"));
        assertEquals("1:4", srtp.offered().mki());
    }

    @Test
    void aShortLifetimeOrAnMkiNotStartingWith1Is488WithTheReason() {
        AsteriskMediaNegotiation.NotAcceptable lifetime = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                negotiate(SDES, "RTP/SAVP", CRYPTO + "|2^10"));
        assertTrue(lifetime.why().contains("lifetime: Asterisk rejects a key lifetime below 2^20 packets, got 2^10"),
                lifetime.why());
        AsteriskMediaNegotiation.NotAcceptable mki = assertInstanceOf(AsteriskMediaNegotiation.NotAcceptable.class,
                negotiate(SDES, "RTP/SAVP", CRYPTO + "|2:4"));
        assertTrue(mki.why().contains("mki: "), mki.why());
        assertFalse(mki.why().contains("zZYH"), "no key in the reason: " + mki.why());
    }

    @Test
    void theFirstLineAsteriskCanUseWinsOverEarlierOnes() {
        AsteriskMediaNegotiation.Srtp srtp = assertInstanceOf(AsteriskMediaNegotiation.Srtp.class,
                negotiate(SDES, "RTP/SAVP",
                        "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H KDR=0",
                        "crypto:2 AES_CM_128_HMAC_SHA1_32 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H"));
        assertEquals(2, srtp.offered().tag());
    }
}

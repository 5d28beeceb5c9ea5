package io.sipshield.emulator.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SDES offer/answer per device policy (RFC 4568 §5, §7; DEVICES.md §B, §C, §A.3). */
class SdesNegotiatorTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = "zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";
    private static final String SHA1_80 = "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY;

    private static SdesNegotiator device(SrtpPolicy policy) {
        return SdesNegotiator.forPolicy(policy, RANDOM);
    }

    private static MediaDescription media(String profile, String... attributes) {
        return media(30000, profile, List.of(attributes));
    }

    private static MediaDescription media(int port, String profile, List<String> attributes) {
        List<String> all = new ArrayList<>(attributes);
        all.add("rtpmap:0 PCMU/8000");
        return SessionDescription.parse(SessionDescription.audioBody("-", 1, 1, "127.0.0.1", port, profile,
                List.of("0"), all)).audio();
    }

    private static MediaDescription answerTo(SdesOutcome.Srtp answer) {
        return media(answer.profile(), answer.local().toAttribute());
    }

    @Test
    void digiumOffersOnlyAes128Sha1_80OnRtpSavp() {
        SdesOffer offer = device(SrtpPolicy.DIGIUM).offer();
        assertEquals("RTP/SAVP", offer.profile());
        assertEquals(1, offer.crypto().size());
        CryptoAttribute line = offer.crypto().get(0);
        assertEquals(1, line.tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, line.suite());
        assertEquals(List.of(line.toAttribute()), offer.attributes());
        assertNotEquals(line.key(), device(SrtpPolicy.DIGIUM).offer().crypto().get(0).key(), "fresh keys");
    }

    @Test
    void algoOffersFollowSdpSrtpOffer() {
        assertEquals(new SdesOffer("RTP/AVP", List.of()), device(SrtpPolicy.ALGO_DISABLED).offer());
        SdesOffer optional = device(SrtpPolicy.ALGO_OPTIONAL).offer();
        assertEquals("RTP/AVP", optional.profile());
        assertEquals(1, optional.crypto().size(), "best effort: a=crypto inside RTP/AVP");
        assertEquals("RTP/SAVP", device(SrtpPolicy.ALGO_STANDARD).offer().profile());
    }

    @Test
    void cisco79x1OffersThirtyTwoBitTagsAndTagsCountFromOne() {
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32,
                device(SrtpPolicy.CISCO_79X1_ENCRYPTED).offer().crypto().get(0).suite());
        SdesOffer two = device(SrtpPolicy.CISCO_ENCRYPTED.withSuites(List.of(SrtpCryptoSuite.AES_256_CM_HMAC_SHA1_80,
                SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80))).offer();
        assertEquals(List.of(1, 2), two.crypto().stream().map(CryptoAttribute::tag).toList());
        assertEquals(SrtpCryptoSuite.AES_256_CM_HMAC_SHA1_80, two.line(1).orElseThrow().suite());
    }

    @Test
    void theAnswerPicksTheFirstUsableLineAndReusesItsTagWithAFreshKey() {
        MediaDescription offer = media("RTP/SAVP", "crypto:5 AES_CM_128_HMAC_SHA1_32 inline:" + KEY,
                "crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + KEY);
        SdesOutcome.Srtp srtp = assertInstanceOf(SdesOutcome.Srtp.class, device(SrtpPolicy.DIGIUM).answer(offer));
        assertEquals(7, srtp.local().tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, srtp.suite());
        assertEquals("RTP/SAVP", srtp.profile());
        assertEquals(CryptoAttribute.parse(SHA1_80.substring(7)).key(), srtp.inboundKey());
        assertNotEquals(srtp.inboundKey(), srtp.outboundKey());
    }

    @Test
    void digiumAnswersAnOfferWithoutRtpSavpWith488EvenWithCrypto() {
        SdesOutcome.NotAcceptable avp = assertInstanceOf(SdesOutcome.NotAcceptable.class,
                device(SrtpPolicy.DIGIUM).answer(media("RTP/AVP")));
        assertEquals(488, avp.sipStatus());
        SdesOutcome.NotAcceptable optimistic = assertInstanceOf(SdesOutcome.NotAcceptable.class,
                device(SrtpPolicy.DIGIUM).answer(media("RTP/AVP", SHA1_80)));
        assertTrue(optimistic.reason().contains("only RTP/SAVP"), optimistic.reason());
    }

    @Test
    void aMalformedLineGivesFieldReasonAndTheDevicesOutcome() {
        MediaDescription offer = media("RTP/SAVP", "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=");
        SdesOutcome.NotAcceptable digium = assertInstanceOf(SdesOutcome.NotAcceptable.class,
                device(SrtpPolicy.DIGIUM).answer(offer));
        assertEquals(1, digium.problems().size());
        assertEquals("key-params", digium.problems().get(0).field());
        assertEquals("AES_CM_128_HMAC_SHA1_80 needs 30 bytes of key||salt, the inline key decodes to 5",
                digium.problems().get(0).reason());
        assertTrue(digium.describe().startsWith("488 Not Acceptable Here: no a=crypto line of the offer is usable;"
                + " a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted> -> key-params: "), digium.describe());

        MediaDescription bestEffort = media("RTP/AVP", "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=");
        SdesOutcome.Plain algo = assertInstanceOf(SdesOutcome.Plain.class, device(SrtpPolicy.ALGO_OPTIONAL).answer(bestEffort));
        assertEquals("key-params", algo.problems().get(0).field());
    }

    @Test
    void algoOptionalAnswersWhatItIsOffered() {
        SdesNegotiator algo = device(SrtpPolicy.ALGO_OPTIONAL);
        assertEquals("RTP/AVP", assertInstanceOf(SdesOutcome.Srtp.class, algo.answer(media("RTP/AVP", SHA1_80))).profile());
        assertEquals("RTP/SAVP", assertInstanceOf(SdesOutcome.Srtp.class, algo.answer(media("RTP/SAVP", SHA1_80))).profile());
        assertEquals("plain RTP offered",
                assertInstanceOf(SdesOutcome.Plain.class, algo.answer(media("RTP/AVP"))).reason());
        assertInstanceOf(SdesOutcome.NotAcceptable.class, algo.answer(media("RTP/SAVP")));
    }

    @Test
    void algoDisabledRefusesSavpAndIgnoresCrypto() {
        SdesNegotiator algo = device(SrtpPolicy.ALGO_DISABLED);
        assertInstanceOf(SdesOutcome.NotAcceptable.class, algo.answer(media("RTP/SAVP", SHA1_80)));
        SdesOutcome.Plain plain = assertInstanceOf(SdesOutcome.Plain.class, algo.answer(media("RTP/AVP", SHA1_80)));
        assertTrue(plain.reason().contains("ignored"), plain.reason());
    }

    @Test
    void offerAndAnswerCrossTheKeys() {
        SdesNegotiator phone = device(SrtpPolicy.DIGIUM);
        SdesNegotiator pbx = SdesNegotiator.builder().policy(SrtpPolicy.ALGO_STANDARD).rules(AsteriskSdesRules.standard())
                .random(RANDOM).build();
        SdesOffer offer = phone.offer();
        SdesOutcome.Srtp answer = assertInstanceOf(SdesOutcome.Srtp.class, pbx.answer(media(offer.profile(),
                offer.attributes().toArray(String[]::new))));
        SdesOutcome.Srtp completed = assertInstanceOf(SdesOutcome.Srtp.class, phone.complete(offer, answerTo(answer)));
        assertEquals(completed.outboundKey(), answer.inboundKey());
        assertEquals(completed.inboundKey(), answer.outboundKey());
        assertEquals("SRTP AES_CM_128_HMAC_SHA1_80 (tag 1) on RTP/SAVP", completed.describe());
    }

    @Test
    void digiumEndsTheCallOnAnOptimisticAnswer() {
        SdesNegotiator phone = device(SrtpPolicy.DIGIUM);
        SdesOffer offer = phone.offer();
        String answerLine = CryptoAttribute.of(1, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RANDOM)).toAttribute();
        SdesOutcome.Failed failed = assertInstanceOf(SdesOutcome.Failed.class, phone.complete(offer, media("RTP/AVP", answerLine)));
        assertTrue(failed.reason().contains("requires RTP/SAVP"), failed.reason());
        assertInstanceOf(SdesOutcome.Failed.class, phone.complete(offer, media("RTP/SAVP")));
        assertInstanceOf(SdesOutcome.Failed.class, phone.complete(offer, media(0, "RTP/SAVP", List.of(answerLine))));
    }

    @Test
    void anAnswerMustReuseAnOfferedTagAndItsSuite() {
        SrtpPolicy two = SrtpPolicy.CISCO_ENCRYPTED.withSuites(List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80,
                SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32));
        SdesNegotiator phone = device(two);
        SdesOffer offer = phone.offer();
        String key = "inline:" + KEY;
        SdesOutcome.Failed wrongTag = assertInstanceOf(SdesOutcome.Failed.class,
                phone.complete(offer, media("RTP/SAVP", "crypto:3 AES_CM_128_HMAC_SHA1_80 " + key)));
        assertEquals("tag", wrongTag.problems().get(0).field());
        assertEquals("tag 3 was not offered (offered: 1, 2)", wrongTag.problems().get(0).reason());
        SdesOutcome.Failed wrongSuite = assertInstanceOf(SdesOutcome.Failed.class,
                phone.complete(offer, media("RTP/SAVP", "crypto:1 AES_CM_128_HMAC_SHA1_32 " + key)));
        assertEquals("tag 1 was offered as AES_CM_128_HMAC_SHA1_80, the answer says AES_CM_128_HMAC_SHA1_32",
                wrongSuite.problems().get(0).reason());
        SdesOutcome.Srtp second = assertInstanceOf(SdesOutcome.Srtp.class,
                phone.complete(offer, media("RTP/SAVP", "crypto:2 AES_CM_128_HMAC_SHA1_32 " + key)));
        assertEquals(offer.line(2).orElseThrow(), second.local());
    }

    @Test
    void algoOptionalFallsBackToRtpWhenTheAnswerHasNoCrypto() {
        SdesNegotiator algo = device(SrtpPolicy.ALGO_OPTIONAL);
        SdesOffer offer = algo.offer();
        SdesOutcome.Plain plain = assertInstanceOf(SdesOutcome.Plain.class, algo.complete(offer, media("RTP/AVP")));
        assertTrue(plain.reason().contains("falling back to plain RTP"), plain.reason());
        assertInstanceOf(SdesOutcome.Srtp.class, algo.complete(offer, media("RTP/AVP",
                "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY)));
    }

    @Test
    void disabledSrtpTakesPlainAnswersAndRefusesSecureOnes() {
        SdesNegotiator algo = device(SrtpPolicy.ALGO_DISABLED);
        SdesOffer offer = algo.offer();
        assertInstanceOf(SdesOutcome.Plain.class, algo.complete(offer, media("RTP/AVP")));
        assertInstanceOf(SdesOutcome.Failed.class, algo.complete(offer, media("RTP/SAVP", SHA1_80)));
    }

    @Test
    void aNegotiatorNeedsAPolicy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SdesNegotiator.builder().build());
        assertEquals("policy: required", e.getMessage());
    }

    @Test
    void srtpOutcomeLinesMustShareTagAndSuite() {
        CryptoAttribute one = CryptoAttribute.parse(SHA1_80.substring(7));
        CryptoAttribute other = CryptoAttribute.parse("2 AES_CM_128_HMAC_SHA1_80 inline:" + KEY);
        assertThrows(IllegalArgumentException.class, () -> new SdesOutcome.Srtp("RTP/SAVP", one, other));
    }

    @Test
    void policiesNeedSuitesOnceEach() {
        assertThrows(IllegalArgumentException.class, () -> SrtpPolicy.DIGIUM.withSuites(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SrtpPolicy.DIGIUM.withSuites(List.of(
                SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80)));
    }
}

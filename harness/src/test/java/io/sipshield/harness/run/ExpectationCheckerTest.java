package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.harness.scenario.ExpectedStatus;
import io.sipshield.harness.scenario.Expectations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationCheckerTest {

    private static final Observation.TlsObservation TLS_OK =
            new Observation.TlsObservation(true, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0L, null);
    private static final Observation.MediaObservation MEDIA_OK = new Observation.MediaObservation(150, 150, 150, 0, 0, 0);
    private static final Observation GOOD = new Observation(TLS_OK,
            Map.of("register", 200, "invite", 200, "bye", 200),
            new Observation.SdpObservation("RTP/SAVP", "AES_CM_128_HMAC_SHA1_80"),
            MEDIA_OK, new Observation.ServerObservation(1), List.of());

    private final ExpectationChecker checker = new ExpectationChecker();

    private static Expectations tls(Expectations.Tls tls) {
        return new Expectations(tls, null, null, null, null);
    }

    private static Expectations media(Expectations.Media media) {
        return new Expectations(null, null, null, media, null);
    }

    private static Observation withTls(Observation.TlsObservation tls) {
        return new Observation(tls, GOOD.sip(), GOOD.sdp(), GOOD.media(), GOOD.server(), List.of());
    }

    private static Observation withMedia(Observation.MediaObservation media) {
        return new Observation(GOOD.tls(), GOOD.sip(), GOOD.sdp(), media, GOOD.server(), List.of());
    }

    @Test
    void everyStatedExpectationThatHoldsGivesAHoldingCheck() {
        Expectations expect = new Expectations(
                new Expectations.Tls(true, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0L),
                new Expectations.Sip(ExpectedStatus.code(200), ExpectedStatus.code(200), ExpectedStatus.code(200)),
                new Expectations.Sdp("RTP/SAVP", "AES_CM_128_HMAC_SHA1_80"),
                new Expectations.Media(true, 0L, 100L),
                new Expectations.Server(1));
        List<Check> checks = checker.check(expect, GOOD);
        assertEquals(List.of(
                new Check("tls.established", "true", "true", true),
                new Check("tls.version", "TLSv1.2", "TLSv1.2", true),
                new Check("tls.cipher", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", true),
                new Check("tls.bitmask", "0x00000000", "0x00000000", true),
                new Check("sip.register", "200", "200", true),
                new Check("sip.invite", "200", "200", true),
                new Check("sip.bye", "200", "200", true),
                new Check("sdp.profile", "RTP/SAVP", "RTP/SAVP", true),
                new Check("sdp.suite", "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_80", true),
                new Check("media.all-verified", "true", "true (sent 150, received 150, verified 150)", true),
                new Check("media.auth-failures", "0", "0", true),
                new Check("media.min-packets", "sent >= 100, verified >= 100", "sent 150, verified 150", true),
                new Check("server.registered-contacts", "1", "1", true)), checks);
    }

    @Test
    void checksOnlyWhatIsStated() {
        List<Check> checks = checker.check(tls(new Expectations.Tls(null, "TLSv1.2", null, null)), GOOD);
        assertEquals(List.of(new Check("tls.version", "TLSv1.2", "TLSv1.2", true)), checks);
    }

    @Test
    void aHandshakeThatFailedShowsWhy() {
        Observation failed = withTls(new Observation.TlsObservation(false, null, null, 0x40000000L,
                "certificate_unknown alert sent\nafter verification"));
        List<Check> checks = checker.check(tls(new Expectations.Tls(true, "TLSv1.2", null, null)), failed);
        assertEquals(List.of(
                new Check("tls.established", "true", "false (certificate_unknown alert sent after verification)", false),
                new Check("tls.version", "TLSv1.2", Check.NONE, false)), checks);
    }

    @Test
    void aDifferentCipherDoesNotHold() {
        List<Check> checks = checker.check(tls(new Expectations.Tls(null, null, "TLS_RSA_WITH_AES_256_CBC_SHA", null)), GOOD);
        assertEquals(List.of(new Check("tls.cipher", "TLS_RSA_WITH_AES_256_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false)), checks);
    }

    @Test
    void aDifferingBitmaskAddsOneRowPerDifferingFlag() {
        // expected: EVALIDITY_PERIOD | EUNTRUSTED; observed: EUNTRUSTED | EIDENTITY_NOT_MATCH
        Observation observed = withTls(new Observation.TlsObservation(false, null, null, 0x40000002L, "bad certificate"));
        List<Check> checks = checker.check(tls(new Expectations.Tls(null, null, null, 0x00000006L)), observed);
        assertEquals(List.of(
                new Check("tls.bitmask", "0x00000006", "0x40000002", false),
                new Check("tls.bitmask.EVALIDITY_PERIOD", "set", "clear", false),
                new Check("tls.bitmask.EIDENTITY_NOT_MATCH", "clear", "set", false)), checks);
    }

    @Test
    void aBitmaskNeverComputedIsNone() {
        Observation observed = withTls(new Observation.TlsObservation(false, null, null, null, "connection refused"));
        List<Check> checks = checker.check(tls(new Expectations.Tls(null, null, null, 0L)), observed);
        assertEquals(List.of(new Check("tls.bitmask", "0x00000000", Check.NONE, false)), checks);
    }

    @Test
    void noTlsObservationHoldsNothing() {
        Observation observed = withTls(null);
        List<Check> checks = checker.check(tls(new Expectations.Tls(false, null, null, null)), observed);
        assertEquals(List.of(new Check("tls.established", "false", Check.NONE, false)), checks);
    }

    @Test
    void aSipStatusMismatchAndAnUnansweredRequest() {
        Observation observed = new Observation(TLS_OK, Map.of("register", 401), null, null, null, List.of());
        Expectations expect = new Expectations(null,
                new Expectations.Sip(ExpectedStatus.code(200), ExpectedStatus.code(200), ExpectedStatus.none()),
                null, null, null);
        assertEquals(List.of(
                new Check("sip.register", "200", "401", false),
                new Check("sip.invite", "200", Check.NONE, false),
                new Check("sip.bye", "none", Check.NONE, true)), checker.check(expect, observed));
    }

    @Test
    void expectingNoneFailsWhenAnAnswerCame() {
        Expectations expect = new Expectations(null, new Expectations.Sip(null, ExpectedStatus.none(), null), null, null, null);
        assertEquals(List.of(new Check("sip.invite", "none", "200", false)), checker.check(expect, GOOD));
    }

    @Test
    void anSdpMismatchAndAMissingSdp() {
        Expectations expect = new Expectations(null, null, new Expectations.Sdp("RTP/SAVP", "AES_CM_128_HMAC_SHA1_32"),
                null, null);
        Observation plain = new Observation(TLS_OK, GOOD.sip(), new Observation.SdpObservation("RTP/AVP", null),
                null, null, List.of());
        assertEquals(List.of(
                new Check("sdp.profile", "RTP/SAVP", "RTP/AVP", false),
                new Check("sdp.suite", "AES_CM_128_HMAC_SHA1_32", Check.NONE, false)), checker.check(expect, plain));
        Observation noSdp = new Observation(TLS_OK, GOOD.sip(), null, null, null, List.of());
        assertEquals(List.of(
                new Check("sdp.profile", "RTP/SAVP", Check.NONE, false),
                new Check("sdp.suite", "AES_CM_128_HMAC_SHA1_32", Check.NONE, false)), checker.check(expect, noSdp));
    }

    @Test
    void allVerifiedNeedsEveryPacketSentReceivedAndVerified() {
        Expectations expect = media(new Expectations.Media(true, null, null));
        assertEquals(List.of(new Check("media.all-verified", "true", "false (sent 150, received 150, verified 149)", false)),
                checker.check(expect, withMedia(new Observation.MediaObservation(150, 150, 149, 1, 0, 0))));
        assertEquals(List.of(new Check("media.all-verified", "true", "false (sent 150, received 151, verified 150)", false)),
                checker.check(expect, withMedia(new Observation.MediaObservation(150, 151, 150, 0, 1, 0))));
        assertEquals(List.of(new Check("media.all-verified", "true", "false (sent 0, received 0, verified 0)", false)),
                checker.check(expect, withMedia(new Observation.MediaObservation(0, 0, 0, 0, 0, 0))));
        assertEquals(List.of(new Check("media.all-verified", "true", Check.NONE, false)),
                checker.check(expect, withMedia(null)));
    }

    @Test
    void allVerifiedFalseHoldsWhenSomethingWasLost() {
        Expectations expect = media(new Expectations.Media(false, null, null));
        assertEquals(List.of(new Check("media.all-verified", "false", "false (sent 150, received 120, verified 120)", true)),
                checker.check(expect, withMedia(new Observation.MediaObservation(150, 120, 120, 0, 0, 0))));
        assertEquals(List.of(new Check("media.all-verified", "false", "true (sent 150, received 150, verified 150)", false)),
                checker.check(expect, GOOD));
    }

    @Test
    void authFailuresAreComparedExactly() {
        Expectations expect = media(new Expectations.Media(null, 0L, null));
        assertEquals(List.of(new Check("media.auth-failures", "0", "3", false)),
                checker.check(expect, withMedia(new Observation.MediaObservation(150, 150, 147, 3, 0, 0))));
    }

    @Test
    void minPacketsNeedsBothSentAndVerified() {
        Expectations expect = media(new Expectations.Media(null, null, 100L));
        assertEquals(List.of(new Check("media.min-packets", "sent >= 100, verified >= 100", "sent 150, verified 99", false)),
                checker.check(expect, withMedia(new Observation.MediaObservation(150, 150, 99, 0, 0, 51))));
        assertEquals(List.of(new Check("media.min-packets", "sent >= 100, verified >= 100", "sent 99, verified 99", false)),
                checker.check(expect, withMedia(new Observation.MediaObservation(99, 99, 99, 0, 0, 0))));
        assertEquals(List.of(new Check("media.min-packets", "sent >= 100, verified >= 100", "sent 100, verified 100", true)),
                checker.check(expect, withMedia(new Observation.MediaObservation(100, 100, 100, 0, 0, 0))));
    }

    @Test
    void registeredContactsMismatchAndNoServerFacts() {
        Expectations expect = new Expectations(null, null, null, null, new Expectations.Server(1));
        Observation none = new Observation(TLS_OK, GOOD.sip(), null, null, new Observation.ServerObservation(0), List.of());
        assertEquals(List.of(new Check("server.registered-contacts", "1", "0", false)), checker.check(expect, none));
        Observation remote = new Observation(TLS_OK, GOOD.sip(), null, null, null, List.of());
        assertEquals(List.of(Check.notObservable("server.registered-contacts", "1")), checker.check(expect, remote));
    }
}

package io.sipshield.emulator.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.PhoneSettings;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a trace keeps: everything, the first and last few with a count between, or nothing. */
class SipTraceTest {

    private static void record(SipTrace trace, int messages) {
        for (int i = 1; i <= messages; i++) {
            trace.record(i % 2 == 0 ? SipTrace.Direction.RECEIVED : SipTrace.Direction.SENT,
                    "REGISTER sip:pbx.sip.test SIP/2.0\r\nCSeq: " + i + " REGISTER\r\n\r\n");
        }
    }

    private static List<String> cseqs(SipTrace trace) {
        return trace.entries().stream().map(e -> e.text().replaceAll("(?s).*CSeq: (\\d+).*", "$1")).toList();
    }

    @Test
    void aWholeTraceKeepsEveryMessageInOrder() {
        SipTrace trace = new SipTrace();
        record(trace, 7);
        assertTrue(trace.recording());
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), cseqs(trace));
        assertEquals(0, trace.omitted());
        assertEquals("REGISTER sip:pbx.sip.test SIP/2.0", trace.entries().get(0).firstLine());
    }

    @Test
    void aBoundedTraceKeepsTheFirstAndTheLastAndCountsTheMessagesBetween() {
        SipTrace trace = SipTrace.keeping(2, 3);
        record(trace, 4);
        assertEquals(List.of("1", "2", "3", "4"), cseqs(trace), "nothing left out yet");
        assertEquals(0, trace.omitted());
        record(trace, 10); // CSeq 1..10 again: 14 messages in all
        assertEquals(List.of("1", "2", "8", "9", "10"), cseqs(trace));
        assertEquals(9, trace.omitted());
    }

    @Test
    void aTraceKeepingNoneRecordsNothingAndSaysSo() {
        SipTrace trace = SipTrace.keeping(0, 0);
        assertFalse(trace.recording());
        record(trace, 3);
        assertEquals(List.of(), trace.entries());
        assertEquals(3, trace.omitted());
    }

    @Test
    void keysAreRedactedInKeptMessages() {
        SipTrace trace = SipTrace.keeping(0, 1);
        trace.record(SipTrace.Direction.SENT, "INVITE sip:600@pbx SIP/2.0\r\n\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                + "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\n");
        String kept = trace.entries().get(0).text();
        assertFalse(kept.contains("WVNfX19zZW1jdGwg"), kept);
        assertTrue(kept.contains("inline:" + SipTrace.REDACTED), kept);
    }

    @Test
    void negativeBoundsAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SipTrace.keeping(-1, 2));
        assertTrue(refused.getMessage().contains("-1"), refused.getMessage());
    }

    @Test
    void phoneSettingsMakeTheTraceTheirLimitSays() {
        PhoneSettings.Builder settings = PhoneSettings.builder().account("101", "pw")
                .serverAddress(new InetSocketAddress("127.0.0.1", 5061));
        SipTrace whole = settings.build().newSipTrace();
        record(whole, 30);
        assertEquals(30, whole.entries().size());

        SipTrace bounded = settings.sipTraceLimit(5).build().newSipTrace();
        record(bounded, 30);
        assertEquals(List.of("1", "2", "28", "29", "30"), cseqs(bounded), "5: the first 2 and the last 3");
        assertEquals(25, bounded.omitted());

        assertFalse(settings.sipTraceLimit(0).build().newSipTrace().recording());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> settings.sipTraceLimit(-2).build());
        assertTrue(refused.getMessage().contains("sipTraceLimit"), refused.getMessage());
    }
}

package io.sipshield.harness.mock.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** chan_pjsip's cause mapping both ways, and the DIALSTATUS app_dial.c derives from a cause. */
class HangupCausesTest {

    @ParameterizedTest
    @CsvSource({"1,404", "3,404", "16,603", "17,486", "18,408", "19,480", "20,480", "21,403", "27,502", "28,484",
            "31,480", "34,503", "38,500", "42,503", "58,488", "127,500", "0,603", "99,603"})
    void anUnansweredChannelHungUpWithACauseGetsChanPjsipsResponse(int cause, int status) {
        assertEquals(status, HangupCauses.sipStatus(cause));
    }

    @ParameterizedTest
    @CsvSource({"486,BUSY", "600,BUSY", "503,CONGESTION", "580,CONGESTION", "502,CHANUNAVAIL", "480,NOANSWER", "404,CHANUNAVAIL",
            "603,CHANUNAVAIL", "487,CHANUNAVAIL", "488,CHANUNAVAIL"})
    void aCalleesRefusalGivesDialstatus(int status, DialStatus dialStatus) {
        assertEquals(dialStatus, DialFailure.ofResponse(status).status());
    }

    @ParameterizedTest
    @CsvSource({"486,486", "503,503", "480,480", "404,404", "603,403"})
    void aHangupAfterTheFailedDialKeepsItsCause(int calleeStatus, int callerStatus) {
        assertEquals(callerStatus, HangupCauses.sipStatus(DialFailure.ofResponse(calleeStatus).cause()));
    }
}

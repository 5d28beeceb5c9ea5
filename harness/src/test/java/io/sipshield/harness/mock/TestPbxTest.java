package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mock-test fixture itself: scripted mock, registered phones, and its refusals when misused. */
@Timeout(60)
class TestPbxTest {

    @Test
    void aRegisteredPhoneIsBoundAtTheScriptedMock() throws Exception {
        try (TestPbx pbx = TestPbx.with(mock -> mock
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))).start();
             Phone phone = pbx.registered("101")) {
            assertTrue(pbx.address().getPort() > 0, "listening on an ephemeral port: " + pbx.address());
            assertEquals(1, pbx.mock().registrar().bindings().size(), "the mock holds 101's contact");
        }
    }

    @Test
    void usingItBeforeStartNamesTheMissingStep() {
        TestPbx pbx = TestPbx.with(mock -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, pbx::address);
        assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
    }

    @Test
    void startingTwiceIsRefusedAndClosingTwiceIsHarmless() throws Exception {
        TestPbx pbx = TestPbx.with(mock -> { }).start();
        IllegalStateException e = assertThrows(IllegalStateException.class, pbx::start);
        assertTrue(e.getMessage().contains("already started"), e.getMessage());
        pbx.close();
        pbx.close();
        assertThrows(IllegalStateException.class, pbx::mock);
    }

    @Test
    void aScriptThatFailsLeavesNothingRunning() {
        TestPbx pbx = TestPbx.with(mock -> {
            throw new IllegalArgumentException("bad script");
        });
        assertEquals("bad script", assertThrows(IllegalArgumentException.class, pbx::start).getMessage());
        assertThrows(IllegalStateException.class, pbx::loops);
    }
}

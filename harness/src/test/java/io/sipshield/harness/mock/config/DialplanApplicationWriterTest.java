package io.sipshield.harness.mock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialplanApplicationWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"Answer()", "Answer(500)", "Echo()", "Playback(beep)", "Playback(silence/1&beep,noanswer)",
            "Playback(beep,noanswer&skip)", "Milliwatt()", "Milliwatt(m)", "Playtones(440/1000)",
            "Playtones(480+620/500,0/500)", "StopPlaytones()", "Wait(1.5)", "Wait(0.25)", "Wait(2)", "Dial(PJSIP/102)",
            "Dial(PJSIP/${EXTEN},30)", "Dial(PJSIP/102,2.5)", "Hangup()", "Hangup(17)", "Busy()", "Busy(3)",
            "Congestion()", "Congestion(1.5)", "NoOp(${CALLERID(num)} dialled, twice)"})
    void writtenTextParsesBackToTheSameApplication(String text) throws Exception {
        DialplanApplication app = DialplanApplicationParser.parse(text);
        assertEquals(app, DialplanApplicationParser.parse(DialplanApplicationWriter.write(app)));
    }

    @Test
    void aSemicolonInNoOpSurvivesExtensionsConfComments(@TempDir Path dir) throws Exception {
        DialplanApplication noOp = new DialplanApplication.NoOp("a;b");
        String line = DialplanApplicationWriter.write(noOp);
        assertEquals("NoOp(a\\;b)", line);
        Files.writeString(dir.resolve("extensions.conf"), "[phones]\nexten => 600,1," + line + "\n");
        DialplanApplication read = ExtensionsConf.load(dir.resolve("extensions.conf")).context("phones").orElseThrow()
                .find("600").orElseThrow().priorities().get(0).application();
        assertEquals(noOp, read);
    }

    @Test
    void differentDelaysWriteDifferentText() {
        assertNotEquals(DialplanApplicationWriter.write(new DialplanApplication.Wait(java.time.Duration.ofMillis(1500))),
                DialplanApplicationWriter.write(new DialplanApplication.Wait(java.time.Duration.ofSeconds(15))));
    }
}

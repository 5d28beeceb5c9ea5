package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import static io.sipshield.harness.mock.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.mock.dialplan.DialplanApplication.Answer;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Busy;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Congestion;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Dial;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Echo;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Hangup;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Milliwatt;
import io.sipshield.harness.mock.dialplan.DialplanApplication.NoOp;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Playback;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Playtones;
import io.sipshield.harness.mock.dialplan.DialplanApplication.StopPlaytones;
import io.sipshield.harness.mock.dialplan.DialplanApplication.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extensions.conf: contexts, priorities, the applications of the subset, and every kind of rejection. */
class ExtensionsConfTest {

    @TempDir
    Path dir;

    private ExtensionsConf load(String... lines) throws ConfigFileException {
        return ExtensionsConf.load(write(dir, "extensions.conf", lines));
    }

    private void fails(String location, String fragment, String... lines) {
        ConfigFiles.fails(() -> load(lines), location, fragment);
    }

    private static List<DialplanApplication> apps(DialplanExtension e) {
        return e.priorities().stream().map(DialplanPriority::application).toList();
    }

    @Test
    void everyApplicationIsTyped() throws Exception {
        ExtensionsConf c = load("[ctx]",
                "exten => 700,1,Answer()",
                " same => n,Answer(500)",
                " same => n,Echo",
                " same => n,Playback(hello&world)",
                " same => n,Milliwatt(m)",
                " same => n,Playtones(!350+440/100,!0/100)",
                " same => n,StopPlaytones()",
                " same => n,Wait(1.5)",
                " same => n,Dial(PJSIP/${EXTEN},30)",
                " same => n,Dial(pjsip/102)",
                " same => n,Busy(10)",
                " same => n,Congestion()",
                " same => n,NoOp(Call ${CALLERID(num)}, via ${CHANNEL})",
                " same => n,hangup(16)",
                " same => n,Hangup()");
        DialplanExtension e = c.context("ctx").orElseThrow().find("700").orElseThrow();
        assertEquals(List.of(new Answer(Duration.ZERO), new Answer(Duration.ofMillis(500)), new Echo(),
                new Playback(List.of("hello", "world")), new Milliwatt("m"), new Playtones("!350+440/100,!0/100"),
                new StopPlaytones(), new Wait(Duration.ofMillis(1500)), new Dial("${EXTEN}", Optional.of(Duration.ofSeconds(30))),
                new Dial("102", Optional.empty()), new Busy(Optional.of(Duration.ofSeconds(10))), new Congestion(Optional.empty()),
                new NoOp("Call ${CALLERID(num)}, via ${CHANNEL}"), new Hangup(OptionalInt.of(16)), new Hangup(OptionalInt.empty())),
                apps(e));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                e.priorities().stream().map(DialplanPriority::number).toList());
        assertEquals(3, e.priority(2).orElseThrow().line());
        assertEquals("Dial", e.priority(9).orElseThrow().application().name());
    }

    @Test
    void prioritiesLabelsAndGeneral() throws Exception {
        ExtensionsConf c = load("[general]", "static = yes", "writeprotect = no", "autofallthrough = yes",
                "[ctx]", "exten => s,1(start),Answer()", "exten => s,n(loop),Echo()", "exten => s,5,Hangup()",
                "exten => s,n,Busy()");
        assertEquals(new ExtensionsGeneral(true, false), c.general());
        assertEquals(List.of("autofallthrough"), c.warnings().stream().map(ConfigWarning::option).toList());
        DialplanExtension s = c.context("ctx").orElseThrow().extension("s").orElseThrow();
        assertEquals(List.of(1, 2, 5, 6), s.priorities().stream().map(DialplanPriority::number).toList());
        assertEquals(2, s.label("loop").orElseThrow().number());
        assertEquals(Optional.of("start"), s.priority(1).orElseThrow().label());
        assertEquals(ExtensionsGeneral.defaults(), load("[ctx]", "exten => 1,1,Answer").general());
    }

    @Test
    void aContextWrittenTwiceIsOneAndLookupFollowsAsteriskOrder() throws Exception {
        ExtensionsConf c = load("[ctx]", "exten => _1XX,1,Busy()", "[other]", "exten => 1,1,Echo()",
                "[ctx]", "exten => 102,1,Echo()", "exten => _10[1-3],1,Congestion()");
        DialplanContext ctx = c.context("ctx").orElseThrow();
        assertEquals(List.of("ctx", "other"), List.copyOf(c.contexts().keySet()));
        assertInstanceOf(Echo.class, apps(ctx.find("102").orElseThrow()).get(0));
        assertInstanceOf(Congestion.class, apps(ctx.find("101").orElseThrow()).get(0));
        assertInstanceOf(Busy.class, apps(ctx.find("150").orElseThrow()).get(0));
        assertTrue(ctx.find("200").isEmpty());
    }

    @Test
    void unsupportedApplicationListsTheSupportedOnes() {
        fails("extensions.conf:2", "unsupported application 'Goto'; supported: Answer, Echo, Playback", "[c]", "exten => 1,1,Goto(2)");
        fails("extensions.conf:2", "unsupported application 'System'", "[c]", "exten => 1,1,System");
    }

    @Test
    void badApplicationArguments() {
        fails("extensions.conf:2", "Dial(PJSIP/endpoint[,timeout])", "[c]", "exten => 1,1,Dial(SIP/101)");
        fails("extensions.conf:2", "Dial(PJSIP/endpoint[,timeout])", "[c]", "exten => 1,1,Dial(PJSIP/101&PJSIP/102)");
        fails("extensions.conf:2", "Dial(PJSIP/endpoint[,timeout])", "[c]", "exten => 1,1,Dial(PJSIP/101,30,tT)");
        fails("extensions.conf:2", "Dial(PJSIP/endpoint[,timeout])", "[c]", "exten => 1,1,Dial()");
        fails("extensions.conf:2", "Dial takes seconds from 0 to 86400, not 'soon'", "[c]", "exten => 1,1,Dial(PJSIP/1,soon)");
        fails("extensions.conf:2", "Wait(seconds)", "[c]", "exten => 1,1,Wait()");
        fails("extensions.conf:2", "Wait takes seconds", "[c]", "exten => 1,1,Wait(-1)");
        fails("extensions.conf:2", "Hangup takes an integer from 0 to 127, not '999'", "[c]", "exten => 1,1,Hangup(999)");
        fails("extensions.conf:2", "Echo takes at most 0 arguments", "[c]", "exten => 1,1,Echo(x)");
        fails("extensions.conf:2", "Milliwatt([options]) with options m and o", "[c]", "exten => 1,1,Milliwatt(z)");
        fails("extensions.conf:2", "Playtones(tonelist)", "[c]", "exten => 1,1,Playtones()");
        fails("extensions.conf:2", "non-empty prompt names", "[c]", "exten => 1,1,Playback(a&)");
        fails("extensions.conf:2", "Playback takes at most 2 arguments", "[c]", "exten => 1,1,Playback(a,skip,x)");
        fails("extensions.conf:2", "options noanswer and skip, not 'loud'", "[c]", "exten => 1,1,Playback(a,loud)");
        fails("extensions.conf:2", "tone part '440*2' is not [!]f1[+f2][/ms]", "[c]", "exten => 1,1,Playtones(440*2)");
        fails("extensions.conf:2", "does not end with ')'", "[c]", "exten => 1,1,Answer(");
    }

    @Test
    void badLines() {
        fails("extensions.conf:2", "expected 'exten => extension,priority,Application(args)'", "[c]", "exten => 1,1");
        fails("extensions.conf:2", "'same =>' in context [c] without an 'exten =>' line", "[c]", "same => n,Answer()");
        fails("extensions.conf:3", "expected 'same => priority,Application(args)'", "[c]", "exten => 1,1,Answer", "same => Echo()");
        fails("extensions.conf:2", "priority 'n' for extension 1 in context [c] has no priority before it", "[c]", "exten => 1,n,Answer()");
        fails("extensions.conf:2", "bad priority 'hint'", "[c]", "exten => 1,hint,PJSIP/101");
        fails("extensions.conf:2", "priorities start at 1", "[c]", "exten => 1,0,Answer()");
        fails("extensions.conf:3", "priority 1 in context [c] is already defined at extensions.conf:2",
                "[c]", "exten => 1,1,Answer()", "exten => 1,1,Echo()");
        fails("extensions.conf:3", "label 'a' of extension 1 in context [c] is already used at extensions.conf:2",
                "[c]", "exten => 1,1(a),Answer()", "same => n(a),Echo()");
        fails("extensions.conf:2", "bad extension: unclosed '['", "[c]", "exten => _1[2,1,Answer()");
        fails("extensions.conf:2", "caller-ID matching ('1/100') is not supported", "[c]", "exten => 1/100,1,Answer()");
    }

    @Test
    void unsupportedSectionsAndOptions() {
        fails("extensions.conf:2", "unknown option 'include' in context [c]; supported: exten, same", "[c]", "include => other");
        fails("extensions.conf:2", "unknown option 'switch' in context [c]", "[c]", "switch => Realtime");
        fails("extensions.conf:1", "section [globals] (dialplan variables) is not supported", "[globals]", "X = 1");
        fails("extensions.conf:2", "unknown option 'foo' in [general]; supported: static, writeprotect", "[general]", "foo = 1");
        fails("extensions.conf:2", "bad value 'sometimes' for option 'static'", "[general]", "static = sometimes");
    }
}

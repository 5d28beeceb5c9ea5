package io.sipshield.harness.mock.config;

import static io.sipshield.harness.mock.config.ConfigFiles.fails;
import static io.sipshield.harness.mock.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file syntax of Asterisk's main/config.c. */
class AsteriskConfigTest {

    @TempDir
    Path dir;

    private static List<String> pairs(ConfigSection s) {
        return s.lines().stream().map(l -> l.key() + "=" + l.value()).toList();
    }

    @Test
    void readsSectionsOptionsBothOperatorsAndRepeatedKeysInOrder() throws Exception {
        Path f = write(dir, "a.conf",
                "; leading comment",
                "[one]",
                "disallow = all ; trailing comment",
                "allow=ulaw",
                "allow = alaw",
                "exten => 600,1,Answer()",
                "",
                "[two]",
                "note = a\\;b");
        AsteriskConfig c = AsteriskConfig.read(f);
        assertEquals(2, c.sections().size());
        ConfigSection one = c.sections().get(0);
        assertEquals(List.of("disallow=all", "allow=ulaw", "allow=alaw", "exten=600,1,Answer()"), pairs(one));
        assertEquals(3, one.lines().get(0).line());
        assertEquals("a;b", c.sections().get(1).lines().get(0).value());
        assertEquals("alaw", one.last("ALLOW").value());
    }

    @Test
    void blockCommentsAreSkipped() throws Exception {
        Path f = write(dir, "a.conf", "[s]", "a = 1 ;-- gone", "b = 2", "--; c = 3", "d = 4 ;-- inline --; ");
        assertEquals(List.of("a=1", "c=3", "d=4"), pairs(AsteriskConfig.read(f).sections().get(0)));
    }

    @Test
    void templatesAreNotObjectsAndInheritanceComesFirstInParentOrder() throws Exception {
        Path f = write(dir, "a.conf",
                "[base](!)", "x = base", "y = base",
                "[mid](!,base)", "y = mid",
                "[other](!)", "z = other",
                "[obj](mid,other)", "x = own");
        List<ConfigSection> objects = AsteriskConfig.read(f).objects();
        assertEquals(1, objects.size());
        ConfigSection obj = objects.get(0);
        assertEquals("obj", obj.name());
        assertEquals(List.of("x=base", "y=base", "y=mid", "z=other", "x=own"), pairs(obj));
        assertEquals("own", obj.last("x").value());
        assertEquals(List.of("mid", "other"), obj.parents());
    }

    @Test
    void sectionsOfTheSameNameStayDistinct() throws Exception {
        Path f = write(dir, "a.conf", "[101]", "type = endpoint", "[101]", "type = aor");
        List<ConfigSection> objects = AsteriskConfig.read(f).objects();
        assertEquals(2, objects.size());
        assertEquals("aor", objects.get(1).last("type").value());
    }

    @Test
    void includesAreRelativeToTheIncludingFileQuotedOrNot() throws Exception {
        write(dir, "sub/inner.conf", "[inner]", "k = v");
        write(dir, "sub/second.conf", "#include inner2.conf");
        write(dir, "sub/inner2.conf", "[inner2]", "k = w");
        Path top = write(dir, "top.conf", "[first]", "a = 1", "#include \"sub/inner.conf\"", "#include sub/second.conf", "[last]");
        List<String> names = AsteriskConfig.read(top).sections().stream().map(ConfigSection::name).toList();
        assertEquals(List.of("first", "inner", "inner2", "last"), names);
        ConfigLine k = AsteriskConfig.read(top).sections().get(1).lines().get(0);
        assertEquals("inner.conf", k.file().getFileName().toString());
        assertEquals(2, k.line());
    }

    @Test
    void theSameFileMayBeIncludedTwiceWithoutALoop() throws Exception {
        write(dir, "part.conf", "[p]");
        Path top = write(dir, "top.conf", "#include part.conf", "#include part.conf");
        assertEquals(2, AsteriskConfig.read(top).sections().size());
    }

    @Test
    void includeLoopIsAnError() {
        write(dir, "b.conf", "#include a.conf");
        Path a = write(dir, "a.conf", "[s]", "#include b.conf");
        fails(() -> AsteriskConfig.read(a), "b.conf:1", "#include loop", "a.conf -> b.conf -> a.conf");
    }

    @Test
    void selfIncludeIsAnError() {
        Path a = write(dir, "a.conf", "#include a.conf");
        fails(() -> AsteriskConfig.read(a), "a.conf:1", "#include loop");
    }

    @Test
    void missingIncludeNamesTheIncludingLine() {
        Path a = write(dir, "a.conf", "[s]", "", "#include \"nothere.conf\"");
        fails(() -> AsteriskConfig.read(a), "a.conf:3", "#include file not found", "nothere.conf");
    }

    @Test
    void missingTopLevelFile() {
        fails(() -> AsteriskConfig.read(dir.resolve("none.conf")), "none.conf", "file not found");
    }

    @Test
    void includeWithoutAName() {
        Path a = write(dir, "a.conf", "#include \"\"");
        fails(() -> AsteriskConfig.read(a), "a.conf:1", "#include without a file name");
    }

    @Test
    void otherDirectivesAreRefused() {
        Path a = write(dir, "a.conf", "[s]", "#exec /bin/date");
        fails(() -> AsteriskConfig.read(a), "a.conf:2", "unsupported directive '#exec'", "supported: #include");
        Path b = write(dir, "b.conf", "#tryinclude x.conf");
        fails(() -> AsteriskConfig.read(b), "b.conf:1", "'#tryinclude'");
    }

    @Test
    void unknownTemplateIsAnError() {
        Path a = write(dir, "a.conf", "[obj](missing)", "x = 1");
        fails(() -> AsteriskConfig.read(a).objects(), "a.conf:1", "unknown template 'missing'");
    }

    @Test
    void templateDefinedLaterIsUnknown() {
        Path a = write(dir, "a.conf", "[obj](tpl)", "[tpl](!)", "x = 1");
        fails(() -> AsteriskConfig.read(a).objects(), "a.conf:1", "unknown template 'tpl'", "defined before");
    }

    @Test
    void appendingSectionsIsRefused() {
        Path a = write(dir, "a.conf", "[s]", "[s](+)");
        fails(() -> AsteriskConfig.read(a), "a.conf:2", "(+)", "not supported");
    }

    @Test
    void malformedLinesAreErrors() {
        fails(() -> AsteriskConfig.read(write(dir, "a.conf", "x = 1")), "a.conf:1", "option 'x' before any [section]");
        fails(() -> AsteriskConfig.read(write(dir, "b.conf", "[s", "x = 1")), "b.conf:1", "without ']'");
        fails(() -> AsteriskConfig.read(write(dir, "c.conf", "[]")), "c.conf:1", "empty name");
        fails(() -> AsteriskConfig.read(write(dir, "d.conf", "[s]", "novalue")), "d.conf:2", "expected 'key = value'");
        fails(() -> AsteriskConfig.read(write(dir, "e.conf", "[s] junk")), "e.conf:1", "unexpected text after [s]");
        fails(() -> AsteriskConfig.read(write(dir, "f.conf", "[s]", " = 1")), "f.conf:2", "option without a name");
        fails(() -> AsteriskConfig.read(write(dir, "g.conf", "[s](a,,b)")), "g.conf:1", "empty template name");
        fails(() -> AsteriskConfig.read(write(dir, "h.conf", "[s]", ";-- open")), "h.conf:2", "never closed");
    }

    @Test
    void templateFlagIsKept() throws Exception {
        AsteriskConfig c = AsteriskConfig.read(write(dir, "a.conf", "[t](!)", "[o](t)"));
        assertTrue(c.sections().get(0).template());
        assertFalse(c.sections().get(1).template());
    }
}

package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of cases: one scenario per row, placeholders replaced on the YAML tree. */
class CaseTableTest {

    private static final Path FILE = Path.of("scenarios", "digium", "cert-defects.yaml");

    /** Line 14 is {@code columns}, rows on lines 16 and 17. */
    private static final String TABLE = """
            about: "Server certificate ${name}: bitmask ${bitmask}"
            setup:
              server: { mock: { certificate: "${certificate}", endpoints: [ { id: "101", password: pass101 } ] } }
              phones: [ { name: alice, profile: "${profile}", user: "101", password: pass101, trust: [test-root] } ]
            steps: [ { register: alice } ]
            expect:
              tls: { established: false, bitmask: "${bitmask}" }
              sip: { register: "${register}" }
            # a comment
            #
            #
            #
            cases:
              columns: [name, profile, certificate, bitmask, register]
              rows:
                - [expired,      digium-d6x-2_9_2, pbx-server-expired,     "0x00000004", none]
                - [self-signed,  digium-d6x-2_9_2, pbx-server-self-signed, "0x00000002", none]
            """;

    private final ScenarioLoader loader = new ScenarioLoader();

    private List<Scenario> parse(String yaml) throws ScenarioFileException {
        return loader.parseAll(FILE, yaml);
    }

    private ScenarioFileException invalid(String yaml) {
        return assertThrows(ScenarioFileException.class, () -> loader.parseAll(FILE, yaml));
    }

    @Test
    void everyRowIsAScenarioWithItsOwnIdAboutAndValues() throws Exception {
        List<Scenario> scenarios = parse(TABLE);

        assertEquals(2, scenarios.size());
        Scenario expired = scenarios.get(0);
        assertAll(
                () -> assertEquals("expired", expired.caseName()),
                () -> assertEquals("scenarios/digium/cert-defects[expired]", expired.id()),
                () -> assertEquals("Server certificate expired: bitmask 0x00000004", expired.about()),
                () -> assertEquals("pbx-server-expired", ((MockServer) expired.setup().server()).certificate()),
                () -> assertEquals(0x4L, expired.expect().tls().bitmask()),
                () -> assertEquals(ExpectedStatus.none(), expired.expect().sip().register()),
                () -> assertEquals(0x2L, scenarios.get(1).expect().tls().bitmask()),
                () -> assertEquals("scenarios/digium/cert-defects[self-signed]", scenarios.get(1).id()));
    }

    @Test
    void aFileWithoutCasesIsOneScenarioWithoutACaseName() throws Exception {
        List<Scenario> scenarios = parse(TABLE.substring(0, TABLE.indexOf("# a comment"))
                .replace("${certificate}", "pbx-server").replace("${profile}", "digium-d6x-2_9_2")
                .replace("\"${bitmask}\"", "\"0x00000000\"").replace("\"${register}\"", "200")
                .replace("${name}", "x").replace("${bitmask}", "y"));
        assertEquals(1, scenarios.size());
        assertNull(scenarios.get(0).caseName());
        assertEquals("scenarios/digium/cert-defects", scenarios.get(0).id());
    }

    @Test
    void loadReadsOneScenarioAndRefusesATable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), TABLE);
        assertEquals(2, loader.loadAll(file).size());
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        assertTrue(e.getMessage().contains("a table of 2 cases"), e.getMessage());
    }

    @Test
    void aWholeScalarPlaceholderKeepsTheCellsYamlType() throws Exception {
        String yaml = TABLE.replace("established: false", "established: \"${up}\"")
                .replace("[name, profile, certificate, bitmask, register]", "[name, profile, certificate, bitmask, register, up]")
                .replace("none]\n", "none, false]\n");
        Scenario scenario = parse(yaml).get(0);
        assertEquals(Boolean.FALSE, scenario.expect().tls().established());
    }

    @Test
    void aListCellReplacesAWholeValue() throws Exception {
        String yaml = TABLE.replace("trust: [test-root]", "trust: \"${trust}\"")
                .replace("register]", "register, trust]")
                .replace("none]\n", "none, [test-root, other-root]]\n");
        assertEquals(List.of("test-root", "other-root"), parse(yaml).get(0).setup().phones().get(0).trust());
    }

    @Test
    void aNullCellRemovesTheMappingEntry() throws Exception {
        String yaml = TABLE.replace("\"0x00000004\", none]", "\"0x00000004\", ~]");
        List<Scenario> scenarios = parse(yaml);
        assertNull(scenarios.get(0).expect().sip(), "the row's ~ removes expect.sip.register, and so expect.sip");
        assertEquals(ExpectedStatus.none(), scenarios.get(1).expect().sip().register());
    }

    @Test
    void aPlaceholderInsideTextIsInterpolatedAndDollarDollarIsALiteral() throws Exception {
        String yaml = TABLE.replace("about: \"Server certificate ${name}: bitmask ${bitmask}\"",
                "about: \"costs $${name} for ${name}\"");
        assertEquals("costs ${name} for expired", parse(yaml).get(0).about());
    }

    @Test
    void aDollarBraceThatIsNotALowerCaseNameStaysAsWritten() throws Exception {
        String yaml = TABLE.replace("about: \"Server certificate ${name}: bitmask ${bitmask}\"",
                "about: \"Dial(PJSIP/${EXTEN}) for ${CALLERID(num)} in ${name}, ${unclosed\"");
        assertEquals("Dial(PJSIP/${EXTEN}) for ${CALLERID(num)} in expired, ${unclosed", parse(yaml).get(0).about());
    }

    @Test
    void anAboutColumnOverridesTheTopLevelAbout() throws Exception {
        String yaml = TABLE.replace("register]", "register, about]")
                .replace("0x00000004\", none]", "0x00000004\", none, \"the expired one\"]")
                .replace("0x00000002\", none]", "0x00000002\", none, ~]");
        List<Scenario> scenarios = parse(yaml);
        assertEquals("the expired one", scenarios.get(0).about());
        assertEquals("Server certificate self-signed: bitmask 0x00000002", scenarios.get(1).about());
    }

    @Test
    void aRowWithTooFewCellsIsAnErrorAtItsLine() {
        ScenarioFileException e = invalid(TABLE.replace("\"0x00000002\", none]", "\"0x00000002\"]"));
        assertEquals(17, e.line());
        assertTrue(e.getMessage().contains("row has 4 cells, columns has 5"), e.getMessage());
    }

    @Test
    void anUnknownPlaceholderIsAnErrorAtItsScalarListingTheColumns() {
        ScenarioFileException e = invalid(TABLE.replace("profile: \"${profile}\"", "profile: \"${profle}\""));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("unknown column 'profle'"), e.getMessage());
        assertTrue(e.getMessage().contains("name, profile, certificate, bitmask, register"), e.getMessage());
    }

    @Test
    void aColumnUsedNowhereIsAnErrorAtTheColumnsLine() {
        ScenarioFileException e = invalid(TABLE.replace("register: \"${register}\"", "register: none"));
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("column 'register' is used nowhere"), e.getMessage());
    }

    @Test
    void aDuplicateRowNameIsAnErrorAtTheCell() {
        ScenarioFileException e = invalid(TABLE.replace("- [self-signed, ", "- [expired,     "));
        assertEquals(17, e.line());
        assertEquals(8, e.column());
        assertTrue(e.getMessage().contains("duplicate row name 'expired'"), e.getMessage());
    }

    @Test
    void theFirstColumnMustBeName() {
        ScenarioFileException e = invalid(TABLE.replace("[name, profile,", "[profile, name,"));
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("the first column is not 'name'"), e.getMessage());
    }

    @Test
    void aBadColumnOrRowNameIsAnError() {
        assertTrue(invalid(TABLE.replace("register]", "Register]").replace("${register}", "${Register}"))
                .getMessage().contains("bad column name 'Register'"));
        assertTrue(invalid(TABLE.replace("- [expired, ", "- [Expired, ")).getMessage().contains("bad row name 'Expired'"));
    }

    @Test
    void anErrorInASubstitutedValueNamesTheCellsPlaceAndTheRow() {
        String yaml = TABLE.replace("pbx-server-self-signed,", "pbx-server-nope,      ");
        ScenarioFileException e = invalid(yaml);
        String line = yaml.lines().toList().get(16);
        assertEquals(17, e.line());
        assertEquals(line.indexOf("pbx-server-nope") + 1, e.column());
        assertEquals("self-signed", e.caseName());
        assertTrue(e.getMessage().contains("case 'self-signed'"), e.getMessage());
        assertTrue(e.getMessage().contains("setup.server.mock.certificate"), e.getMessage());
    }

    @Test
    void aListCellInsideTextIsAnError() {
        String yaml = TABLE.replace("\"${certificate}\"", "\"x-${certificate}\"")
                .replace("pbx-server-expired,", "[a, b],            ");
        assertTrue(invalid(yaml).getMessage().contains("a list, a mapping or ~ can only replace a whole value"));
    }

    @Test
    void fixturesIsNotAColumnAndStaysForTheServerConfiguration() {
        assertTrue(invalid(TABLE.replace("register]", "fixtures]").replace("${register}", "${fixtures}"))
                .getMessage().contains("bad column name 'fixtures'"));
    }

    @Test
    void anUnknownKeyUnderCasesIsAnError() {
        ScenarioFileException e = invalid(TABLE.replace("  rows:", "  rowz:"));
        assertTrue(e.getMessage().contains("unknown key 'rowz' in cases"), e.getMessage());
    }
}

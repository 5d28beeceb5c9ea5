package io.sipshield.harness.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One test case read from a scenario file: what to set up, the steps to run and what must be
 * observed. One file holds one scenario (WireMock's one-mapping-per-file convention), or one per row of
 * its table of cases ({@code cases:}); the format
 * is described by {@code scenarios/schema/scenario.schema.json} and read by {@link ScenarioLoader}.
 *
 * @param file   the file the scenario was read from, as it was named to the loader
 * @param caseName the row of the file's table of cases this scenario is, or null for a file without one
 * @param about  one line saying what the scenario shows
 * @param setup  the server and phones to start
 * @param steps  what the phones do, in order
 * @param expect what must be observed; at least one expectation is stated
 */
public record Scenario(Path file, String caseName, String about, Setup setup, List<Step> steps, Expectations expect) {

    /** A scenario from a file without a table of cases. */
    public Scenario(Path file, String about, Setup setup, List<Step> steps, Expectations expect) {
        this(file, null, about, setup, steps, expect);
    }

    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(expect, "expect");
        steps = List.copyOf(steps);
    }

    /**
     * The scenario's id: the file without {@code .yaml}/{@code .yml}, plus {@code [row]} for a row of a
     * table of cases, like {@code scenarios/digium/cert-defects[expired]}.
     */
    public String id() {
        return id(file.toString().replace(file.getFileSystem().getSeparator(), "/"), caseName);
    }

    /** {@code shown} without its extension, plus {@code [caseName]} when there is one. */
    public static String id(String shown, String caseName) {
        String base = shown.replaceFirst("\\.(yaml|yml)$", "");
        return caseName == null ? base : base + "[" + caseName + "]";
    }
}

package io.sipshield.harness.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One test case read from a scenario file: what to set up, the steps to run and what must be
 * observed. One file holds one scenario (WireMock's one-mapping-per-file convention); the format
 * is described by {@code scenarios/schema/scenario.schema.json} and read by {@link ScenarioLoader}.
 *
 * @param file   the file the scenario was read from, as it was named to the loader
 * @param about  one line saying what the scenario shows
 * @param setup  the server and phones to start
 * @param steps  what the phones do, in order
 * @param expect what must be observed; at least one expectation is stated
 */
public record Scenario(Path file, String about, Setup setup, List<Step> steps, Expectations expect) {

    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(expect, "expect");
        steps = List.copyOf(steps);
    }
}

package io.sipshield.harness.run;

import java.nio.file.Path;
import java.util.List;

/** Hears about a run as it goes, so a report can print each scenario as soon as it ends. */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    /**
     * Every file is loaded and the suite is known, before {@link #runStarting(List, List)}: which shard runs
     * and the whole suite's manifest, so a report written before the run ends (a stopped run) can still name
     * them.
     */
    default void suitePlanned(Shard shard, SuiteManifest suite) {
    }

    /**
     * The scenarios found, in the order they will run, before the first one starts: one file entry per
     * scenario (a file with a table of cases appears once per row).
     */
    default void runStarting(List<Path> files) {
    }

    /**
     * As {@link #runStarting(List)}, with the row of the table of cases of each entry ({@code null} for a
     * file without one). By default passes the files on to {@link #runStarting(List)}.
     */
    default void runStarting(List<Path> files, List<String> caseNames) {
        runStarting(files);
    }

    /** One scenario ended. */
    default void scenarioFinished(ScenarioResult result) {
    }

    /** Every scenario ended; {@code results} in the order run. */
    default void runFinished(List<ScenarioResult> results) {
    }
}

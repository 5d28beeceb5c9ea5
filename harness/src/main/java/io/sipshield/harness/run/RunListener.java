package io.sipshield.harness.run;

import java.nio.file.Path;
import java.util.List;

/** Hears about a run as it goes, so a report can print each scenario as soon as it ends. */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    /** The files found, in the order they will run, before the first one starts. */
    default void runStarting(List<Path> files) {
    }

    /** One scenario ended. */
    default void scenarioFinished(ScenarioResult result) {
    }

    /** Every scenario ended; {@code results} in the order run. */
    default void runFinished(List<ScenarioResult> results) {
    }
}

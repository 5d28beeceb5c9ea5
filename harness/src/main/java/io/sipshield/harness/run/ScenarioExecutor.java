package io.sipshield.harness.run;

import io.sipshield.harness.scenario.Scenario;

/** Sets up what a scenario describes, runs its steps and reports what was observed. */
public interface ScenarioExecutor {

    /**
     * Runs one scenario. Failures of the system under test (a rejected handshake, a 488) are
     * observations, not exceptions; an exception means the scenario could not be run at all.
     */
    Observation execute(Scenario scenario) throws Exception;
}

package io.sipshield.harness.report;

import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * What the mock PBX logged while one scenario ran (its WARN and ERROR lines, Asterisk's WARNING and ERROR), as
 * the reports show it next to the case: "what did Asterisk say when my phone failed?". Nothing for a scenario
 * run against a real server ({@code --target}: no mock, no log) or one the mock said nothing about.
 */
final class ServerLog {

    private ServerLog() {
    }

    /** The lines of {@code result}'s mock, oldest first; empty without an observation, a mock, or a line. */
    static List<Observation.LogLine> lines(ScenarioResult result) {
        Observation.ServerObservation server = server(result);
        return server == null ? List.of() : server.log();
    }

    /** How many older lines the mock did not keep (0 without a mock). */
    static long dropped(ScenarioResult result) {
        Observation.ServerObservation server = server(result);
        return server == null ? 0 : server.logDropped();
    }

    /** {@code 10:15:30.123Z WARN ClientCertificateGate: closing ...}, one line of a plain-text report. */
    static String format(Observation.LogLine line) {
        return line.at() + " " + line.level() + " " + line.source() + ": " + line.text();
    }

    /** A "PBX log" section (monospace, text escaped by {@link Markup}); nothing when the mock said nothing. */
    static void write(Markup html, ScenarioResult result) throws XMLStreamException {
        List<Observation.LogLine> lines = lines(result);
        if (lines.isEmpty()) {
            return;
        }
        html.element("h3", "PBX log");
        long dropped = dropped(result);
        if (dropped > 0) {
            html.element("p", dropped + " earlier line" + (dropped == 1 ? "" : "s") + " not kept", "class",
                    "pbx-log-dropped");
        }
        StringBuilder text = new StringBuilder();
        for (Observation.LogLine line : lines) {
            text.append(format(line)).append('\n');
        }
        html.element("pre", text.toString(), "class", "pbx-log");
    }

    private static Observation.ServerObservation server(ScenarioResult result) {
        return result.observation() == null ? null : result.observation().server();
    }
}

package io.sipshield.harness.report.merge;

/** What a report holds; every input of one merge must be of one kind. */
public enum ReportKind {
    /** {@code report.json} and {@code junit.xml} from {@code sipshield run --report-dir}. */
    SUITE("a suite report (report.json and junit.xml from 'sipshield run --report-dir')"),
    /** The JSON of {@code sipshield load --json}. */
    LOAD("a load result (JSON from 'sipshield load --json')");

    private final String description;

    ReportKind(String description) {
        this.description = description;
    }

    /** For error messages. */
    public String description() {
        return description;
    }
}

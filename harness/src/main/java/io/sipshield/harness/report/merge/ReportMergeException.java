package io.sipshield.harness.report.merge;

/**
 * Reports that cannot be merged: an unreadable or invalid input, inputs of different kinds, suites or
 * versions, a case in two inputs, a shard missing. The message names the file(s) and what was expected.
 */
public final class ReportMergeException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReportMergeException(String message) {
        super(message);
    }

    public ReportMergeException(String message, Throwable cause) {
        super(message, cause);
    }
}

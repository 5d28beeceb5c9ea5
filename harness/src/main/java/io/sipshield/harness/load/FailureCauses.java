package io.sipshield.harness.load;

import io.sipshield.emulator.tls.TlsReport;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Names the cause of a failure the same way for every phone, so causes can be counted: a TLS
 * alert by its name, a SIP answer by step and status, a timeout by step. Never a per-phone detail
 * (no address, no port), so 2,000 phones refused for one reason make one line.
 */
final class FailureCauses {

    private FailureCauses() {
    }

    /** A connection that did not end in an established, trusted TLS session. */
    static String tls(TlsReport report) {
        if (report.alert() != null) {
            return "tls alert " + report.alert().name() + " (sent by " + report.alert().sender().label() + ")";
        }
        String failure = report.failure() == null ? "" : report.failure();
        if (failure.startsWith("cannot connect")) {
            return "tcp connect failed";
        }
        if (report.verification() != null) {
            return "tls server certificate rejected";
        }
        return "tls handshake failed";
    }

    /** A final SIP answer the step did not want ({@code "register 401"}). */
    static String sip(String step, int status) {
        return step + " " + status;
    }

    /** A step that failed with an exception: a timeout ({@code "register timeout"}) or another error. */
    static String error(String step, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return step + " timeout";
        }
        if (cause instanceof java.nio.channels.ClosedChannelException) {
            return "connection closed";
        }
        return step + " error (" + cause.getClass().getSimpleName() + ")";
    }

    /** The server or the network closed a phone's connection while it was registered. */
    static String closed() {
        return "connection closed";
    }
}

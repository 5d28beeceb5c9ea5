package io.sipshield.emulator.cisco;

import java.util.Objects;

/**
 * What one attempt to fetch a file returned.
 *
 * @param file      the file name asked for
 * @param transport how it was asked for
 * @param status    what came back
 * @param body      the file's bytes for {@link Status#OK}, else empty
 * @param detail    for a person: the HTTP status line, the TFTP error, the TLS failure
 */
public record FetchResult(String file, ProvisioningTransport transport, Status status, byte[] body, String detail) {

    /** The outcome of a fetch. */
    public enum Status {
        /** The file arrived. */
        OK,
        /** The server has no such file (HTTP 404, TFTP error 1): normal for a trust list. */
        NOT_FOUND,
        /** The server answered with another error (HTTP status, TFTP error code). */
        ERROR,
        /** No answer: connection refused, timeout, reset. */
        UNREACHABLE,
        /** The phone refused the server: the HTTPS certificate is not a TFTP-role EC record of its ITL. */
        REFUSED
    }

    public FetchResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(status, "status");
        body = body == null ? new byte[0] : body.clone();
        Objects.requireNonNull(detail, "detail");
    }

    static FetchResult ok(String file, ProvisioningTransport transport, byte[] body, String detail) {
        return new FetchResult(file, transport, Status.OK, body, detail);
    }

    static FetchResult failed(String file, ProvisioningTransport transport, Status status, String detail) {
        return new FetchResult(file, transport, status, new byte[0], detail);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return file + " via " + transport + ": " + status + " (" + detail + ", " + body.length + " bytes)";
    }
}

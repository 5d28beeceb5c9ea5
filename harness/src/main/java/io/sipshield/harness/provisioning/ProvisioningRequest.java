package io.sipshield.harness.provisioning;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One request the {@link ProvisioningServer} answered, recorded once it is over (the response
 * written, the TFTP transfer acknowledged, refused or given up).
 *
 * @param at         when the request arrived
 * @param transport  HTTP, HTTPS or TFTP
 * @param remote     the client's address and port
 * @param method     {@code GET}, {@code HEAD} or another HTTP method; {@code RRQ} or {@code WRQ} for TFTP
 * @param path       the name as requested (HTTP: the decoded path without the query; TFTP: the filename field)
 * @param servedFile the file served, relative to the directory with {@code /} separators, when one was
 *                   ({@code SEP<MAC>.cnf.xml} for an HTTPS request of {@code SEP<MAC>.cnf.xml.sgn});
 *                   empty when none was
 * @param status     what came of it
 * @param code       the HTTP status sent; for TFTP the error code sent (RFC 1350 §5), 0 when none was
 * @param bytes      body bytes sent (HTTP; 0 for HEAD) or data bytes the client acknowledged (TFTP)
 * @param detail     a short human note (why it was refused, how many blocks, ...), never file content
 */
public record ProvisioningRequest(Instant at, Transport transport, InetSocketAddress remote, String method,
                                  String path, String servedFile, Status status, int code, long bytes, String detail) {

    public ProvisioningRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(servedFile, "servedFile");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** How the file was asked for, with the port Cisco phones use for each (DEVICES.md §A.3). */
    public enum Transport {
        /** HTTP, port 6970 (http-provisioning.html: the phone's first try). */
        HTTP(6970),
        /** HTTPS, port 6971 (SEP&lt;MAC&gt;.cnf.xml when the ITL's signer version is 1.1). */
        HTTPS(6971),
        /** TFTP (RFC 1350) over UDP, port 69: the fallback. */
        TFTP(69);

        private final int defaultPort;

        Transport(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }
    }

    /** What came of a request, the same words for every transport. */
    public enum Status {
        /** The whole file was sent (HTTP 200; TFTP: the last block acknowledged). */
        SERVED,
        /** No such file (HTTP 404; TFTP error 1). */
        NOT_FOUND,
        /** Refused: a path leaving the directory, a directory, an unreadable file (HTTP 403; TFTP error 2). */
        FORBIDDEN,
        /** A method the server does not serve: HTTP other than GET/HEAD (405), TFTP WRQ or an unknown mode (error 4). */
        NOT_ALLOWED,
        /** A request that could not be parsed (HTTP 400; TFTP error 4 for a malformed RRQ). */
        BAD_REQUEST,
        /** Started but not finished: the client went away or stopped acknowledging. */
        INCOMPLETE
    }

    /** True when the file went out whole. */
    public boolean served() {
        return status == Status.SERVED;
    }

    /** One log line: {@code HTTPS 127.0.0.1:40000 GET SEP0011.cnf.xml.sgn -> SEP0011.cnf.xml: SERVED (200), 1234 bytes}; TFTP shows {@code (error 2)} when it sent an error. */
    public String toLine() {
        StringBuilder line = new StringBuilder();
        line.append(transport).append(' ').append(remote.getAddress().getHostAddress()).append(':').append(remote.getPort())
                .append(' ').append(method).append(' ').append(path);
        if (!servedFile.isEmpty() && !servedFile.equals(stripLeadingSlashes(path))) {
            line.append(" -> ").append(servedFile);
        }
        line.append(": ").append(status);
        if (transport != Transport.TFTP) {
            line.append(" (").append(code).append(')');
        } else if (code != 0) {
            line.append(" (error ").append(code).append(')');
        }
        line.append(", ").append(bytes).append(" bytes");
        if (!detail.isEmpty()) {
            line.append("; ").append(detail);
        }
        return line.toString();
    }

    private static String stripLeadingSlashes(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '/') {
            start++;
        }
        return name.substring(start);
    }
}

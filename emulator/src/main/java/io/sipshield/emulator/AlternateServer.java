package io.sipshield.emulator;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The server a phone turns to when its primary cannot be reached: a Digium D-Series account's
 * {@code <host_alternate server= port=/>} (DEVICES.md §B; {@code host_secondary} in DPMA). wiki.asterisk.org
 * "Digium Phones and Failover" says the phone registers with both hosts and calls through the alternate while
 * the primary is unreachable. The emulator models the failover of the connection: when the primary's connection
 * fails, the phone connects to the alternate, and registers and calls there.
 *
 * <p>[GUESS] The source does not say which failures count as "unreachable". By default a connection that could
 * not be opened (refused, timed out) and a TLS handshake that failed (an alert, a rejected certificate) both do
 * ({@code onTlsFailure} true); {@link #onlyWhenUnreachable()} keeps a TLS failure on the primary final.
 * [GUESS] Registering with the alternate while the primary is up is not modelled: the phone registers with the one
 * server it connected to.
 *
 * @param host         the host name the phone dials there: SNI, request URIs and the certificate identity check
 * @param address      where to connect (the address {@code host} resolves to)
 * @param onTlsFailure whether a failed TLS handshake on the primary also sends the phone to the alternate
 */
public record AlternateServer(String host, InetSocketAddress address, boolean onTlsFailure) {

    public AlternateServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
    }

    /** An alternate the phone turns to on any failed connection to the primary, TLS failures included. */
    public static AlternateServer of(String host, InetSocketAddress address) {
        return new AlternateServer(host, address, true);
    }

    /** This alternate, used only when the primary's connection could not be opened at all. */
    public AlternateServer onlyWhenUnreachable() {
        return new AlternateServer(host, address, false);
    }

    /** This alternate reached at {@code elsewhere} (the run's loopback address), keeping its host name. */
    public AlternateServer reachedAt(InetSocketAddress elsewhere) {
        return new AlternateServer(host, elsewhere, onTlsFailure);
    }

    @Override
    public String toString() {
        return host + " at " + address.getHostString() + ":" + address.getPort();
    }
}

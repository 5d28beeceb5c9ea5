package io.sipshield.harness.probe;

/** No TCP connection to the probed address could be made. */
public final class ProbeConnectException extends Exception {

    public ProbeConnectException(String message) {
        super(message);
    }
}

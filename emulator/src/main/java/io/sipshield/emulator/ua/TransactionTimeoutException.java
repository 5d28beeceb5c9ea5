package io.sipshield.emulator.ua;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A client transaction ended without the response it waited for: Timer F for a non-INVITE request
 * (RFC 3261 §17.1.2.2), Timer B for an INVITE before any provisional response (§17.1.1.2). Both are
 * 64*T1 = 32 s by default; {@code PhoneSettings.transactionTimeout} changes them. The message says what
 * was awaited: "no final response to REGISTER within 32 s (Timer F, RFC 3261 §17.1.2.2)".
 */
public final class TransactionTimeoutException extends TimeoutException {

    private final String method;
    private final Duration timeout;

    public TransactionTimeoutException(String method, Duration timeout) {
        super((isInvite(method) ? "no response to " : "no final response to ") + method + " within "
                + ArrivalQueue.describe(timeout)
                + (isInvite(method) ? " (Timer B, RFC 3261 §17.1.1.2)" : " (Timer F, RFC 3261 §17.1.2.2)"));
        this.method = method;
        this.timeout = timeout;
    }

    private static boolean isInvite(String method) {
        return "INVITE".equals(method);
    }

    /** The method of the request that got no answer. */
    public String method() {
        return method;
    }

    /** How long the transaction waited. */
    public Duration timeout() {
        return timeout;
    }
}

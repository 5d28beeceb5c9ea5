package io.sipshield.harness.scenario;

import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.ua.ReconnectPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How a scenario phone recovers a failed connection: its {@code reconnect} policy (RFC 5626 §4.5) and
 * its {@code transaction-timeout} (Timer F / Timer B, RFC 3261 §17.1).
 *
 * @param reconnect          {@link ReconnectPolicy#NONE} unless the phone says {@code reconnect:}
 * @param transactionTimeout how long a request waits for its answer
 */
public record PhoneRecovery(ReconnectPolicy reconnect, Duration transactionTimeout) {

    /** A phone that states neither: no recovery, 32 s transactions. */
    public static final PhoneRecovery DEFAULT = new PhoneRecovery(ReconnectPolicy.NONE,
            PhoneSettings.DEFAULT_TRANSACTION_TIMEOUT);

    public PhoneRecovery {
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(transactionTimeout, "transactionTimeout");
    }
}

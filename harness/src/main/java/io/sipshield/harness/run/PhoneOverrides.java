package io.sipshield.harness.run;

import io.sipshield.emulator.capture.SecretsTap;
import io.sipshield.emulator.capture.SrtpKeys;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a run changes or adds on every phone a scenario sets up, whatever the scenario says: the host name
 * the phones dial and extra trust anchors ({@link RemoteTarget}), and an observer of the session secrets
 * the phones settle ({@link LiveScenarioExecutor#observeSecrets}).
 *
 * @param serverName the host name every phone dials, or null to keep each phone's own
 * @param trust      CA certificates every phone trusts besides its own
 * @param secrets    told every TLS key log line and SDES key pair, or null
 */
record PhoneOverrides(String serverName, List<X509Certificate> trust, SecretsTap secrets) {

    /** Nothing changed. */
    static final PhoneOverrides NONE = new PhoneOverrides(null, List.of(), null);

    PhoneOverrides {
        trust = List.copyOf(trust);
    }

    /** The phones dial {@code target}'s server name (when it has one) and also trust its CAs. */
    PhoneOverrides with(RemoteTarget target) {
        return target == null ? this : new PhoneOverrides(target.serverName(), target.trust(), secrets);
    }

    /** Both taps hear every secret, {@code first} first. */
    static SecretsTap both(SecretsTap first, SecretsTap second) {
        return new SecretsTap() {
            @Override
            public void tlsKeyLog(String line) {
                first.tlsKeyLog(line);
                second.tlsKeyLog(line);
            }

            @Override
            public void tlsSecretsUnavailable(String reason) {
                first.tlsSecretsUnavailable(reason);
                second.tlsSecretsUnavailable(reason);
            }

            @Override
            public void srtpKeys(SrtpKeys keys) {
                first.srtpKeys(keys);
                second.srtpKeys(keys);
            }
        };
    }
}

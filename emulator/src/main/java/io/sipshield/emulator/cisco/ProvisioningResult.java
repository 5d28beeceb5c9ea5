package io.sipshield.emulator.cisco;

import io.sipshield.emulator.tls.TrustListEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one provisioning run left the phone with.
 *
 * @param log          every fetch and decision, in order
 * @param trustList    the effective trust store afterwards (CTL and ITL records by role)
 * @param configName   the configuration file asked for ({@code SEP<MAC>.cnf.xml} or {@code .cnf.xml.sgn})
 * @param config       the accepted configuration's bytes (signed header removed), if one was accepted
 * @param configSource how the accepted configuration came, if one was accepted
 */
public record ProvisioningResult(ProvisioningLog log, List<TrustListEntry> trustList, String configName,
                                 Optional<byte[]> config, Optional<ProvisioningTransport> configSource) {

    public ProvisioningResult {
        Objects.requireNonNull(log, "log");
        trustList = List.copyOf(trustList);
        Objects.requireNonNull(configName, "configName");
        config = config.map(byte[]::clone);
        Objects.requireNonNull(configSource, "configSource");
    }

    @Override
    public Optional<byte[]> config() {
        return config.map(byte[]::clone);
    }
}

package io.sipshield.harness.run;

import io.sipshield.emulator.cisco.ProvisioningLog;
import io.sipshield.emulator.cisco.ProvisioningLog.Decision;
import io.sipshield.emulator.cisco.ProvisioningResult;
import io.sipshield.emulator.cisco.TrustListKind;
import java.util.List;

/**
 * A {@link ProvisioningResult} summed up in the words of {@code expect...provisioning}
 * ({@link Observation.ProvisioningObservation}).
 */
final class ProvisioningOutcome {

    private ProvisioningOutcome() {
    }

    static Observation.ProvisioningObservation of(ProvisioningResult result) {
        List<ProvisioningLog.Entry> trustLists = result.log().entries().stream()
                .filter(entry -> TrustListKind.ofFileName(entry.file()).isPresent()).toList();
        String trustList;
        if (!result.trustList().isEmpty()) {
            trustList = "installed";
        } else if (trustLists.stream().anyMatch(entry -> entry.decision() == Decision.REJECTED)) {
            trustList = "rejected";
        } else {
            trustList = "absent";
        }
        Decision last = result.log().last(result.configName()).map(ProvisioningLog.Entry::decision).orElse(null);
        String config;
        if (result.config().isPresent()) {
            config = "accepted";
        } else if (last == Decision.REJECTED) {
            config = "rejected";
        } else if (last == Decision.FAILED) {
            config = "failed";
        } else {
            config = "absent";
        }
        return new Observation.ProvisioningObservation(trustList, config);
    }
}

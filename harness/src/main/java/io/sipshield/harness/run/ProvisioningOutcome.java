package io.sipshield.harness.run;

import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRecord;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.cisco.CiscoTrustStore;
import io.sipshield.emulator.cisco.ProvisioningLog;
import io.sipshield.emulator.cisco.ProvisioningLog.Decision;
import io.sipshield.emulator.cisco.ProvisioningResult;
import io.sipshield.emulator.cisco.TrustListKind;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One boot summed up in the words of {@code expect...provisioning} ({@link Observation.ProvisioningObservation}):
 * the {@link ProvisioningResult} says what the boot fetched and decided, the {@link CiscoTrustStore} which lists
 * are in force afterwards.
 */
final class ProvisioningOutcome {

    /** The decisions that leave the offered list stored. */
    private static final Set<Decision> STORED = Set.of(Decision.INSTALLED, Decision.REPLACED);

    private ProvisioningOutcome() {
    }

    /**
     * @param result  the boot's result
     * @param store   the phone's trust store after the boot
     * @param names   a certificate's name in reports: its fixture id, else its subject
     */
    static Observation.ProvisioningObservation of(ProvisioningResult result, CiscoTrustStore store,
                                                  Function<X509Certificate, String> names) {
        Map<String, String> lists = new LinkedHashMap<>();
        for (ProvisioningLog.Entry entry : result.log().entries()) {
            if (TrustListKind.ofFileName(entry.file()).isPresent() && entry.decision() != Decision.FALLBACK) {
                lists.put(entry.file(), entry.decision().name().toLowerCase(Locale.ROOT));
            }
        }
        List<Decision> decisions = lists.values().stream().map(word -> Decision.valueOf(word.toUpperCase(Locale.ROOT)))
                .toList();
        String trustList;
        if (decisions.contains(Decision.REPLACED)) {
            trustList = "replaced";
        } else if (decisions.stream().anyMatch(STORED::contains)) {
            trustList = "installed";
        } else if (!store.isEmpty()) {
            trustList = "kept";
        } else if (decisions.contains(Decision.REJECTED)) {
            trustList = "rejected";
        } else {
            trustList = "absent";
        }
        return new Observation.ProvisioningObservation(trustList, config(result),
                store.origin(TrustListKind.ITL).orElse("none"),
                store.ctl().map(list -> list.records().size()).orElse(0),
                store.itl().map(list -> sast(list, names)).orElse(List.of()), lists);
    }

    private static String config(ProvisioningResult result) {
        Decision last = result.log().last(result.configName()).map(ProvisioningLog.Entry::decision).orElse(null);
        if (result.config().isPresent()) {
            return "accepted";
        } else if (last == Decision.REJECTED) {
            return "rejected";
        } else if (last == Decision.FAILED) {
            return "failed";
        }
        return "absent";
    }

    private static List<String> sast(TrustListFile list, Function<X509Certificate, String> names) {
        return list.records(TrustListRole.SAST).stream().map(TrustListRecord::certificate).map(names).toList();
    }
}

package io.sipshield.harness.run;

import io.sipshield.emulator.cisco.CiscoMac;
import io.sipshield.emulator.cisco.CiscoTrustStore;
import io.sipshield.emulator.cisco.TrustDecision;
import io.sipshield.harness.scenario.PhoneSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The boots of one scenario's provisioned Cisco phones (DEVICES.md §A.3). Each phone has one trust store for the
 * whole scenario, so a later boot ({@code reboot} step) is judged against what an earlier boot installed, as a
 * real phone's lists survive a reboot: a later list must be signed by a known SAST. The store lives under the state
 * directory, per MAC ({@link CiscoTrustStore}): a fresh temporary one per scenario unless the run keeps stores
 * across runs ({@code sipshield run --state-dir}); a phone with {@code factory-reset: true} starts from factory
 * state either way. Not thread-safe: the steps of a scenario run one after the other.
 */
final class PhoneBoots implements AutoCloseable {

    private final PhoneProvisioning provisioning;
    private final Path keptState;
    private final Map<X509Certificate, String> fixtureIds = new HashMap<>();
    private final Map<String, PhoneState> phones = new HashMap<>();
    private Path scratch;

    /**
     * One boot's outcome.
     *
     * @param outcome     what the provisioning client reported, and the accepted configuration file
     * @param observation the same in the words of {@code expect...provisioning}
     */
    record Boot(PhoneProvisioning.Outcome outcome, Observation.ProvisioningObservation observation) {
    }

    /** A phone's store, whether it is switched on (booted since its last factory reset) and its last boot. */
    private static final class PhoneState {
        private final CiscoTrustStore store;
        private boolean on;
        private Boot last;
        private int boots;

        PhoneState(CiscoTrustStore store) {
            this.store = store;
        }
    }

    /**
     * @param stateDirectory where trust stores are kept across runs ({@code <dir>/<MAC>/}), or null for a fresh
     *                       temporary directory deleted when the scenario ends
     */
    PhoneBoots(PhoneProvisioning provisioning, Path stateDirectory) {
        this.provisioning = provisioning;
        this.keptState = stateDirectory;
    }

    /** Whether the phone has booted since the scenario began or since its last factory reset. */
    boolean isOn(String phone) {
        PhoneState state = phones.get(phone);
        return state != null && state.on;
    }

    /** The phone's last boot, if it booted. */
    Optional<Boot> last(String phone) {
        return Optional.ofNullable(phones.get(phone)).map(state -> state.last);
    }

    /**
     * Boots the phone from {@code from} (null: its own provisioning directory) with its store as it stands.
     *
     * @throws IllegalArgumentException naming the file and field when the tree's descriptions are unusable
     */
    Boot boot(PhoneSpec spec, PhoneSpec.Provisioning from) throws Exception {
        PhoneSpec.Provisioning tree = from != null ? from : spec.provisioning();
        Path copy = provisioning.materialise(tree, fixtureIds::putIfAbsent);
        PhoneState state = state(spec);
        state.boots++;
        PhoneProvisioning.Outcome outcome = provisioning.boot(copy, tree, state.store,
                scratch().resolve(spec.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + state.boots));
        state.on = true;
        state.last = new Boot(outcome, ProvisioningOutcome.of(outcome.result(), state.store, this::name));
        return state.last;
    }

    /**
     * Deletes the phone's stored trust lists and switches it off (its next step boots it again).
     *
     * @return one line per list deleted, like {@code factory reset: the stored ITL was deleted}
     */
    List<String> factoryReset(PhoneSpec spec) throws IOException {
        PhoneState state = state(spec);
        int before = state.store.events().size();
        state.store.factoryReset();
        state.on = false;
        List<String> lines = new ArrayList<>();
        for (TrustDecision event : state.store.events().subList(before, state.store.events().size())) {
            lines.add(event.file() + ": " + event.reason());
        }
        if (lines.isEmpty()) {
            lines.add("factory reset: no trust list was stored");
        }
        return lines;
    }

    /** The phone's store, opened on first use under the state directory, reset if the scenario asks. */
    private PhoneState state(PhoneSpec spec) throws IOException {
        PhoneState state = phones.get(spec.name());
        if (state == null) {
            PhoneSpec.Provisioning own = spec.provisioning();
            CiscoMac mac = own.mac() != null ? new CiscoMac(own.mac())
                    : PhoneProvisioning.defaultMac(provisioning.materialise(own, fixtureIds::putIfAbsent), spec.name());
            Path directory = keptState != null ? keptState : scratch().resolve("state");
            state = new PhoneState(CiscoTrustStore.open(directory, mac));
            if (own.factoryReset()) {
                state.store.factoryReset();
            }
            phones.put(spec.name(), state);
        }
        return state;
    }

    /** A certificate's name in reports: the fixture id a trust-list description gave it, else its subject. */
    private String name(X509Certificate certificate) {
        String id = fixtureIds.get(certificate);
        return id != null ? id : certificate.getSubjectX500Principal().getName();
    }

    private Path scratch() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("sipshield-boots");
        }
        return scratch;
    }

    /** Deletes the temporary directory (never a kept state directory). */
    @Override
    public void close() {
        if (scratch == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is no reason to fail a run
        }
        scratch = null;
    }
}

package io.sipshield.harness.scenario;

import io.sipshield.emulator.fault.Fault;
import io.sipshield.emulator.fault.ServerFault;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario starts before its steps run: one server and the phones that talk to it.
 *
 * @param server the server the phones connect to
 * @param phones the emulated phones, at least one, names unique
 * @param faults the faults injected into the run ({@code setup.faults}), in file order
 * @param recovery how each phone recovers a failed connection, by phone name; a phone not listed has
 *                 {@link PhoneRecovery#DEFAULT}
 */
public record Setup(ServerSpec server, List<PhoneSpec> phones, List<Fault> faults, Map<String, PhoneRecovery> recovery) {

    public Setup {
        Objects.requireNonNull(server, "server");
        phones = List.copyOf(phones);
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("a setup needs at least one phone");
        }
        faults = faults == null ? List.of() : List.copyOf(faults);
        recovery = recovery == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(recovery));
    }

    /** A setup without faults, whose phones do not recover. */
    public Setup(ServerSpec server, List<PhoneSpec> phones) {
        this(server, phones, List.of(), Map.of());
    }

    /** The faults the server plays (the rest are media faults). */
    public List<ServerFault> serverFaults() {
        return faults.stream().filter(ServerFault.class::isInstance).map(ServerFault.class::cast).toList();
    }

    /** How the phone named {@code name} recovers a failed connection. */
    public PhoneRecovery recovery(String name) {
        return recovery.getOrDefault(name, PhoneRecovery.DEFAULT);
    }

    /** The phone declared with {@code name}, if any. */
    public Optional<PhoneSpec> phone(String name) {
        return phones.stream().filter(phone -> phone.name().equals(name)).findFirst();
    }
}

package io.sipshield.harness.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario starts before its steps run: one server and the phones that talk to it.
 *
 * @param server the server the phones connect to
 * @param phones the emulated phones, at least one, names unique
 */
public record Setup(ServerSpec server, List<PhoneSpec> phones) {

    public Setup {
        Objects.requireNonNull(server, "server");
        phones = List.copyOf(phones);
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("a setup needs at least one phone");
        }
    }

    /** The phone declared with {@code name}, if any. */
    public Optional<PhoneSpec> phone(String name) {
        return phones.stream().filter(phone -> phone.name().equals(name)).findFirst();
    }
}

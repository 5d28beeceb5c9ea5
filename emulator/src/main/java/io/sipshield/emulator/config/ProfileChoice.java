package io.sipshield.emulator.config;

import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.Quirk;
import io.sipshield.emulator.profile.SrtpPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a configuration file decides the device profile: the firmware it implies (if it implies one)
 * and the settings that change how the phone connects, as {@code +suffix} variants over that base
 * ({@code algo-8301@3.1+no-validation+srtp-optional}). A combination the catalogue has is taken
 * from {@link DeviceProfiles}; any other is derived from the base with the same quirks and SRTP
 * policy, so every combination a file can express has a profile.
 *
 * @param base     the profile the file implies (Algo: the firmware), empty when the caller chooses (Digium)
 * @param suffixes the variant suffixes in order, each starting with {@code +}
 * @param added    quirks the settings add
 * @param removed  quirks the settings remove
 * @param srtp     the SRTP policy the settings choose, empty to keep the profile's
 */
public record ProfileChoice(Optional<String> base, List<String> suffixes, Set<Quirk> added, Set<Quirk> removed,
                            Optional<SrtpPolicy> srtp) {

    public ProfileChoice {
        Objects.requireNonNull(base, "base");
        suffixes = List.copyOf(suffixes);
        added = added.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(added));
        removed = removed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(removed));
        Objects.requireNonNull(srtp, "srtp");
        base.ifPresent(name -> {
            if (DeviceProfiles.byName(name).isEmpty()) {
                throw new IllegalArgumentException("base: unknown device profile '" + name + "'");
            }
        });
        for (String suffix : suffixes) {
            if (!suffix.startsWith("+")) {
                throw new IllegalArgumentException("suffixes: expected '+name', got '" + suffix + "'");
            }
        }
    }

    /** A file that leaves the profile alone. */
    public static ProfileChoice unchanged() {
        return new ProfileChoice(Optional.empty(), List.of(), Set.of(), Set.of(), Optional.empty());
    }

    /** The profile name the file decides, when it implies a firmware ({@code algo-8301@1.7+srtp-disabled}). */
    public Optional<String> name() {
        return base.map(this::nameOver);
    }

    private String nameOver(String baseName) {
        return baseName + String.join("", suffixes);
    }

    /**
     * The profile the phone runs: the file's base (or {@code fallback} when the file implies none)
     * with the file's variants applied.
     */
    public DeviceProfile resolve(DeviceProfile fallback) {
        DeviceProfile start = base.flatMap(DeviceProfiles::byName)
                .orElseGet(() -> Objects.requireNonNull(fallback, "fallback: the file implies no firmware"));
        if (suffixes.isEmpty() && added.isEmpty() && removed.isEmpty() && srtp.isEmpty()) {
            return start;
        }
        String name = nameOver(start.name());
        Optional<DeviceProfile> catalogued = DeviceProfiles.byName(name);
        if (catalogued.isPresent()) {
            return catalogued.get();
        }
        DeviceProfile derived = start.without(name, removed.toArray(Quirk[]::new)).with(name, added.toArray(Quirk[]::new));
        return srtp.map(derived::withSrtp).orElse(derived);
    }

    /** Builds a choice one setting at a time, in file order. */
    static final class Builder {
        private String base;
        private final List<String> suffixes = new ArrayList<>();
        private final Set<Quirk> added = EnumSet.noneOf(Quirk.class);
        private final Set<Quirk> removed = EnumSet.noneOf(Quirk.class);
        private SrtpPolicy srtp;

        Builder base(String name) {
            this.base = name;
            return this;
        }

        Builder variant(String suffix, Set<Quirk> add, Set<Quirk> remove) {
            suffixes.add(suffix);
            added.addAll(add);
            removed.addAll(remove);
            return this;
        }

        Builder srtp(String suffix, SrtpPolicy policy) {
            if (suffix != null) {
                suffixes.add(suffix);
            }
            this.srtp = policy;
            return this;
        }

        ProfileChoice build() {
            return new ProfileChoice(Optional.ofNullable(base), suffixes, added, removed, Optional.ofNullable(srtp));
        }
    }
}

package io.sipshield.harness.run;

import io.sipshield.emulator.cisco.SepMacConfig;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.harness.scenario.PhoneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a provisioned Cisco phone is: the scenario may leave profile, user and password to the
 * {@code SEP<MAC>.cnf.xml} the phone booted with, as a real phone takes its line from it (sepmac-cnf-xml.html,
 * DEVICES.md §A.3). The file names its profile through {@link SepMacConfig#profile()} ({@code deviceSecurityMode}
 * and the model {@code loadInformation} points to) and its account through the first {@code sipLines/line}
 * ({@code name}, {@code authPassword}). A key the scenario states wins; where it contradicts the file, a warning
 * names both (never the passwords). Nothing to go on is an error naming the phone and what is missing.
 *
 * @param profile  the profile the phone runs
 * @param warnings the contradictions between scenario and file, one line each
 */
record ProvisionedIdentity(DeviceProfile profile, List<String> warnings) {

    ProvisionedIdentity {
        Objects.requireNonNull(profile, "profile");
        warnings = List.copyOf(warnings);
    }

    /**
     * @param spec    the phone as the scenario sets it up
     * @param file    the configuration the phone accepted at boot, if any
     * @param config  what became of the configuration at boot ({@code accepted}, {@code rejected}, {@code absent}...)
     * @throws IllegalArgumentException naming the phone when neither scenario nor file gives a profile or a user
     */
    static ProvisionedIdentity resolve(PhoneSpec spec, Optional<SepMacConfig> file, String config) {
        String place = "setup.phones[" + spec.name() + "]";
        String fileName = file.map(SepMacConfig::file).orElse("SEP<MAC>.cnf.xml");
        List<String> warnings = new ArrayList<>();
        Optional<DeviceProfile> named = Optional.ofNullable(spec.profile()).flatMap(DeviceProfiles::byName);
        Optional<DeviceProfile> fromFile = file.flatMap(SepMacConfig::profile);
        if (named.isPresent() && fromFile.isPresent() && !named.get().name().equals(fromFile.get().name())) {
            warnings.add(place + ".profile " + named.get().name() + " contradicts " + fileName + " (deviceSecurityMode "
                    + file.get().deviceSecurityMode().orElse(0) + ", model " + file.get().model() + ": "
                    + fromFile.get().name() + "); the scenario's profile wins");
        }
        DeviceProfile profile = named.or(() -> fromFile).orElseThrow(() -> new IllegalArgumentException(place
                + ": no profile: " + (file.isEmpty() ? "the phone's provisioning accepted no SEP<MAC>.cnf.xml (config "
                + config + ")" : fileName + " names none (deviceSecurityMode 1 or absent is insecure)")
                + " and the scenario names none; expected profile: (e.g. cisco-8845@14.2) on the phone"));
        Optional<SepMacConfig.SipLine> line = file.flatMap(SepMacConfig::line);
        if (spec.user() == null && line.isEmpty()) {
            throw new IllegalArgumentException(place + ": no SIP account: " + (file.isEmpty()
                    ? "the phone's provisioning accepted no SEP<MAC>.cnf.xml (config " + config + ")"
                    : fileName + " has no sipLines/line") + " and the scenario names no user; expected user: and"
                    + " password: on the phone");
        }
        if (spec.user() != null && line.isPresent() && !spec.user().equals(line.get().name())) {
            warnings.add(place + ".user " + spec.user() + " contradicts " + fileName + " sipLines/line name "
                    + line.get().name() + "; the scenario's user wins");
        }
        if (spec.password() != null && line.isPresent() && !spec.password().equals(line.get().authPassword())) {
            warnings.add(place + ".password differs from " + fileName + " sipLines/line authPassword; the scenario's"
                    + " password wins");
        }
        return new ProvisionedIdentity(profile, warnings);
    }
}

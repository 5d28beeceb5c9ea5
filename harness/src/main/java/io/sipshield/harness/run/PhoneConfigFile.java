package io.sipshield.harness.run;

import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.cisco.ConfigProblem;
import io.sipshield.emulator.cisco.SepMacConfig;
import io.sipshield.emulator.config.ConfigWarning;
import io.sipshield.emulator.config.ConfigurationFileException;
import io.sipshield.emulator.config.PhoneConfiguration;
import io.sipshield.emulator.config.PhoneConfigurations;
import io.sipshield.emulator.profile.DeviceProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scenario phone's vendor configuration file, read the way the emulator reads it outside scenarios:
 * a Cisco {@code SEP<MAC>.cnf.xml} by {@link SepMacConfig}, anything else (Digium XML, DPMA .conf, an
 * Algo tree) by {@link PhoneConfigurations}. The file decides the account, the server's name, trust,
 * client certificate and the profile variant; the scenario's server address replaces the file's (the
 * mock listens on a free port). Messages name the file as the scenario wrote it, not its run-time copy.
 */
final class PhoneConfigFile {

    private final String shownAs;
    private final PhoneConfiguration generic;
    private final SepMacConfig cisco;

    private PhoneConfigFile(String shownAs, PhoneConfiguration generic, SepMacConfig cisco) {
        this.shownAs = shownAs;
        this.generic = generic;
        this.cisco = cisco;
    }

    /**
     * Reads {@code file} (the run's copy of {@code shownAs}).
     *
     * @throws IllegalArgumentException naming the file, line and element when the file is unusable
     */
    static PhoneConfigFile read(Path file, String shownAs) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("sep") && name.endsWith(".cnf.xml")) {
            SepMacConfig config = SepMacConfig.read(file);
            if (config.hasErrors()) {
                throw new IllegalArgumentException(config.errors().stream().map(ConfigProblem::toString)
                        .map(text -> text.replace(file.toString(), shownAs)).collect(Collectors.joining("; ")));
            }
            return new PhoneConfigFile(shownAs, null, config);
        }
        try {
            return new PhoneConfigFile(shownAs, PhoneConfigurations.read(file), null);
        } catch (ConfigurationFileException e) {
            throw new IllegalArgumentException(e.getMessage().replace(file.toString(), shownAs), e);
        }
    }

    /** The profile the phone runs: the file's firmware and settings over {@code named} (the scenario's profile, if any). */
    DeviceProfile profile(Optional<DeviceProfile> named) {
        if (cisco != null) {
            return cisco.profile().or(() -> named).orElseThrow(() -> new IllegalArgumentException(shownAs
                    + ": deviceSecurityMode gives no TLS profile (1 or absent is insecure) and the scenario names none"));
        }
        if (generic.profile().base().isEmpty() && named.isEmpty()) {
            throw new IllegalArgumentException(shownAs + ": the file does not say which firmware the phone runs;"
                    + " name a profile in the scenario (e.g. digium-d65@2_9_2)");
        }
        return generic.profile().resolve(named.orElse(null));
    }

    /** Applies the file to {@code settings}, then points the phone at {@code server}. */
    void applyTo(PhoneSettings.Builder settings, InetSocketAddress server) {
        if (cisco != null) {
            cisco.customise(settings);
        } else {
            generic.applyTo(settings);
        }
        settings.serverAddress(server);
    }

    /** The file's warnings, for the scenario's notes. */
    List<String> notes(DeviceProfile resolved) {
        List<String> notes = new ArrayList<>();
        if (cisco != null) {
            cisco.warnings().forEach(problem -> notes.add(problem.toString()));
        } else {
            generic.warningsFor(resolved).stream().map(ConfigWarning::toString).forEach(notes::add);
        }
        return notes.stream().map(note -> note.replace(generic == null ? cisco.file() : generic.source(), shownAs))
                .toList();
    }
}

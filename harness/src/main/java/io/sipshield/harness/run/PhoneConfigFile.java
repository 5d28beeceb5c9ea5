package io.sipshield.harness.run;

import io.sipshield.emulator.AlternateServer;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.cisco.SepMacConfig;
import io.sipshield.emulator.config.AlgoFirmware;
import io.sipshield.emulator.config.ConfigProblem;
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
     * Reads {@code file} (the run's copy of {@code shownAs}, the {@code config} of phone {@code phone} in
     * {@code scenario}); an unusable file is an error naming the scenario, the phone's field, the file, its
     * line and element, e.g. {@code a.yaml: setup.phones[desk].config: phone.xml:6: host_primary transport: ...}.
     *
     * @throws IllegalArgumentException naming the scenario, file, line and element when the file is unusable
     */
    static PhoneConfigFile read(Path file, String shownAs, Path scenario, String phone, String profile)
            throws IOException {
        try {
            return read(file, shownAs, options(profile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(scenario + ": setup.phones[" + phone + "].config: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code file} (the run's copy of {@code shownAs}).
     *
     * @throws IllegalArgumentException naming the file, line and element when the file is unusable
     */
    static PhoneConfigFile read(Path file, String shownAs) throws IOException {
        return read(file, shownAs, PhoneConfigurations.Options.defaults());
    }

    /**
     * What the scenario's {@code profile} decides that the file leaves open: an Algo tree does not say which
     * firmware the device runs (seed 003: 1.7.x and 3.1+ read different trust files), so a scenario naming
     * {@code algo-8301@1.7} runs the tree as firmware 1.7 even when it holds certs/trusted/.
     */
    static PhoneConfigurations.Options options(String profile) {
        PhoneConfigurations.Options options = PhoneConfigurations.Options.defaults();
        if (profile != null && profile.startsWith("algo-") && profile.contains("@")) {
            String version = profile.substring(profile.indexOf('@') + 1).split("\\+", 2)[0];
            return AlgoFirmware.parse(version).map(options::withAlgoFirmware).orElse(options);
        }
        return options;
    }

    private static PhoneConfigFile read(Path file, String shownAs, PhoneConfigurations.Options options)
            throws IOException {
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
            return new PhoneConfigFile(shownAs, PhoneConfigurations.read(file, options), null);
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

    /**
     * Applies the file to {@code settings}, then points the phone at {@code server}. A file with an alternate server
     * (a Digium {@code host_alternate}) has its failover played only when its primary is a host under
     * {@code .invalid} (RFC 6761 §6.4: such a name never resolves, so it stands for a server that cannot be reached):
     * the primary is then a loopback port nothing listens on and the alternate is {@code server}. Otherwise the run
     * has one server, the primary is it, and the alternate is left out.
     */
    void applyTo(PhoneSettings.Builder settings, InetSocketAddress server) {
        if (cisco != null) {
            cisco.customise(settings);
        } else {
            generic.applyTo(settings);
        }
        Optional<PhoneConfiguration.Server> alternate = generic == null ? Optional.empty() : generic.alternate();
        if (alternate.isPresent() && unreachablePrimary()) {
            settings.serverAddress(closedPort(server));
            settings.alternateServer(AlternateServer.of(alternate.get().host(), server));
            return;
        }
        settings.alternateServer(null);
        settings.serverAddress(server);
    }

    /** Whether the file's primary is a host under {@code .invalid}, which the run plays as unreachable. */
    private boolean unreachablePrimary() {
        String host = generic.serverHost().toLowerCase(Locale.ROOT);
        return host.equals("invalid") || host.endsWith(".invalid");
    }

    /** A loopback port nothing listens on (bound to learn a free one, then closed): a connection is refused. */
    private static InetSocketAddress closedPort(InetSocketAddress near) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, near.getAddress())) {
            return new InetSocketAddress(near.getAddress(), socket.getLocalPort());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot find a closed port for an unreachable host_primary", e);
        }
    }

    /**
     * Where the phone's server went: the file names a host and port (a Digium {@code host_primary port="5061"},
     * an Algo {@code sip.proxy = host:5061}, a Cisco call manager's securedSipPort), but the scenario's server
     * listens where the run put it (the mock on 127.0.0.1 and an ephemeral port). The runner keeps the file's
     * host name (SNI, request URIs and the certificate identity check use it) and substitutes the address; this
     * note says so, e.g. {@code config: host_primary pbx.sip.test:5061 reached at 127.0.0.1:41234}.
     */
    String reachedAt(InetSocketAddress server) {
        String named;
        if (cisco != null) {
            named = cisco.callManagers().stream().findFirst().map(manager -> manager.processNodeName() + ":"
                    + manager.securedSipPort().orElse(5061)).orElse("(no call manager)");
        } else {
            named = generic.serverHost() + ":" + generic.serverPort();
            Optional<PhoneConfiguration.Server> alternate = generic.alternate();
            if (alternate.isPresent() && unreachablePrimary()) {
                return "config: the file's server " + named + " is unreachable (a .invalid host: a closed port), its"
                        + " alternate " + alternate.get() + " reached at " + server.getHostString() + ":"
                        + server.getPort() + " (the scenario's server; the alternate's host name is kept for SNI and the"
                        + " identity check)";
            }
        }
        return "config: the file's server " + named + " reached at " + server.getHostString() + ":" + server.getPort()
                + " (the scenario's server; the file's host name is kept for SNI and the identity check)";
    }

    /** The file's warnings, for the scenario's notes. */
    List<String> notes(DeviceProfile resolved) {
        List<String> notes = new ArrayList<>();
        if (cisco != null) {
            cisco.warnings().forEach(problem -> notes.add(problem.toString()));
        } else {
            generic.warningsFor(resolved).stream().map(ConfigProblem::toString).forEach(notes::add);
        }
        return notes.stream().map(note -> note.replace(generic == null ? cisco.file() : generic.source(), shownAs))
                .toList();
    }
}

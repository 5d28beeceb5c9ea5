package io.sipshield.harness.cli.phoneconfig;

import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.config.AlgoFirmware;
import io.sipshield.emulator.config.ConfigProblem;
import io.sipshield.emulator.config.ConfigurationFileException;
import io.sipshield.emulator.config.LoadedCertificate;
import io.sipshield.emulator.config.PhoneConfiguration;
import io.sipshield.emulator.config.PhoneConfigurations;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.harness.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield phone-config check FILE|DIR}: prints what the emulator takes from a phone's own
 * configuration (account, server, port, transport, loaded CAs, client certificate, SRTP, wildcard
 * setting, device profile) and every warning with file:line, so QA can see what a file means before
 * a scenario uses it.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Show what the emulator takes from a Digium XML, a DPMA .conf or an Algo device directory "
                + "(config.txt + certs/), and every setting it does not model."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file is usable (warnings may be printed)",
                "2:unusable input: the file has an error (file:line: element: expected ...), or an unknown option value"})
public final class PhoneConfigCheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", description = "A Digium .xml, a DPMA .conf, or an Algo device directory (or its config.txt).")
    private Path path;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The device profile for files that do not decide the firmware (Digium); default digium-d65@2_9_2.")
    private String profileName;

    @Option(names = "--account", paramLabel = "INDEX", description = "Digium XML: the <account index> to register.")
    private Integer account;

    @Option(names = "--phone", paramLabel = "NAME", description = "DPMA: the type=phone section to use.")
    private String phone;

    @Option(names = "--firmware", paramLabel = "VERSION", description = "Algo: the firmware (1.7 or 3.1; e.g. 1.7.6, 3.2); default inferred from the tree.")
    private String firmware;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            DeviceProfile fallback = fallbackProfile();
            PhoneConfiguration config = PhoneConfigurations.read(path, options());
            DeviceProfile profile = config.profile().resolve(fallback);
            print(out, config, profile);
            out.flush();
            return ExitCodes.OK;
        } catch (ConfigurationFileException e) {
            err.println("sipshield phone-config check: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("sipshield phone-config check: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
    }

    private DeviceProfile fallbackProfile() {
        if (profileName == null) {
            return DeviceProfiles.DIGIUM_D65_2_9_2;
        }
        return DeviceProfiles.byName(profileName).orElseThrow(() -> new IllegalArgumentException(
                "unknown device profile '" + profileName + "'; expected one of: " + DeviceProfiles.names()));
    }

    private PhoneConfigurations.Options options() {
        PhoneConfigurations.Options options = PhoneConfigurations.Options.defaults();
        if (account != null) {
            options = options.withAccountIndex(account);
        }
        if (phone != null) {
            options = options.withDpmaPhone(phone);
        }
        if (firmware != null) {
            AlgoFirmware parsed = AlgoFirmware.parse(firmware).orElseThrow(() -> new IllegalArgumentException(
                    "--firmware: expected 1.7 or 3.1 (e.g. 1.7.6, 3.2), got '" + firmware + "'"));
            options = options.withAlgoFirmware(parsed);
        }
        return options;
    }

    private void print(PrintWriter out, PhoneConfiguration config, DeviceProfile profile) {
        out.println(config.source() + " (" + kind(config.kind()) + ")");
        out.println("  account:     " + config.account().map(a -> a.user() + " (digest user " + a.user()
                + (a.authName().equals(a.user()) ? "" : "; file's auth name " + a.authName() + " not used")
                + ", password " + (a.password().isEmpty() ? "none" : "set")
                + (a.label().isEmpty() ? "" : ", label \"" + a.label() + "\"") + ")").orElse("none in the file"));
        out.println("  server:      " + config.serverHost() + " port " + config.serverPort() + ", transport TLS");
        List<LoadedCertificate> anchors = config.trustAnchors();
        if (anchors.isEmpty()) {
            out.println("  trust:       no CAs loaded" + (profile.trustSources().isEmpty() ? ""
                    : " (profile trust: " + String.join(" + ", profile.trustSources()) + ")"));
        } else {
            out.println("  trust:       " + anchors.size() + " CA certificate(s) loaded"
                    + " (profile trust: " + String.join(" + ", profile.trustSources()) + ")");
            for (LoadedCertificate anchor : anchors) {
                out.println("    " + anchor.subject() + "  from " + anchor.source());
            }
        }
        Optional<ClientCredentials> client = config.clientCredentials();
        out.println("  client cert: " + client.map(c -> c.certificate().getSubjectX500Principal().getName()
                + " (" + c.chain().size() + " certificate(s) sent)").orElse("none in the file")
                + "; profile presents: " + profile.clientCertificate().label());
        out.println("  SRTP:        " + profile.srtp().name() + " (" + profile.srtp().mode() + ")");
        out.println("  wildcards:   " + (config.allowWildcards()
                ? "tls_allow_wildcard_certs=1" + (profile.wildcardSetting() ? "" : " (ignored by " + profile.name() + ")")
                : "not allowed (RFC 5922 §7.2)"));
        out.println("  profile:     " + profile.name() + (config.profile().name().isPresent()
                ? "  (decided by the file)" : "  (the file does not name the firmware; --profile chooses the base)"));
        List<ConfigProblem> warnings = config.warningsFor(profile);
        out.println(warnings.isEmpty() ? "no warnings" : warnings.size() + " warning(s):");
        warnings.forEach(w -> out.println("  " + w));
    }

    private static String kind(PhoneConfiguration.Kind kind) {
        return switch (kind) {
            case DIGIUM_XML -> "Digium D-Series XML";
            case DIGIUM_DPMA -> "DPMA res_digium_phone.conf";
            case ALGO -> "Algo device tree";
        };
    }
}

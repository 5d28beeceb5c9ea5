package io.sipshield.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.Quirk;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield profiles [NAME]}: the device profiles sipshield emulates and what each does:
 * its quirks with their sources, TLS versions and cipher suites, how it validates, where its trust
 * comes from, its client certificate and its SRTP policy.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"List the emulated device profiles and what each does, with the documents behind each quirk."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:unusable input: an unknown profile name"})
public final class ProfilesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "Show only this profile (a name such as digium-d65@2_9_2, or an older id).")
    private String name;

    @Option(names = "--json", description = "Print the profiles as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        List<DeviceProfile> profiles = DeviceProfiles.all();
        if (name != null) {
            Optional<DeviceProfile> one = DeviceProfiles.byName(name);
            if (one.isEmpty()) {
                spec.commandLine().getErr().println("sipshield profiles: unknown device profile '" + name
                        + "'; expected one of: " + DeviceProfiles.names());
                return ExitCodes.INVALID_INPUT;
            }
            profiles = List.of(one.get());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(profiles));
        } else {
            profiles.forEach(profile -> print(out, profile));
            if (name == null) {
                out.println("older ids: " + DeviceProfiles.aliases().entrySet().stream()
                        .map(entry -> entry.getKey() + " = " + entry.getValue()).collect(Collectors.joining(", ")));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, DeviceProfile profile) {
        out.println(profile.name() + "  (User-Agent: " + profile.userAgent() + ")");
        out.println("  TLS:         " + String.join(", ", profile.offeredProtocols()) + "; "
                + suites(profile));
        out.println("  validation:  " + validation(profile));
        out.println("  trust:       " + String.join(" + ", profile.trustSources()));
        out.println("  client cert: " + profile.clientCertificate().label());
        out.println("  SRTP:        " + profile.srtp().name() + " (" + profile.srtp().mode() + ", "
                + profile.srtp().suites().stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
        out.println("  source:      " + profile.source());
        if (!profile.quirks().isEmpty()) {
            out.println("  quirks:");
            for (Quirk quirk : profile.quirkList()) {
                out.println("    " + quirk.name() + ": " + quirk.behaviour());
                out.println("      source: " + quirk.source());
            }
        }
        out.println();
    }

    private static String suites(DeviceProfile profile) {
        List<String> suites = profile.offeredCipherSuites();
        return suites.isEmpty() ? "the TLS provider's cipher suites" : suites.size() + " cipher suites, "
                + suites.get(0) + " first";
    }

    /** How the phone judges the server, in one line. */
    static String validation(DeviceProfile profile) {
        String how = profile.pinsTrustList()
                ? "Cisco trust-list pinning (the leaf must be a CCM or CCM+TFTP record)"
                : "OpenSSL chain checks + PJSIP identity rule, security level " + profile.securityLevel()
                        + (profile.partialChain() ? ", partial chain" : "")
                        + (profile.wildcardSetting() ? ", tls_allow_wildcard_certs available (off by default)" : "");
        return how + (profile.validatesServer() ? "; a non-zero bitmask drops the connection"
                : "; reports the bitmask and connects anyway");
    }

    private static String json(List<DeviceProfile> profiles) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode root = mapper.createArrayNode();
        for (DeviceProfile profile : profiles) {
            ObjectNode node = root.addObject();
            node.put("name", profile.name());
            node.put("userAgent", profile.userAgent());
            ArrayNode protocols = node.putArray("tlsProtocols");
            profile.offeredProtocols().forEach(protocols::add);
            ArrayNode suites = node.putArray("cipherSuites");
            profile.offeredCipherSuites().forEach(suites::add);
            node.put("validatesServer", profile.validatesServer());
            node.put("trustListPinning", profile.pinsTrustList());
            node.put("wildcardSetting", profile.wildcardSetting());
            node.put("securityLevel", profile.securityLevel());
            node.put("partialChain", profile.partialChain());
            ArrayNode trust = node.putArray("trust");
            profile.trustSources().forEach(trust::add);
            node.put("clientCertificate", profile.clientCertificate().name());
            node.put("srtp", profile.srtp().name());
            node.put("source", profile.source());
            ArrayNode quirks = node.putArray("quirks");
            for (Quirk quirk : profile.quirkList()) {
                ObjectNode q = quirks.addObject();
                q.put("name", quirk.name());
                q.put("behaviour", quirk.behaviour());
                q.put("source", quirk.source());
                q.put("guess", quirk.guess());
            }
        }
        return root.toString();
    }
}

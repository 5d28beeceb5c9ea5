package io.sipshield.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.ClientCertificateSource;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.VerifyFinding;
import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.probe.ProbeConnectException;
import io.sipshield.harness.probe.ProbeResult;
import io.sipshield.harness.probe.TlsProbe;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield probe HOST:PORT --profile NAME}: connects to a real server exactly as that phone
 * would and reports the TLS version and cipher (or the alert and who sent it), the chain as received,
 * the bitmask with explanations, whether the phone would have gone on, and whether the server asked
 * for a client certificate. Connects only to the address given; sends no SIP.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Connect to a TLS server exactly as a device profile would, and say what that phone would",
            "conclude: TLS version and cipher or the alert, the chain, the bitmask, client certificate request."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the phone would go on (handshake done, and the certificate accepted or not checked)",
            "1:the phone would not: a failed handshake, a rejected certificate, no connection",
            "2:unusable input: a bad HOST:PORT, an unknown profile, an unreadable file"})
public final class ProbeCommand implements Callable<Integer> {

    private static final String NAME = "sipshield probe";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "HOST:PORT", description = "The server to connect to ([IPv6]:PORT for an IPv6 address).")
    private String target;

    @Option(names = "--profile", required = true, paramLabel = "NAME",
            description = "The device to connect as (see sipshield profiles).")
    private String profileName;

    @Option(names = "--trust", arity = "1..*", paramLabel = "FILE",
            description = "CA certificates loaded on the phone (for a Cisco profile: the certificates pinned as CCM).")
    private List<Path> trust = new ArrayList<>();

    @Option(names = "--client-cert", paramLabel = "FILE",
            description = "The phone's client certificate and private key (PEM or PKCS#12 without password).")
    private Path clientCert;

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "The host the phone dials: sent as SNI and checked against the certificate (default: HOST).")
    private String serverName;

    @Option(names = "--allow-wildcard",
            description = "tls_allow_wildcard_certs on (only where the firmware has the setting).")
    private boolean allowWildcard;

    @Option(names = "--provider", paramLabel = "PROVIDER", defaultValue = "BORINGSSL",
            description = "TLS provider: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private PhoneSettings.TlsProvider provider;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "Append the connection's NSS key log line to FILE (BoringSSL, TLS 1.0-1.2). Holds secrets.")
    private Path keyLog;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the connection and the handshake (default ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        TlsProbe probe;
        DeviceProfile profile;
        try {
            profile = DeviceProfiles.byName(profileName).orElseThrow(() -> new UnusableInput("--profile: unknown "
                    + "device profile '" + profileName + "'; expected one of: " + DeviceProfiles.names()));
            if (timeoutSeconds < 1) {
                throw new UnusableInput("--timeout must be at least 1 second, was " + timeoutSeconds);
            }
            InetSocketAddress address = address(target);
            List<X509Certificate> anchors = new ArrayList<>();
            for (Path file : trust) {
                CertificateFileContents contents = read(file);
                if (contents.certificates().isEmpty()) {
                    throw new UnusableInput(file + ": holds no certificate; --trust needs CA certificates");
                }
                anchors.addAll(contents.certificates());
            }
            ClientCredentials credentials = clientCert == null ? null : credentials(clientCert);
            probe = TlsProbe.builder().profile(profile).address(address)
                    .serverName(serverName != null ? serverName : address.getHostString()).trust(anchors)
                    .clientCredentials(credentials).provider(provider).allowWildcards(allowWildcard).keyLog(keyLog)
                    .timeout(Duration.ofSeconds(timeoutSeconds)).build();
        } catch (UnusableInput e) {
            err.println(NAME + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        ProbeResult result;
        try {
            result = probe.run();
        } catch (ProbeConnectException e) {
            err.println(NAME + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IllegalStateException e) {
            err.println(NAME + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(profile, result) : text(profile, result));
        out.flush();
        if (result.keyLogProblem() != null) {
            err.println(NAME + ": --keylog: " + result.keyLogProblem());
        }
        return result.phoneGoesOn() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** HOST:PORT or [IPv6]:PORT, without resolving more than the one host given. */
    static InetSocketAddress address(String text) throws UnusableInput {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UnusableInput("'" + text + "' is not HOST:PORT (e.g. pbx.example.com:5061)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new UnusableInput("'" + text + "': write an IPv6 address in brackets, e.g. [::1]:5061");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UnusableInput("'" + text + "': the port '" + text.substring(colon + 1) + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new UnusableInput("'" + text + "': the port must be 1 to 65535, was " + port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnusableInput("'" + host + "' does not resolve to an address");
        }
        return address;
    }

    private static ClientCredentials credentials(Path file) throws UnusableInput {
        CertificateFileContents contents = read(file);
        if (contents.key().isEmpty()) {
            throw new UnusableInput(file + ": holds no private key; --client-cert needs the certificate and its key");
        }
        X509Certificate own = contents.certificateForKey().orElseThrow(() -> new UnusableInput(file
                + ": no certificate in it belongs to its private key"));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(own);
        contents.certificates().stream().filter(c -> !c.equals(own)).forEach(chain::add);
        return new ClientCredentials(contents.key().get(), chain);
    }

    private static CertificateFileContents read(Path file) throws UnusableInput {
        return UnusableInput.readCertificateFile(file);
    }

    private static String text(DeviceProfile profile, ProbeResult result) {
        StringBuilder out = new StringBuilder();
        out.append("profile:     ").append(profile.name()).append('\n');
        if (result.failure() != null) {
            out.append("handshake:   failed: ").append(result.failure().summary()).append('\n');
        } else {
            out.append("handshake:   ").append(result.protocol()).append(", ").append(result.cipherSuite()).append('\n');
        }
        if (!result.droppedCipherSuites().isEmpty()) {
            out.append("not offered: ").append(String.join(", ", result.droppedCipherSuites()))
                    .append(" (the profile has them; this TLS provider cannot offer them)\n");
        }
        out.append("client cert: ").append(result.clientCertificateAsked()
                ? "the server asked for one; the phone " + (result.clientCertificateSent() ? "sent it"
                        : "sent none (" + (profile.clientCertificate() == ClientCertificateSource.NONE
                                ? "this device cannot present one" : "no --client-cert given") + ")")
                : "not asked for").append('\n');
        if (!result.received().isEmpty()) {
            out.append("chain received:\n");
            for (int i = 0; i < result.received().size(); i++) {
                X509Certificate certificate = result.received().get(i);
                out.append("  ").append(i).append("  ").append(certificate.getSubjectX500Principal().getName())
                        .append("  (issuer ").append(certificate.getIssuerX500Principal().getName()).append(")\n");
            }
        }
        if (result.verification() != null) {
            out.append("bitmask:     ").append(VerifyFlag.format(result.verification().bitmask())).append('\n');
            for (VerifyFlag flag : result.verification().flags()) {
                out.append(String.format("  %-20s %s  %s%n", flag.name(), VerifyFlag.format(flag.bit()), flag.meaning()));
            }
            for (VerifyFinding finding : result.verification().findings()) {
                out.append("  depth ").append(Math.max(finding.depth(), 0)).append("  ")
                        .append(finding.error().codeName()).append("  ").append(message(finding)).append('\n');
            }
        }
        out.append("verdict:     ").append(verdict(profile, result));
        return out.toString();
    }

    private static String verdict(DeviceProfile profile, ProbeResult result) {
        if (result.phoneGoesOn()) {
            return result.verification() != null && !result.verification().ok()
                    ? "the phone would go on (it does not enforce the bitmask: " + ProfilesCommand.validation(profile) + ")"
                    : "the phone would go on";
        }
        return result.failure() != null ? "the phone would not go on: the TLS handshake failed"
                : "the phone would not go on: it rejects the server certificate";
    }

    private static String message(VerifyFinding finding) {
        return finding.detail() == null ? finding.error().text() : finding.error().text() + ": " + finding.detail();
    }

    private static String json(DeviceProfile profile, ProbeResult result) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("profile", profile.name());
        root.put("protocol", result.protocol());
        root.put("cipherSuite", result.cipherSuite());
        if (result.failure() != null) {
            ObjectNode failure = root.putObject("failure");
            failure.put("alert", result.failure().alert());
            failure.put("sentBy", result.failure().sender());
            failure.put("detail", result.failure().detail());
        }
        ArrayNode chain = root.putArray("chain");
        result.received().forEach(c -> chain.add(c.getSubjectX500Principal().getName()));
        if (result.verification() != null) {
            root.put("bitmask", VerifyFlag.format(result.verification().bitmask()));
            ArrayNode flags = root.putArray("flags");
            result.verification().flags().forEach(flag -> flags.add(flag.name()));
            ArrayNode errors = root.putArray("errors");
            for (VerifyFinding finding : result.verification().findings()) {
                ObjectNode error = errors.addObject();
                error.put("depth", Math.max(finding.depth(), 0));
                error.put("code", finding.error().codeName());
                error.put("subject", finding.subject());
                error.put("message", message(finding));
            }
        }
        root.put("phoneGoesOn", result.phoneGoesOn());
        root.put("clientCertificateRequested", result.clientCertificateAsked());
        root.put("clientCertificateSent", result.clientCertificateSent());
        ArrayNode dropped = root.putArray("notOffered");
        result.droppedCipherSuites().forEach(dropped::add);
        return root.toString();
    }
}

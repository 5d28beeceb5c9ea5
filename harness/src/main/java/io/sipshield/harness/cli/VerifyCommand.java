package io.sipshield.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.CertificateValidator;
import io.sipshield.emulator.tls.ProfileValidators;
import io.sipshield.emulator.tls.CrlCheck;
import io.sipshield.emulator.tls.ServerCertificateValidator;
import io.sipshield.emulator.tls.VerifyFinding;
import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.emulator.tls.VerifyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield verify}: what a D-Series phone (PJSIP over OpenSSL) would say about a server's
 * certificate chain, from files: the bitmask as 8 hex digits, each flag explained, every OpenSSL
 * error with its depth, and the chain that was built. Reads PEM, DER, PKCS#7 and PKCS#12 (without
 * password) files.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Judge a server certificate chain as a D-Series phone does: OpenSSL's chain checks with PJSIP's",
            "error bitmask, plus PJSIP's host check."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the bitmask is 0, the phone accepts the server",
            "1:the bitmask is not 0",
            "2:unusable input: a missing, unreadable or non-certificate file, no trust anchor, a bad option"})
public final class VerifyCommand implements Callable<Integer> {

    private static final String NAME = "sipshield verify";

    @Spec
    private CommandSpec spec;

    @Option(names = "--trust", required = true, arity = "1..*", paramLabel = "FILE",
            description = "The phone's trusted CA certificates (any number of files; CRLs in them are used too).")
    private List<Path> trust = new ArrayList<>();

    @Option(names = "--chain", required = true, paramLabel = "FILE",
            description = "The chain the server presents, its own certificate first.")
    private Path chain;

    @Option(names = "--untrusted", paramLabel = "FILE",
            description = "More certificates the server sends (intermediates), in any order.")
    private List<Path> untrusted = new ArrayList<>();

    @Option(names = "--host", required = true, paramLabel = "NAME|IP",
            description = "The host name or IP address the phone dials.")
    private String host;

    @Option(names = "--at", paramLabel = "ISO-8601",
            description = "The phone's clock: 2025-06-01T12:00:00Z, or a date (midnight UTC); default now.")
    private String at;

    @Option(names = "--allow-wildcard",
            description = "Accept a leading *. label for one label of the host (D-Series tls_allow_wildcard_certs).")
    private boolean allowWildcard;

    @Option(names = "--crl", paramLabel = "FILE",
            description = "CRLs the phone has; giving one turns CRL checking of the server's certificate on.")
    private List<Path> crlFiles = new ArrayList<>();

    @Option(names = "--crl-check", paramLabel = "MODE",
            description = "Which certificates are checked against CRLs: ${COMPLETION-CANDIDATES} "
                    + "(default: LEAF with --crl, else OFF).")
    private CrlCheck crlCheck;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "100",
            description = "OpenSSL's verify depth: CA certificates allowed below the trust anchor (default ${DEFAULT-VALUE}).")
    private int maxDepth;

    @Option(names = "--security-level", paramLabel = "N", defaultValue = "1",
            description = "OpenSSL's security level 0 to 5 for key sizes and digests (default ${DEFAULT-VALUE}).")
    private int securityLevel;

    @Option(names = "--partial-chain",
            description = "A trusted certificate that is not self-signed ends the chain (OpenSSL's PARTIAL_CHAIN).")
    private boolean partialChain;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Judge as this device does (see 'sipshield profiles'): its security level, partial-chain and "
                    + "wildcard settings, built-in public roots, or Cisco trust-list pinning (the --trust certificates pinned as CCM).")
    private String profile;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return verify();
        } catch (UnusableInput e) {
            err.println(NAME + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
    }

    /** The validator the options describe: a device's own when --profile names one. */
    private CertificateValidator validator(List<X509Certificate> anchors, List<X509CRL> crls, CrlCheck mode)
            throws UnusableInput {
        if (profile == null) {
            return ServerCertificateValidator.builder().trust(anchors).crls(crls).crlCheck(mode)
                    .allowWildcards(allowWildcard).maxDepth(maxDepth).securityLevel(securityLevel)
                    .partialChain(partialChain).build();
        }
        DeviceProfile device = DeviceProfiles.byName(profile).orElseThrow(() -> new UnusableInput(
                "--profile: unknown device profile '" + profile + "'; expected one of: " + DeviceProfiles.names()));
        if (allowWildcard && !device.wildcardSetting()) {
            throw new UnusableInput("--allow-wildcard: " + device.name() + " has no tls_allow_wildcard_certs setting");
        }
        if (!crls.isEmpty() && !device.pinsTrustList()) {
            return ServerCertificateValidator.builder().trust(anchors).crls(crls).crlCheck(mode)
                    .allowWildcards(allowWildcard).maxDepth(maxDepth).securityLevel(device.securityLevel())
                    .partialChain(device.partialChain()).build();
        }
        return ProfileValidators.forProfile(device, anchors, List.of(), allowWildcard);
    }

    private int verify() throws UnusableInput {
        if (maxDepth < 0) {
            throw new UnusableInput("--max-depth must be 0 or more, was " + maxDepth);
        }
        if (securityLevel < 0 || securityLevel > 5) {
            throw new UnusableInput("--security-level must be 0 to 5, was " + securityLevel);
        }
        Instant clock = clock();
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : trust) {
            CertificateFileContents contents = read(file);
            if (contents.certificates().isEmpty()) {
                throw new UnusableInput(file + ": holds no certificate; --trust needs the phone's CA certificates");
            }
            anchors.addAll(contents.certificates());
            crls.addAll(contents.crls());
        }
        List<X509Certificate> presented = new ArrayList<>(certificates(chain, "--chain"));
        for (Path file : untrusted) {
            presented.addAll(certificates(file, "--untrusted"));
        }
        for (Path file : crlFiles) {
            CertificateFileContents contents = read(file);
            if (contents.crls().isEmpty()) {
                throw new UnusableInput(file + ": holds no CRL");
            }
            crls.addAll(contents.crls());
        }
        CrlCheck mode = crlCheck != null ? crlCheck : crlFiles.isEmpty() ? CrlCheck.OFF : CrlCheck.LEAF;
        VerifyResult result = validator(anchors, crls, mode).validate(presented, host, clock);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(result));
        } else {
            printText(out, result, anchors);
        }
        out.flush();
        return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Instant clock() throws UnusableInput {
        if (at == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(at).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                throw new UnusableInput("--at: '" + at + "' is not an ISO-8601 time such as 2025-06-01T12:00:00Z "
                        + "or a date such as 2025-06-01");
            }
        }
    }

    private static List<X509Certificate> certificates(Path file, String option) throws UnusableInput {
        CertificateFileContents contents = read(file);
        if (contents.certificates().isEmpty()) {
            throw new UnusableInput(file + ": holds no certificate (" + option + " needs one)");
        }
        return contents.certificates();
    }

    private static CertificateFileContents read(Path file) throws UnusableInput {
        return UnusableInput.readCertificateFile(file);
    }

    private void printText(PrintWriter out, VerifyResult result, List<X509Certificate> anchors) {
        out.println(VerifyFlag.format(result.bitmask()) + (result.ok()
                ? "  accepted: no verification error, the host matches"
                : "  rejected by a phone that validates (D-Series 2_9_0+ / D80 1_12_0+)"));
        for (VerifyFlag flag : result.flags()) {
            out.printf("  %-20s %s  %s%n", flag.name(), VerifyFlag.format(flag.bit()), flag.meaning());
        }
        if (!result.findings().isEmpty()) {
            out.println("errors, in the order the phone finds them:");
            for (VerifyFinding finding : result.findings()) {
                out.printf("  depth %d  %s  %s%n", depth(finding), finding.error().codeName(), finding.subject());
                out.println("           " + message(finding));
            }
        }
        out.println("path:");
        for (int depth = 0; depth < result.path().size(); depth++) {
            X509Certificate certificate = result.path().get(depth);
            out.printf("  %d  %s%s%n", depth, certificate.getSubjectX500Principal().getName(),
                    isAnchor(certificate, anchors) ? "  (trusted)" : "");
        }
    }

    private String json(VerifyResult result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("bitmask", VerifyFlag.format(result.bitmask()));
        ArrayNode flags = root.putArray("flags");
        result.flags().forEach(flag -> flags.add(flag.name()));
        ArrayNode errors = root.putArray("errors");
        for (VerifyFinding finding : result.findings()) {
            ObjectNode error = errors.addObject();
            error.put("depth", depth(finding));
            error.put("code", finding.error().codeName());
            error.put("subject", finding.subject());
            error.put("message", message(finding));
        }
        ArrayNode path = root.putArray("path");
        result.path().forEach(certificate -> path.add(certificate.getSubjectX500Principal().getName()));
        return root.toString();
    }

    /** The identity check is about the server's own certificate: depth 0. */
    private static int depth(VerifyFinding finding) {
        return Math.max(finding.depth(), 0);
    }

    private static String message(VerifyFinding finding) {
        return finding.detail() == null ? finding.error().text() : finding.error().text() + ": " + finding.detail();
    }

    private static boolean isAnchor(X509Certificate certificate, List<X509Certificate> anchors) {
        try {
            byte[] encoded = certificate.getEncoded();
            for (X509Certificate anchor : anchors) {
                if (Arrays.equals(encoded, anchor.getEncoded())) {
                    return true;
                }
            }
        } catch (CertificateEncodingException e) {
            return false;
        }
        return false;
    }
}

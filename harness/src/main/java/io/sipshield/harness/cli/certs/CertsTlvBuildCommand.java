package io.sipshield.harness.cli.certs;

import io.sipshield.certs.cisco.DigestAlgorithm;
import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRecord;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.harness.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield certs tlv build --sast sast.pem:sast.key --ccm asterisk.pem --out ITLFile.tlv}:
 * builds and signs a trust list as usecallmanager's {@code tlvfile --build} does. Records appear in
 * the order their options are given; the first {@code --sast} signs (its RSA key is needed) and
 * is also a record.
 */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        description = {
            "Build a signed .tlv trust list from PEM (or DER, PKCS#12) certificates with their roles.",
            "Records appear in the order given. The first --sast certificate signs the list, so it needs its RSA private"
                + " key: --sast CERT:KEY, or one file holding both (as usecallmanager's mkcert writes).",
            "Per-phone lists carry the generic name: ITLSEP<MAC>.tlv with --filename ITLFile.tlv, CTLSEP<MAC>.tlv with"
                + " --filename CTLFile.tlv."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the list was built and written",
            "2:unusable input: a missing or malformed file, no signing key, a non-RSA signer, a bad option"})
public final class CertsTlvBuildCommand implements Callable<Integer> {

    private static final String NAME = "sipshield certs tlv build: ";

    /**
     * One role option as given.
     *
     * @param role the option's role
     * @param spec the file, or CERT:KEY
     */
    private record Entry(TrustListRole role, String spec) {
    }

    /** Keeps every role option in command-line order, which picocli's per-option lists would lose. */
    static final class InOrder implements IParameterConsumer {

        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            OptionSpec option = (OptionSpec) argSpec;
            if (args.isEmpty()) {
                throw new ParameterException(commandSpec.commandLine(), "Missing required parameter for option '"
                        + option.longestName() + "' (" + option.paramLabel() + ")");
            }
            TrustListRole role = TrustListRole.fromLabel(option.longestName().substring(2)).orElseThrow();
            ((CertsTlvBuildCommand) commandSpec.userObject()).entries.add(new Entry(role, args.pop()));
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    // The role options below declare the command line and its help; InOrder puts their values in entries.

    @Option(names = "--sast", paramLabel = "CERT[:KEY]", parameterConsumer = InOrder.class,
            description = "A SAST certificate (signs trust lists; at most two). The first signs this list.")
    private List<String> sast;

    @Option(names = "--ccm", paramLabel = "CERT", parameterConsumer = InOrder.class,
            description = "A CCM certificate: the SIP-TLS server (Asterisk).")
    private List<String> ccm;

    @Option(names = "--ccm-tftp", paramLabel = "CERT", parameterConsumer = InOrder.class,
            description = "A CCM+TFTP certificate: SIP-TLS server and file signer.")
    private List<String> ccmTftp;

    @Option(names = "--tftp", paramLabel = "CERT", parameterConsumer = InOrder.class,
            description = "A TFTP certificate: signs provisioning files (RSA); with an EC key, the HTTPS provisioning server.")
    private List<String> tftp;

    @Option(names = "--capf", paramLabel = "CERT", parameterConsumer = InOrder.class,
            description = "A CAPF certificate (port 3804).")
    private List<String> capf;

    @Option(names = {"--app-server", "--https"}, paramLabel = "CERT", parameterConsumer = InOrder.class,
            description = "An APP-SERVER certificate (HTTPS XML services; older documents call the role HTTPS).")
    private List<String> appServer;

    @Option(names = "--tvs", paramLabel = "CERT", parameterConsumer = InOrder.class,
            description = "A TVS certificate: the Trust Verification Service (port 2445).")
    private List<String> tvs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The trust list to write.")
    private Path out;

    @Option(names = "--filename", paramLabel = "NAME",
            description = "The name stored in the header (default: the name of --out).")
    private String filename;

    @Option(names = "--signer-version", paramLabel = "VERSION", defaultValue = "1.0",
            description = "1.0 (default) or 1.1, which phones need for EC certificates and HTTPS provisioning.")
    private String signerVersion;

    @Option(names = "--digest", paramLabel = "ALGORITHM", defaultValue = "sha1",
            description = "sha1 (default) or sha512; sha256 is defined by the format but tlvfile refuses it.")
    private String digest;

    @Override
    public Integer call() {
        try {
            TrustListFile list = build();
            CiscoInputs.write(out, list.toBytes());
            report(list);
            return ExitCodes.OK;
        } catch (CiscoInputs.Unusable e) {
            spec.commandLine().getErr().println(NAME + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
    }

    private TrustListFile build() throws CiscoInputs.Unusable {
        FormatVersion version = signerVersion();
        DigestAlgorithm algorithm = DigestAlgorithm.fromName(digest)
                .orElseThrow(() -> new CiscoInputs.Unusable("--digest must be sha1, sha512 or sha256; was '" + digest + "'"));
        Entry signerEntry = entries.stream().filter(entry -> entry.role() == TrustListRole.SAST).findFirst()
                .orElseThrow(() -> new CiscoInputs.Unusable("no --sast certificate: a trust list is signed by a SAST certificate's"
                        + " RSA key (give --sast CERT:KEY)"));
        CiscoInputs.CertificateWithKey signer = CiscoInputs.certificateWithKey(signerEntry.spec(), "--sast");
        Optional<Path> name = Optional.ofNullable(out.getFileName());
        TrustListFile.Builder builder;
        try {
            builder = TrustListFile.builder()
                    .signedBy(signer.certificate(), signer.key())
                    .signerVersion(version)
                    .digest(algorithm)
                    .filename(filename != null ? filename : name.map(Path::toString).orElse(""));
            for (Entry entry : entries) {
                builder.add(entry.role(), entry == signerEntry ? signer.certificate() : CiscoInputs.certificateOf(entry.spec()));
            }
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CiscoInputs.Unusable(e.getMessage());
        }
    }

    private FormatVersion signerVersion() throws CiscoInputs.Unusable {
        try {
            FormatVersion version = FormatVersion.parse(signerVersion);
            if (version.equals(FormatVersion.SIGNER_1_0) || version.equals(FormatVersion.SIGNER_1_1)) {
                return version;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the accepted values
        }
        throw new CiscoInputs.Unusable("--signer-version must be 1.0 or 1.1; was '" + signerVersion + "'");
    }

    private void report(TrustListFile list) {
        PrintWriter writer = spec.commandLine().getOut();
        writer.printf("built %s: %d record(s), signed by %s with %s, signer version %s, filename %s%n", out, list.records().size(),
                list.header().signerName().orElse("?"), list.header().digest(),
                list.header().signerVersion().map(Object::toString).orElse("?"), list.header().filename().orElse("?"));
        for (TrustListRecord record : list.records()) {
            writer.printf("  %-10s %s%n", TrustListRole.describe(record.roleCode()), record.subjectName().orElse("?"));
        }
        list.notes().forEach(note -> writer.println("note: " + note));
        writer.flush();
    }
}

package io.sipshield.harness.cli.certs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.harness.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield certs generate --out DIR}: writes the whole test PKI catalogue (every named
 * certificate with its key and chain, and the CRLs) as PEM files, plus {@code index.json} and
 * {@code README.md} saying what each file is for and which defect it carries, so QA can load them
 * on real phones and a real Asterisk. Existing files of the same names are replaced.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write the whole test PKI catalogue to a directory: for every named certificate <id>/certificate.pem,",
            "<id>/private-key.pem (PKCS#8), <id>/chain.pem (leaf to root) and <id>/presented-chain.pem (without the",
            "root); the CRLs in crl/ (DER and PEM); index.json and README.md saying what each one is for and which",
            "defect it carries. Dates are relative to now; keys are fresh and test-only."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the catalogue was written",
            "2:unusable input: DIR cannot be created or written, a bad option"})
public final class CertsGenerateCommand implements Callable<Integer> {

    /** The option that names the output directory. */
    public static final String OUT_OPTION = "--out";

    static final String INDEX_JSON = "index.json";
    static final String README = "README.md";

    private final Supplier<FixtureCatalog> catalogs;

    @Spec
    private CommandSpec spec;

    @Option(names = OUT_OPTION, paramLabel = "DIR", required = true,
            description = "Directory to write into; created with its parents when missing.")
    private Path out;

    public CertsGenerateCommand() {
        this(FixtureCatalog::create);
    }

    /** @param catalogs makes the catalog to write (a fixed instant in tests) */
    CertsGenerateCommand(Supplier<FixtureCatalog> catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public Integer call() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return cannotWrite(out, "it exists and is not a directory");
        }
        CatalogIndex index;
        try {
            index = new CatalogExport(catalogs.get()).writeTo(out);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(out.resolve(INDEX_JSON), json.writeValueAsString(index) + "\n", StandardCharsets.UTF_8);
            Files.writeString(out.resolve(README), CatalogReadme.render(index), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return cannotWrite(out, reason(e));
        }
        spec.commandLine().getOut().printf("wrote %d certificates and %d CRLs to %s (what each is for: %s, %s)%n",
                index.fixtures().size(), index.crls().size(), out, out.resolve(README), out.resolve(INDEX_JSON));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private int cannotWrite(Path directory, String reason) {
        spec.commandLine().getErr().println("sipshield certs generate: cannot write " + directory + ": " + reason);
        return ExitCodes.INVALID_INPUT;
    }

    /** One line saying what went wrong, naming the file when it is not the directory itself. */
    private String reason(IOException e) {
        String where = e instanceof FileSystemException fs && fs.getFile() != null && !Path.of(fs.getFile()).equals(out)
                ? " (" + fs.getFile() + ")" : "";
        if (e instanceof AccessDeniedException) {
            return "permission denied" + where;
        }
        if (e instanceof NoSuchFileException) {
            return "cannot be created there" + where;
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way of a directory" + where;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT) + where;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package io.sipshield.harness.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds scenario files: a directory is searched recursively for {@code *.yaml} and {@code *.yml}
 * (hidden directories skipped), a file is taken as it is. Results are sorted so runs are repeatable.
 */
public final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /**
     * Whether the name ends in {@code .yaml} or {@code .yml} and is not a provisioning description
     * ({@code NAME.tlv.yaml}, {@code NAME.sgn.yaml}: see {@link ProvisioningTree}).
     */
    public static boolean isScenarioFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(ProvisioningTree.TLV_SUFFIX) || name.endsWith(ProvisioningTree.SGN_SUFFIX)) {
            return false;
        }
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * The scenario files under {@code path}, sorted; {@code path} itself when it is a regular file.
     *
     * @throws IOException when the directory cannot be read (a missing path is the caller's check)
     */
    public static List<Path> find(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(file -> Files.isRegularFile(file) && isScenarioFile(file))
                    .filter(file -> !inHiddenDirectory(path, file))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean inHiddenDirectory(Path root, Path file) {
        Path relative = root.relativize(file).getParent();
        if (relative == null) {
            return false;
        }
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}

package io.sipshield.harness.report;

import java.nio.file.Path;

/**
 * How reports name a scenario file: relative to a root directory when it lies under it (so a report
 * reads {@code scenarios/digium/x.yaml}, not an absolute path), with {@code /} as separator on every OS.
 */
public final class ScenarioNames {

    private final Path root;

    /** @param root paths under it are shown relative to it */
    public ScenarioNames(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The file as shown: relative to the root when under it, otherwise as given. */
    public String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(root) && !absolute.equals(root) ? root.relativize(absolute) : file;
        return slashes(shown);
    }

    /** The directory part of {@link #display}, or {@code .} for a file directly in the root. */
    public String directory(Path file) {
        String shown = display(file);
        int slash = shown.lastIndexOf('/');
        return slash < 0 ? "." : shown.substring(0, slash);
    }

    /** The file name alone. */
    public static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static String slashes(Path path) {
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}

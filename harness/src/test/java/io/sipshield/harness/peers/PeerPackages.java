package io.sipshield.harness.peers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian packages a real peer comes from, and the program that must be on the {@code PATH}.
 * {@link #require()} fails the test in CI (environment variable {@code CI} set and not blank) with
 * the {@code apt-get install} line that fixes it, and skips it elsewhere with the same reason
 * (Testcontainers' {@code disabledWithoutDocker}, but a CI run never skips silently: issue 9).
 *
 * <p>A package counts as installed when {@code dpkg-query} says {@code install ok installed}; on a
 * system without {@code dpkg-query} only the program is checked.
 *
 * @param program  the executable's name
 * @param packages the packages to install, in {@code apt-get install} order
 * @param purpose  what the tests use the peer for, for the message
 */
public record PeerPackages(String program, List<String> packages, String purpose) {

    /** Kamailio 5.x with its tls module (Debian puts tls.so in its own package). */
    public static final PeerPackages KAMAILIO = new PeerPackages("kamailio",
            List.of("kamailio", "kamailio-tls-modules"), "a TLS registrar and proxy nobody here wrote");

    public PeerPackages {
        Objects.requireNonNull(program, "program");
        packages = List.copyOf(packages);
        if (packages.isEmpty()) {
            throw new IllegalArgumentException(program + ": name at least one package to install");
        }
    }

    /** What is missing: the program and/or packages; empty when all are there. */
    public List<String> missing() {
        return missing(System.getenv());
    }

    List<String> missing(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        if (find(environment).isEmpty()) {
            missing.add("program " + program + " (not on the PATH)");
        }
        for (String aptPackage : packages) {
            if (Boolean.FALSE.equals(dpkgInstalled(aptPackage))) {
                missing.add("package " + aptPackage);
            }
        }
        return missing;
    }

    /** The program on the {@code PATH}, if there. */
    public Optional<Path> find(Map<String, String> environment) {
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program));
            }
        }
        return Optional.empty();
    }

    /** {@code "install: apt-get install -y kamailio kamailio-tls-modules"}. */
    public String installHint() {
        return "install: apt-get install -y " + String.join(" ", packages);
    }

    /**
     * Returns the program's path when everything is installed; otherwise fails the test when
     * {@code CI} is set and aborts it (skipped, with the reason) when not.
     */
    public Path require() {
        return require(System.getenv());
    }

    Path require(Map<String, String> environment) {
        List<String> missing = missing(environment);
        if (missing.isEmpty()) {
            return find(environment).orElseThrow();
        }
        String message = program + " is needed as " + purpose + " but missing: " + String.join(", ", missing)
                + "; " + installHint();
        String ci = environment.get("CI");
        if (ci != null && !ci.isBlank()) {
            fail(message + " (CI is set: a missing peer fails the group instead of skipping it)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** true/false as dpkg says, null when dpkg-query cannot be run (not Debian). */
    private static Boolean dpkgInstalled(String aptPackage) {
        try {
            Process query = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", aptPackage)
                    .redirectErrorStream(true).start();
            String status = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!query.waitFor(10, TimeUnit.SECONDS)) {
                query.destroyForcibly();
                return null;
            }
            return query.exitValue() == 0 && status.contains("install ok installed");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package io.sipshield.harness.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The served directory, read-only: turns a requested name into a file inside it, the same way for
 * HTTP, HTTPS and TFTP, and refuses every name that would leave it.
 *
 * <p>Rules (this server's own; RFC 1350 §1 leaves access control to the server, and real TFTP
 * servers such as tftp-hpa's {@code in.tftpd --secure} refuse {@code ..} the same way):
 * <ul>
 *   <li>leading {@code /} are dropped ({@code /SEP0011.cnf.xml} is {@code SEP0011.cnf.xml}); empty and
 *       {@code .} segments are skipped;</li>
 *   <li>a {@code ..} segment, a backslash, a NUL or another control character is {@link Kind#FORBIDDEN}
 *       (TFTP error 2, HTTP 403), whether or not the target exists;</li>
 *   <li>a symbolic link is followed only when its target stays inside the directory;</li>
 *   <li>a directory is {@link Kind#FORBIDDEN}: no listing;</li>
 *   <li>anything else that is not a readable regular file is {@link Kind#NOT_FOUND}.</li>
 * </ul>
 */
final class ProvisioningDirectory {

    /** {@code SEP<MAC>.cnf.xml.sgn}: the request the Cisco HTTPS rewrite rule matches (apache-conf.html). */
    private static final Pattern CISCO_SIGNED_CONFIG = Pattern.compile("(SEP[0-9A-Fa-f]{12}\\.cnf\\.xml)\\.sgn");

    private final Path root;
    private final Path realRoot;

    ProvisioningDirectory(Path root) {
        Objects.requireNonNull(root, "directory");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("provisioning directory " + root + ": not a directory");
        }
        try {
            this.root = root.toAbsolutePath().normalize();
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("provisioning directory " + root + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** What a requested name comes to. */
    enum Kind { FOUND, NOT_FOUND, FORBIDDEN }

    /**
     * @param kind     found, missing or refused
     * @param file     the file (FOUND only, else null)
     * @param relative the name inside the directory with {@code /} separators (empty when FORBIDDEN)
     * @param reason   why it was refused or not found; empty when found
     */
    record Lookup(Kind kind, Path file, String relative, String reason) {
        boolean found() {
            return kind == Kind.FOUND;
        }
    }

    /** Looks {@code requested} up as sent. */
    Lookup find(String requested) {
        StringBuilder relative = new StringBuilder();
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return refused("a control character (0x" + Integer.toHexString(c) + ") in the name");
            }
            if (c == '\\') {
                return refused("a backslash in the name");
            }
        }
        for (String segment : requested.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return refused("'..' would leave the served directory");
            }
            if (relative.length() > 0) {
                relative.append('/');
            }
            relative.append(segment);
        }
        if (relative.length() == 0) {
            return refused("the served directory itself: no listing");
        }
        Path candidate = root.resolve(relative.toString()).normalize();
        if (!candidate.startsWith(root)) {
            return refused("the name leaves the served directory");
        }
        if (!Files.exists(candidate)) {
            return new Lookup(Kind.NOT_FOUND, null, relative.toString(), "no such file");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            return new Lookup(Kind.NOT_FOUND, null, relative.toString(), "cannot resolve: " + e.getMessage());
        }
        if (!real.startsWith(realRoot)) {
            return refused("a symbolic link to outside the served directory");
        }
        if (Files.isDirectory(real)) {
            return new Lookup(Kind.FORBIDDEN, null, relative.toString(), "a directory: no listing");
        }
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            return new Lookup(Kind.NOT_FOUND, null, relative.toString(), "not a readable regular file");
        }
        return new Lookup(Kind.FOUND, real, relative.toString(), "");
    }

    /**
     * The HTTPS lookup with the Cisco rule on: a request for {@code SEP<MAC>.cnf.xml.sgn} is answered
     * with the unsigned {@code SEP<MAC>.cnf.xml}. usecallmanager's apache-conf.html (quoted in
     * DEVICES.md §A.3): "While the phone requests its configuration file with a .sgn extension the
     * response must contain an unsigned file", done there with a RewriteRule on the 6971 virtual host.
     * Only that name is mapped, as in the rule; other {@code .sgn} files are looked up as they are.
     */
    Lookup findUnsignedConfig(String requested) {
        Lookup asked = find(requested);
        if (asked.kind() == Kind.FORBIDDEN) {
            return asked;
        }
        String relative = asked.relative();
        int slash = relative.lastIndexOf('/');
        var matcher = CISCO_SIGNED_CONFIG.matcher(relative.substring(slash + 1));
        if (!matcher.matches()) {
            return asked;
        }
        return find(relative.substring(0, slash + 1) + matcher.group(1));
    }

    private static Lookup refused(String reason) {
        return new Lookup(Kind.FORBIDDEN, null, "", reason);
    }
}

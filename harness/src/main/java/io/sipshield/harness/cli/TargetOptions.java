package io.sipshield.harness.cli;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.harness.compare.CompareSpec;
import io.sipshield.harness.run.RemoteTarget;
import io.sipshield.harness.scenario.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code sipshield run} that point the scenarios at a real server: {@value #TARGET} (every
 * scenario against it instead of the mock), {@value #COMPARE} (every scenario against both, then what
 * differs), and for both {@value #SERVER_NAME} and {@value #TRUST}.
 */
final class TargetOptions {

    static final String TARGET = "--target";
    static final String COMPARE = "--compare";
    static final String SERVER_NAME = "--server-name";
    static final String TRUST = "--trust";

    @Option(names = TARGET, paramLabel = "HOST:PORT",
            description = {"Run every scenario against this real server (a real Asterisk) instead of the mock its",
                "file describes. The phones keep their user and password; expectations only the mock can observe",
                "(expect.server) are reported as not observable against a target."})
    private String target;

    @Option(names = COMPARE, paramLabel = "mock,HOST:PORT",
            description = {"Run every scenario against the mock and against HOST:PORT, print every expectation whose",
                "result differs (expected, mock observed, target observed) and exit " + ExitCodes.DIFFERENT
                    + " when anything differs."})
    private String compare;

    @Option(names = SERVER_NAME, paramLabel = "NAME",
            description = "With --target or --compare: the host name every phone dials there (SNI and the identity"
                    + " checked) instead of its own server-name.")
    private String serverName;

    @Option(names = TRUST, paramLabel = "FIXTURE|FILE", split = ",",
            description = "With --target or --compare: CA certificates every phone also trusts there: a fixture name"
                    + " or a PEM/DER certificate file (repeatable, or comma-separated).")
    private List<String> trust = new ArrayList<>();

    /** Whether the run compares the mock with a target. */
    boolean comparing() {
        return compare != null;
    }

    /** Whether the scenarios run against a real server rather than (only) the mock. */
    boolean requested() {
        return target != null || compare != null;
    }

    /** The option combination is usable: {@value #TARGET} or {@value #COMPARE}, the others only with one of them. */
    void validate() throws UnusableInput {
        if (target != null && compare != null) {
            throw new UnusableInput(TARGET + " and " + COMPARE + " exclude each other (" + COMPARE
                    + " mock,HOST:PORT already names the target)");
        }
        if (!requested() && (serverName != null || !trust.isEmpty())) {
            throw new UnusableInput((serverName != null ? SERVER_NAME : TRUST) + " needs " + TARGET + " HOST:PORT or "
                    + COMPARE + " mock,HOST:PORT");
        }
        if (serverName != null && serverName.isBlank()) {
            throw new UnusableInput(SERVER_NAME + ": expected a host name, was blank");
        }
        if (requested()) {
            server();
        }
    }

    /** The real server named by {@value #TARGET} or {@value #COMPARE}. */
    TargetServer server() throws UnusableInput {
        try {
            return compare != null ? CompareSpec.parse(compare, COMPARE).target()
                    : RemoteTarget.parseAddress(target, TARGET);
        } catch (IllegalArgumentException e) {
            throw new UnusableInput(e.getMessage());
        }
    }

    /** The target with its server name and trust anchors, fixtures taken from {@code fixtures}. */
    RemoteTarget remote(FixtureCatalog fixtures) throws UnusableInput {
        RemoteTarget remote = RemoteTarget.at(server());
        if (serverName != null) {
            remote = remote.withServerName(serverName.strip());
        }
        return remote.withTrust(anchors(fixtures));
    }

    private List<X509Certificate> anchors(FixtureCatalog fixtures) throws UnusableInput {
        List<X509Certificate> anchors = new ArrayList<>();
        for (String value : trust) {
            String name = value.strip();
            Path file = Path.of(name);
            if (Files.isRegularFile(file)) {
                List<X509Certificate> read = UnusableInput.readCertificateFile(file).certificates();
                if (read.isEmpty()) {
                    throw new UnusableInput(TRUST + " " + name + ": the file holds no certificate");
                }
                anchors.addAll(read);
            } else {
                FixtureName fixture = FixtureName.byId(name).orElseThrow(() -> new UnusableInput(TRUST + ": '" + name
                        + "' is neither a file nor a fixture; expected a PEM or DER certificate file, or one of: "
                        + FixtureName.allIds()));
                anchors.add(fixtures.get(fixture).certificate());
            }
        }
        return anchors;
    }
}

package io.sipshield.harness.cli;

import io.sipshield.harness.run.AsteriskConfigException;
import io.sipshield.harness.run.AsteriskConfigExport;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.ScenarioFileException;
import io.sipshield.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sipshield asterisk-config SCENARIO --out DIR}: writes the pjsip.conf, extensions.conf,
 * certificates and keys a real Asterisk needs to play a scenario's server, exactly the configuration the
 * mock runs for it ({@link AsteriskConfigExport}), and a README.txt saying what to copy where and the
 * {@code run --target} line. A table of cases writes one subdirectory per case unless {@code --case}
 * picks one. A scenario with {@code target:} or an MX-ONE mock has nothing to generate: exit 2 with
 * the reason.
 */
@Command(name = "asterisk-config", mixinStandardHelpOptions = true,
        description = {"Write the pjsip.conf, extensions.conf, certificates and keys a real Asterisk needs to play a "
                + "scenario's server (exactly what the mock runs), and a README.txt.",
                "Exit codes: 0 written, 2 unusable input or nothing to generate (target: or MX-ONE)."})
public final class AsteriskConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file whose server is the mock Asterisk.")
    private Path scenario;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to write (created if needed; files of the same names are replaced).")
    private Path out;

    @Option(names = "--case", paramLabel = "NAME",
            description = "The row of the file's table of cases to write (default: every row, one subdirectory each).")
    private String caseName;

    @Option(names = "--fixtures-dir", paramLabel = "DIR",
            description = "Keep the test PKI here (<id>.crt, <id>.key, <id>-root.crt): written on first use, reused "
                    + "after, so that several generated configurations share one CA (default: a new PKI each time).")
    private Path fixturesDir;

    @Option(names = "--asterisk-dir", paramLabel = "PATH",
            description = "Where keys/ will be on the Asterisk host, e.g. /etc/asterisk/keys: the prefix pjsip.conf "
                    + "names the files by (default: the absolute path of DIR/keys).")
    private String asteriskDir;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "The TLS transport's bind= (default: " + AsteriskConfigExport.DEFAULT_BIND + ").")
    private String bind;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<Scenario> chosen = chosen(new ScenarioLoader().loadAll(scenario));
            try (AsteriskConfigExport export = export()) {
                List<AsteriskConfigExport.Exported> written = new ArrayList<>();
                boolean perCase = chosen.size() > 1;
                for (Scenario s : chosen) {
                    Path dir = perCase ? this.out.resolve(s.caseName()) : this.out;
                    written.add(export.write(s, dir));
                }
                for (int i = 0; i < written.size(); i++) {
                    AsteriskConfigExport.Exported e = written.get(i);
                    out.println("wrote " + e.directory() + ": pjsip.conf, extensions.conf, " + e.keyFiles().size()
                            + " certificate/key file(s), README.txt (" + chosen.get(i).id() + ", TLS port " + e.port() + ")");
                    e.warnings().forEach(w -> out.println("  note: " + w));
                }
            }
            out.flush();
            return ExitCodes.OK;
        } catch (ScenarioFileException | AsteriskConfigException | UnusableInput | IllegalArgumentException e) {
            err.println("sipshield asterisk-config: " + e.getMessage());
        } catch (IOException e) {
            err.println("sipshield asterisk-config: cannot write " + out + ": " + e.getMessage());
        }
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    private List<Scenario> chosen(List<Scenario> all) throws UnusableInput {
        if (caseName == null) {
            return all;
        }
        List<Scenario> row = all.stream().filter(s -> caseName.equals(s.caseName())).toList();
        if (row.isEmpty()) {
            String cases = all.stream().map(Scenario::caseName).filter(java.util.Objects::nonNull)
                    .collect(Collectors.joining(", "));
            throw new UnusableInput(scenario + ": --case " + caseName + ": no such row"
                    + (cases.isEmpty() ? "; the file has no table of cases" : "; its cases: " + cases));
        }
        return row;
    }

    private AsteriskConfigExport export() {
        AsteriskConfigExport.Builder builder = AsteriskConfigExport.builder();
        if (fixturesDir != null) {
            builder.fixturesDirectory(fixturesDir);
        }
        if (asteriskDir != null) {
            builder.asteriskDirectory(asteriskDir);
        }
        if (bind != null) {
            builder.bind(bind);
        }
        return builder.build();
    }
}

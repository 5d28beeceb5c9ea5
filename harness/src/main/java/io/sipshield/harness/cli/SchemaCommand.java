package io.sipshield.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield schema}: prints the JSON Schema of scenario files (draft 2020-12), so editors can
 * validate and autocomplete them: {@code sipshield schema > scenario.schema.json}.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of scenario files (for editors: validation and completion).")
public final class SchemaCommand implements Callable<Integer> {

    static final String RESOURCE = "/io/sipshield/harness/scenario/scenario.schema.json";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (InputStream schema = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (schema == null) {
                spec.commandLine().getErr().println("sipshield schema: this build has no " + RESOURCE);
                return ExitCodes.FAILED;
            }
            spec.commandLine().getOut().print(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}

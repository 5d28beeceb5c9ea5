package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SchemaCommandTest {

    @Test
    void printsTheSchemaKeptBesideTheSuite() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SipshieldCommand());
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("schema"));
        String kept = Files.readString(Path.of("..", "scenarios", "schema", "scenario.schema.json"));
        assertEquals(kept, out.toString());
        JsonNode schema = new ObjectMapper().readTree(out.toString());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    }
}

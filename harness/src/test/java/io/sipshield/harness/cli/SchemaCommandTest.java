package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {

    @Test
    void printsTheSchemaKeptBesideTheSuite() throws Exception {
        CliConsole cli = new CliConsole();
        assertEquals(0, cli.run("schema"));
        String kept = Files.readString(Path.of("..", "scenarios", "schema", "scenario.schema.json"));
        assertEquals(kept, cli.out());
        JsonNode schema = new ObjectMapper().readTree(cli.out());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    }
}

package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sipshield load --phone-offset K} and {@code --shard I/N}: two real runs against the embedded mock
 * register disjoint users, carry their offsets, and merge into one result.
 */
@Timeout(120)
class LoadCommandShardTest {

    @TempDir
    Path dir;

    private final CliConsole cli = new CliConsole();

    /** Runs {@code sipshield ARGS}; {@code cli.out()} and {@code cli.err()} then hold what this run printed. */
    private int execute(String... args) {
        cli.clear();
        return cli.run(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--phones 2 --phone-offset -1            | the phone offset must be 0 or more, got -1",
        "--phones 2 --shard 2/2 --phone-offset 2 | --shard and --phone-offset both set the phone offset; give one",
        "--phones 2 --shard 3/2                  | I/N with 1 <= I <= N (1-based), e.g. 2/4"})
    void badOffsetsAreUnusableInput(String args, String message) {
        String[] words = ("load " + args.strip()).split("\\s+");
        assertEquals(ExitCodes.INVALID_INPUT, execute(words));
        assertTrue(cli.err().contains(message), cli.err());
    }

    @Test
    void twoMachinesWorthOfPhonesRegisterDisjointUsersAndMerge() throws Exception {
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");
        assertEquals(ExitCodes.OK, execute("load", "--phones", "2", "--rate", "50", "--timeout", "30", "--json",
                first.toString()), cli.out() + "\n" + cli.err());
        assertEquals(ExitCodes.OK, execute("load", "--phones", "2", "--rate", "50", "--timeout", "30", "--shard", "2/2",
                "--json", second.toString()), cli.out() + "\n" + cli.err());
        assertTrue(cli.out().contains("users 1002 to 1003 (phone offset 2)"), cli.out());

        JsonNode b = new ObjectMapper().readTree(second.toFile());
        assertEquals(2, b.at("/run/phone_offset").asInt(), "--shard 2/2 with --phones 2 is offset 2");
        assertEquals(1000, b.at("/run/first_number").asInt());
        assertEquals(2, b.at("/counts/registered").asInt());

        Path merged = dir.resolve("merged");
        assertEquals(ExitCodes.OK, execute("report", "merge", "--out", merged.toString(), first.toString(),
                second.toString()), cli.out() + "\n" + cli.err());
        assertTrue(cli.out().contains("4 phones, 4 registered, 0 failure(s), users 1000 to 1003"), cli.out());
        JsonNode union = new ObjectMapper().readTree(merged.resolve("load.json").toFile());
        assertEquals(4, union.at("/latencies_ms/register_round_trip/count").asInt());
        assertEquals(4, union.at("/counts/mock_registrar_contacts").asInt());

        assertEquals(ExitCodes.INVALID_INPUT, execute("report", "merge", "--out", dir.resolve("again").toString(),
                first.toString(), first.toString()));
        assertTrue(cli.err().contains("registered the same users"), cli.err());
    }
}

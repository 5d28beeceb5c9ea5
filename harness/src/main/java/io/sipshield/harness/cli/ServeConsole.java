package io.sipshield.harness.cli;

import io.sipshield.harness.mock.PjsipCliRenderer;
import io.sipshield.harness.mock.PjsipIntrospection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The console of {@code sipshield serve}: Asterisk CLI commands, one per line, answered as the
 * Asterisk CLI answers them ({@link PjsipCliRenderer}). {@code core stop now}, {@code exit} and
 * {@code quit} ask the server to stop; an unknown command gets Asterisk's
 * {@code No such command '...'} and the console goes on. The end of the input is not a stop
 * command: a server started in the background with stdin closed keeps serving.
 */
public final class ServeConsole {

    /** What the server should do after a line. */
    public enum Result {
        /** Keep serving. */
        CONTINUE,
        /** Stop cleanly ({@code core stop now}, {@code exit}, {@code quit}). */
        STOP
    }

    private static final String HELP = """
            pjsip show aors                -- Show PJSIP Aors
            pjsip show aor <id>            -- Show PJSIP Aor
            pjsip show contacts            -- Show PJSIP Contacts
            pjsip show endpoints           -- List PJSIP Endpoints
            pjsip show endpoint <id>       -- Show PJSIP Endpoint
            pjsip show transports          -- Show PJSIP Transports
            pjsip show transport <id>      -- Show PJSIP Transport
            core stop now                  -- Shut down Asterisk immediately
            exit, quit                     -- Stop the server
            help, core show help           -- Show this list
            """;

    private final Supplier<PjsipIntrospection> show;
    private final PrintWriter out;
    private final PjsipCliRenderer renderer = new PjsipCliRenderer();

    /**
     * @param show what the commands report on (the running mock's {@code show()})
     * @param out  where answers go
     */
    public ServeConsole(Supplier<PjsipIntrospection> show, PrintWriter out) {
        this.show = Objects.requireNonNull(show, "show");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Answers commands from {@code in} until a stop command ({@link Result#STOP}) or the end of the
     * input ({@link Result#CONTINUE}: the caller keeps serving).
     */
    public Result run(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (execute(line) == Result.STOP) {
                return Result.STOP;
            }
        }
        return Result.CONTINUE;
    }

    /** Answers one command line; blank lines are ignored. */
    public Result execute(String line) {
        String command = line.strip().replaceAll("\\s+", " ");
        String[] words = command.split(" ");
        String lower = command.toLowerCase(Locale.ROOT);
        Result result = Result.CONTINUE;
        if (command.isEmpty()) {
            return result;
        } else if (lower.equals("core stop now") || lower.equals("exit") || lower.equals("quit")) {
            out.println("Stopping the mock Asterisk.");
            result = Result.STOP;
        } else if (lower.equals("help") || lower.equals("core show help")) {
            out.print(HELP);
        } else if (words.length >= 3 && lower.startsWith("pjsip show ")) {
            out.print(pjsipShow(words));
        } else {
            out.print(noSuchCommand(command));
        }
        out.flush();
        return result;
    }

    private String pjsipShow(String[] words) {
        String object = words[2].toLowerCase(Locale.ROOT);
        PjsipIntrospection pbx = show.get();
        if (words.length == 3) {
            return switch (object) {
                case "transports" -> renderer.transports(pbx.transports());
                case "endpoints" -> renderer.endpoints(pbx.endpoints(), pbx.transports());
                case "contacts" -> renderer.contacts(pbx.contacts());
                case "aors" -> renderer.aors(pbx.aors());
                case "transport", "endpoint", "aor" -> "No object specified.\n";
                default -> noSuchCommand(String.join(" ", words));
            };
        }
        if (words.length == 4) {
            String id = words[3];
            return switch (object) {
                case "transport" -> renderer.transport(id, pbx.transport(id));
                case "endpoint" -> renderer.endpoint(id, pbx.endpoint(id), pbx.transports());
                case "aor" -> renderer.aor(id, pbx.aor(id));
                default -> noSuchCommand(String.join(" ", words));
            };
        }
        return noSuchCommand(String.join(" ", words));
    }

    /** main/cli.c's answer to a command it does not know. */
    private static String noSuchCommand(String command) {
        return "No such command '" + command + "' (type 'core show help " + command + "' for other possible commands)\n";
    }
}

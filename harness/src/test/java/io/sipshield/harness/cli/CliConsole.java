package io.sipshield.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs {@code sipshield ARGS} in this JVM, as {@link Main} would but without {@code System.exit}, with standard
 * output and standard error captured: {@code cli.command("load", "--phones", "0")}, then {@code cli.out()} and
 * {@code cli.err()}. Every run gets a fresh {@link SipshieldCommand}, so no option value leaks from one run into
 * the next; what the runs print adds up until {@link #clear()}.
 *
 * <p>{@link #merged()} sends both streams into one text in the order they were written, as a terminal shows a
 * command's console ({@code 2>&1}). A test that sets more on the command line (a console input, say) or runs it on
 * another thread takes {@link #commandLine()} and calls {@link CommandLine#execute} itself.
 *
 * <p>Both texts can be read while a run on another thread is still printing: a {@link PrintWriter} made on a
 * {@link StringWriter} hands each write straight to it, and {@link StringWriter} is synchronised.
 */
public final class CliConsole {

    private final StringWriter out = new StringWriter();
    private final StringWriter err;

    /** Standard output and standard error, each captured on its own. */
    public CliConsole() {
        this.err = new StringWriter();
    }

    private CliConsole(boolean merged) {
        this.err = merged ? out : new StringWriter();
    }

    /** Standard output and standard error captured together: {@link #out()} and {@link #err()} both give all. */
    public static CliConsole merged() {
        return new CliConsole(true);
    }

    /** A new {@code sipshield} command line that prints here, for a test that sets more on it before running it. */
    public CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SipshieldCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    /** Runs {@code sipshield ARGS} (the whole command line after the program name); returns its exit code. */
    public int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * Runs {@code sipshield SUBCOMMAND ARGS}; returns its exit code.
     *
     * @param subcommand one or more words separated by single spaces, e.g. {@code "load"} or {@code "bench load-server"}
     */
    public int command(String subcommand, String... args) {
        String[] words = subcommand.split(" ");
        String[] all = new String[words.length + args.length];
        System.arraycopy(words, 0, all, 0, words.length);
        System.arraycopy(args, 0, all, words.length, args.length);
        return run(all);
    }

    /** What the runs have printed to standard output since this console was made or last cleared. */
    public String out() {
        return out.toString();
    }

    /** What the runs have printed to standard error since this console was made or last cleared. */
    public String err() {
        return err.toString();
    }

    /** Forgets what was printed, for a test that checks each of several runs on its own. */
    public void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}

package io.sipshield.harness.cli;

import picocli.CommandLine;

/** The {@code sipshield} executable's entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SipshieldCommand()).execute(args));
    }
}

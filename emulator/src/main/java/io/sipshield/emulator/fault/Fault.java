package io.sipshield.emulator.fault;

/**
 * A fault injected into a run. The vocabulary is closed: every fault is one of the records permitted by
 * {@link ServerFault} and {@link MediaFault}, so a scenario file and a Java test say the same things
 * ({@code fault: close-connection} is {@link CloseConnection}).
 */
public sealed interface Fault permits ServerFault, MediaFault {

    /** The fault's name in scenario files, e.g. {@code close-connection}. */
    String name();

    /** One line for reports, e.g. "server closes the connection when a REGISTER arrives (1 time)". */
    String describe();
}

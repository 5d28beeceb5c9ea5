package io.sipshield.harness.scenario;

/** The server a scenario's phones connect to. The embedded mock Asterisk is the only kind so far. */
public sealed interface ServerSpec permits MockServer {
}

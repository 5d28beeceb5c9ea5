package io.sipshield.harness.scenario;

/**
 * The server a scenario's phones connect to: the embedded mock Asterisk ({@link MockServer}) or a
 * real server at an address ({@link TargetServer}).
 */
public sealed interface ServerSpec permits MockServer, TargetServer {
}

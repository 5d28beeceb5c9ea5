/**
 * Injected faults: one closed vocabulary used from Java tests and from scenario files (STYLE.md §6,
 * after WireMock's {@code Fault} and OkHttp's {@code SocketEffect}). A {@link io.sipshield.emulator.fault.Fault}
 * is a value; who applies it depends on its family: {@link io.sipshield.emulator.fault.ServerFault}s are played
 * by the server side of the phone's TLS connection (the mock Asterisk), {@link io.sipshield.emulator.fault.MediaFault}s
 * by the media path between the phones and the server (loss, reordering, duplication) or by an SRTP sender
 * (tampered or replayed packets, a rollover counter wrap). Each fault has a stable kebab-case
 * {@link io.sipshield.emulator.fault.Fault#name() name}, the value of {@code fault:} in a scenario file.
 */
package io.sipshield.emulator.fault;

/**
 * SRTP and SRTCP (RFC 3711) with the AES-CM / HMAC-SHA1 transforms: crypto suites, master keys,
 * key derivation, per-SSRC rollover and replay state, and counters per outcome.
 *
 * <p>Contexts are not thread-safe: confine each one to the event loop of the channel that uses it.
 * Nothing here logs or prints key material.
 */
package io.sipshield.emulator.srtp;

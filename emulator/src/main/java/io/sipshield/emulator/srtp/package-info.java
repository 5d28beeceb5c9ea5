/**
 * SRTP and SRTCP (RFC 3711) with the AES-CM / HMAC-SHA1 transforms (128-, 192- and 256-bit keys,
 * RFC 6188) and AES-GCM (RFC 7714): crypto suites, master keys and MKIs, key derivation, per-SSRC
 * rollover and replay state, key lifetimes, and counters per outcome.
 *
 * <p>Contexts are not thread-safe: confine each one to the event loop of the channel that uses it.
 * Their in-place methods allocate nothing per packet. Nothing here logs or prints key material.
 */
package io.sipshield.emulator.srtp;

/**
 * {@code sipshield run --capture DIR}: turns what the phones' taps saw into a pcapng file per
 * scenario that Wireshark decrypts on its own (raw IP, synthesized TCP and UDP around the real TLS
 * and SRTP bytes, the NSS key log in a Decryption Secrets Block before the packets), plus the key
 * log and the SDES keys as files.
 */
package io.sipshield.harness.capture;

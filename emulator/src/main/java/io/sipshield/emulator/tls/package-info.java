/**
 * The phone's TLS: its client contexts, and how it judges the server's certificate chain.
 *
 * <p>{@link io.sipshield.emulator.tls.ServerCertificateValidator} re-implements OpenSSL 3.0's
 * {@code X509_verify_cert} as a PJSIP phone runs it (every error at every depth, PJSIP's mapping
 * to the D-Series bitmask in {@link io.sipshield.emulator.tls.VerifyFlag}, PJSIP's identity rule
 * in {@link io.sipshield.emulator.tls.IdentityRule}); one package-private class per OpenSSL step.
 * A differential test compiles a small C program against Debian's libssl-dev and requires the
 * same bitmask and the same errors from OpenSSL itself on hundreds of setups.
 * {@link io.sipshield.emulator.tls.CiscoTrustListValidator} is Cisco's trust-list pinning instead.
 */
package io.sipshield.emulator.tls;

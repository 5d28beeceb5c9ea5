/**
 * Taps a phone's own pipelines for a packet capture (no root, no interface sniffing): a
 * {@link io.sipshield.emulator.capture.TcpCaptureHandler} below the SslHandler copies the TLS bytes
 * of the SIP connection, a {@link io.sipshield.emulator.capture.DatagramCaptureHandler} at the head
 * of the RTP and RTCP pipelines copies the SRTP/SRTCP datagrams, and
 * {@link io.sipshield.emulator.capture.TlsKeyLogExport} hands BoringSSL's NSS key log lines (TLS 1.2
 * and 1.3) to a {@link io.sipshield.emulator.capture.SecretsTap}, as {@code MediaSession} does the
 * SDES keys. Enabled with {@code PhoneSettings.Builder.capture(packets, secrets)}; off by default.
 *
 * <p>Secrets go to the tap only, the capture the user asked for: nothing here logs or prints them.
 */
package io.sipshield.emulator.capture;

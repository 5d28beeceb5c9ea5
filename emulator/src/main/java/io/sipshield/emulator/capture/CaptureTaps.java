package io.sipshield.emulator.capture;

import java.util.Objects;

/**
 * Where a phone reports what it sends and receives and the secrets to read it, when a capture was
 * asked for ({@code PhoneSettings.Builder.capture}).
 *
 * @param packets the bytes on the wire: TLS on the SIP connection, SRTP and SRTCP datagrams
 * @param secrets the TLS key log lines and SDES keys
 */
public record CaptureTaps(PacketTap packets, SecretsTap secrets) {

    public CaptureTaps {
        Objects.requireNonNull(packets, "packets");
        Objects.requireNonNull(secrets, "secrets");
    }

    /** Now, in nanoseconds since 1970 (microsecond precision on Linux). */
    static long now() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

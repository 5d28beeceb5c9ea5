package io.sipshield.emulator.fault;

/**
 * A hostile server sends {@code bytes} bytes of random data (seeded by {@code seed}) as TLS
 * application data right after the handshake, before any SIP. The phone must report a framing error
 * and move on (close or resynchronise), never crash.
 *
 * @param bytes how many bytes (at least 1)
 * @param seed  the random generator's seed, so a failure can be reproduced
 */
public record GarbageAfterHandshake(int bytes, long seed) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "garbage-after-handshake";

    public GarbageAfterHandshake {
        Checks.positive(NAME, "bytes", bytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server sends " + bytes + " random bytes after the handshake (seed " + seed + ")";
    }
}

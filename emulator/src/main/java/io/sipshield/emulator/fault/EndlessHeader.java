package io.sipshield.emulator.fault;

/**
 * A hostile server answers the first request with a status line and then a header line that never
 * ends: {@code bytes} bytes without a line end, then nothing more (the connection stays open). The phone
 * must stop at its message-size limit (docs/limits.md), report it, and move on.
 *
 * @param bytes how many bytes of the endless header are sent (at least 1)
 */
public record EndlessHeader(int bytes) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "endless-header";

    public EndlessHeader {
        Checks.positive(NAME, "bytes", bytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server sends a header line of " + bytes + " bytes that never ends";
    }
}

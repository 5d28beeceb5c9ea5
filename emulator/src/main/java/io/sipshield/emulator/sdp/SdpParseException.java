package io.sipshield.emulator.sdp;

import java.util.Objects;

/**
 * An SDP line or attribute that could not be read. The message names the field (for example
 * {@code tag}, {@code suite}, {@code key-params}, or {@code line 7}) and what was expected.
 */
public final class SdpParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public SdpParseException(String field, String reason) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(reason, "reason"));
        this.field = field;
        this.reason = reason;
    }

    /** The field or line that was wrong. */
    public String field() {
        return field;
    }

    /** What was wrong with it. */
    public String reason() {
        return reason;
    }
}

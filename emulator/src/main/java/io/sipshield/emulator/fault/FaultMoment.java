package io.sipshield.emulator.fault;

import java.util.Locale;

/**
 * When, on the phone's connection, a {@link ServerFault} takes effect. Scenario files write the
 * kebab-case {@link #label()}.
 */
public enum FaultMoment {
    /** As soon as the TLS handshake has completed, before any SIP message. */
    AFTER_HANDSHAKE,
    /** When a REGISTER arrives, before it is answered (the phone is mid-REGISTER). */
    ON_REGISTER,
    /** Right after the server has answered a REGISTER 200 OK. */
    AFTER_REGISTER,
    /** When an INVITE arrives, before it is answered. */
    ON_INVITE,
    /** During an established call: after the 200 OK for an INVITE (plus the fault's delay, if any). */
    IN_CALL;

    /** The name in scenario files: {@code after-handshake}, {@code on-register}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The moment with this label.
     *
     * @throws IllegalArgumentException naming the label and the labels expected
     */
    public static FaultMoment fromLabel(String label) {
        for (FaultMoment moment : values()) {
            if (moment.label().equals(label)) {
                return moment;
            }
        }
        throw new IllegalArgumentException("unknown fault moment '" + label + "'; expected one of: "
                + String.join(", ", java.util.Arrays.stream(values()).map(FaultMoment::label).toList()));
    }
}

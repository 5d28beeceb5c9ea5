package io.sipshield.emulator.fault;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the fault records: each names the fault and the field. */
final class Checks {

    private Checks() {
    }

    static int positive(String fault, String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(fault + ": " + field + " must be at least 1, was " + value);
        }
        return value;
    }

    static double percent(String fault, String field, double value) {
        if (!(value > 0 && value <= 100)) {
            throw new IllegalArgumentException(fault + ": " + field + " must be a percentage in (0, 100], was " + value);
        }
        return value;
    }

    static Duration notNegative(String fault, String field, Duration value) {
        Objects.requireNonNull(value, fault + ": " + field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(fault + ": " + field + " must not be negative, was " + value);
        }
        return value;
    }

    static <T> T present(String fault, String field, T value) {
        return Objects.requireNonNull(value, fault + ": " + field + " is required");
    }
}

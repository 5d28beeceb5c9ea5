package io.sipshield.harness.compare;

import io.sipshield.harness.run.RemoteTarget;
import io.sipshield.harness.scenario.TargetServer;
import java.util.Objects;

/**
 * The value of {@code --compare}: {@code mock,HOST:PORT}, the embedded mock first (the reference, as each
 * scenario describes it), then the real server the same scenarios run against.
 *
 * @param target the real server
 */
public record CompareSpec(TargetServer target) {

    /** The name of the embedded mock in the option's value. */
    public static final String MOCK = "mock";

    private static final String EXPECTED = "expected mock,HOST:PORT (the embedded mock, then the real server, "
            + "for example mock,pbx.example.com:5061)";

    public CompareSpec {
        Objects.requireNonNull(target, "target");
    }

    /**
     * Reads {@code mock,HOST:PORT}.
     *
     * @param option the option's name, for the message
     * @throws IllegalArgumentException naming the option, what was given and what was expected
     */
    public static CompareSpec parse(String text, String option) {
        String[] sides = text == null ? new String[0] : text.split(",", -1);
        if (sides.length != 2) {
            throw new IllegalArgumentException(option + ": '" + text + "' names " + sides.length
                    + (sides.length == 1 ? " side" : " sides") + "; " + EXPECTED);
        }
        if (!sides[0].strip().equals(MOCK)) {
            throw new IllegalArgumentException(option + ": the first side must be '" + MOCK + "', was '"
                    + sides[0].strip() + "'; " + EXPECTED);
        }
        return new CompareSpec(RemoteTarget.parseAddress(sides[1].strip(), option + " (the second side)"));
    }

    @Override
    public String toString() {
        return MOCK + "," + target;
    }
}

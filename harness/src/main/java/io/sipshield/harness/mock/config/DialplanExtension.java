package io.sipshield.harness.mock.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An extension of a context with its priorities in ascending order.
 *
 * @param pattern the extension, literal or pattern
 * @param priorities its priorities, ascending
 */
public record DialplanExtension(ExtensionPattern pattern, List<DialplanPriority> priorities) {

    public DialplanExtension {
        Objects.requireNonNull(pattern, "pattern");
        priorities = List.copyOf(priorities);
    }

    /** The priority with that number. */
    public Optional<DialplanPriority> priority(int number) {
        return priorities.stream().filter(p -> p.number() == number).findFirst();
    }

    /** The priority with that label. */
    public Optional<DialplanPriority> label(String label) {
        return priorities.stream().filter(p -> p.label().filter(label::equals).isPresent()).findFirst();
    }
}

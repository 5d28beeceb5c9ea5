package io.sipshield.harness.mock.dialplan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mock's dialplan: each extension's priorities, in order, as extensions.conf's
 * {@code exten =>} and {@code same =>} lines give them.
 *
 * @param extensions extension to its priorities, in definition order
 */
public record Dialplan(Map<String, List<DialplanApplication>> extensions) {

    public Dialplan {
        Map<String, List<DialplanApplication>> copy = new LinkedHashMap<>();
        extensions.forEach((extension, priorities) -> {
            if (priorities.isEmpty()) {
                throw new IllegalArgumentException("extension " + extension + " has no priority");
            }
            copy.put(extension, List.copyOf(priorities));
        });
        extensions = Collections.unmodifiableMap(copy);
    }

    /** The priorities of the dialled extension, if the dialplan has it. */
    public Optional<List<DialplanApplication>> priorities(String extension) {
        return Optional.ofNullable(extensions.get(extension));
    }
}

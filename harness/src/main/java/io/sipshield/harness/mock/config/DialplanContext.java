package io.sipshield.harness.mock.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A context of extensions.conf.
 *
 * @param name the context's name
 * @param extensions its extensions in Asterisk's match order (literals, then patterns from the most specific)
 */
public record DialplanContext(String name, List<DialplanExtension> extensions) {

    public DialplanContext {
        Objects.requireNonNull(name, "name");
        extensions = extensions.stream().sorted((a, b) -> a.pattern().compareTo(b.pattern())).toList();
    }

    /** The extension a dialled number runs, as Asterisk picks it: the first match in match order. */
    public Optional<DialplanExtension> find(String dialled) {
        return extensions.stream().filter(e -> e.pattern().matches(dialled)).findFirst();
    }

    /** The extension written exactly so (e.g. {@code _10[1-3]}). */
    public Optional<DialplanExtension> extension(String written) {
        ExtensionPattern p = ExtensionPattern.of(written);
        return extensions.stream().filter(e -> e.pattern().equals(p)).findFirst();
    }
}

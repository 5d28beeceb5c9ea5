package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An extensions.conf within the mock's documented subset: {@code [general]} and contexts of {@code exten =>} and
 * {@code same =>} lines running the applications of {@link DialplanApplication}.
 *
 * @param general the {@code [general]} settings, defaults when absent
 * @param contexts the contexts by name, in file order (a context written twice is one context)
 * @param warnings options read but without effect on the mock
 */
public record ExtensionsConf(ExtensionsGeneral general, Map<String, DialplanContext> contexts, List<ConfigWarning> warnings) {

    public ExtensionsConf {
        Objects.requireNonNull(general, "general");
        contexts = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads an extensions.conf and what it includes.
     *
     * @throws ConfigFileException naming file, line and option for anything outside the subset or any bad value
     */
    public static ExtensionsConf load(Path file) throws ConfigFileException {
        return ExtensionsConfReader.read(AsteriskConfig.read(file));
    }

    /** The context of that name. */
    public Optional<DialplanContext> context(String name) {
        return Optional.ofNullable(contexts.get(name));
    }
}

package io.sipshield.harness.mock.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pjsip.conf within the mock's documented subset, typed. Objects of different types may share a name (an
 * endpoint and an aor both called {@code 101}), so each type has its own map, in file order.
 *
 * @param global the {@code [global]} settings, defaults when the file has none
 * @param transports transports by name
 * @param endpoints endpoints by name, templates applied
 * @param auths auths by name
 * @param aors aors by name
 * @param warnings options read but without effect on the mock
 */
public record PjsipConf(PjsipGlobal global, Map<String, PjsipTransport> transports, Map<String, PjsipEndpoint> endpoints,
        Map<String, PjsipAuth> auths, Map<String, PjsipAor> aors, List<ConfigWarning> warnings) {

    public PjsipConf {
        Objects.requireNonNull(global, "global");
        transports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(transports));
        endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        auths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(auths));
        aors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aors));
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads a pjsip.conf and what it includes.
     *
     * @throws ConfigFileException naming file, line and option for anything outside the subset or any bad value
     */
    public static PjsipConf load(Path file) throws ConfigFileException {
        return PjsipConfReader.read(AsteriskConfig.read(file));
    }

    /** The endpoint of that name. */
    public Optional<PjsipEndpoint> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /** The transport of that name. */
    public Optional<PjsipTransport> transport(String name) {
        return Optional.ofNullable(transports.get(name));
    }

    /** The auth of that name. */
    public Optional<PjsipAuth> auth(String name) {
        return Optional.ofNullable(auths.get(name));
    }

    /** The aor of that name. */
    public Optional<PjsipAor> aor(String name) {
        return Optional.ofNullable(aors.get(name));
    }
}

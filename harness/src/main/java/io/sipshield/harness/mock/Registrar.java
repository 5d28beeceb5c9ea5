package io.sipshield.harness.mock;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mock's location service: one AOR per endpoint with {@code max_contacts=1} and
 * {@code remove_existing=yes}, as the reference pjsip.conf configures it. Thread-safe: phones
 * register from connections on different event loops.
 */
public final class Registrar {

    /**
     * @param aor       the AOR (endpoint id)
     * @param contact   the stored contact URI (rewritten to the connection's source address, as rewrite_contact=yes does)
     * @param expiresAt when the binding lapses
     */
    public record Binding(String aor, String contact, Instant expiresAt) {
    }

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Clock clock;

    Registrar(Clock clock) {
        this.clock = clock;
    }

    Binding bind(String aor, String contact, int expiresSeconds) {
        Binding binding = new Binding(aor, contact, clock.instant().plusSeconds(expiresSeconds));
        bindings.put(aor, binding);
        return binding;
    }

    void unbind(String aor) {
        bindings.remove(aor);
    }

    /** Seconds left on a binding, rounded down, as Asterisk reports it in the 200 (300 asked, 299 shown). */
    int secondsLeft(Binding binding) {
        long millis = binding.expiresAt().toEpochMilli() - clock.millis();
        return (int) Math.max(0, Math.floorDiv(millis - 1, 1000));
    }

    /** The live bindings (expired ones are not counted). */
    public List<Binding> bindings() {
        Instant now = clock.instant();
        return bindings.values().stream().filter(b -> b.expiresAt().isAfter(now)).toList();
    }

    public Optional<Binding> lookup(String aor) {
        Instant now = clock.instant();
        return Optional.ofNullable(bindings.get(aor)).filter(b -> b.expiresAt().isAfter(now));
    }
}

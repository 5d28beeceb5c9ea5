package io.sipshield.harness.mock;

import io.sipshield.emulator.rtp.G711;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Asterisk CLI's {@code pjsip show transports|endpoints|endpoint <id>|contacts|aors} would
 * report about the mock, as values: read live from the registrar and the open channels at each
 * call. Objects come sorted by id, as Asterisk's sorcery containers hand them to the CLI
 * ({@code ast_sorcery_object_id_sort}). {@link PjsipCliRenderer} prints them as the CLI does.
 *
 * <pre>{@code
 * assertEquals(EndpointState.NOT_IN_USE, pbx.show().endpoint("101").orElseThrow().state());
 * }</pre>
 */
public final class PjsipIntrospection {

    private final TransportView transport;
    private final List<MockEndpoint> endpoints;
    private final Registrar registrar;
    private final ActiveChannels channels;

    PjsipIntrospection(TransportView transport, Collection<MockEndpoint> endpoints, Registrar registrar,
                       ActiveChannels channels) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.endpoints = endpoints.stream().sorted(Comparator.comparing(MockEndpoint::id)).toList();
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.channels = Objects.requireNonNull(channels, "channels");
    }

    /** {@code pjsip show transports}: the mock serves one TLS transport. */
    public List<TransportView> transports() {
        return List.of(transport);
    }

    /** {@code pjsip show transport <id>}. */
    public Optional<TransportView> transport(String id) {
        return transport.id().equals(id) ? Optional.of(transport) : Optional.empty();
    }

    /** {@code pjsip show endpoints}. */
    public List<EndpointView> endpoints() {
        List<ContactView> contacts = contacts();
        return endpoints.stream().map(endpoint -> view(endpoint, contacts)).toList();
    }

    /** {@code pjsip show endpoint <id>}. */
    public Optional<EndpointView> endpoint(String id) {
        List<ContactView> contacts = contacts();
        return endpoints.stream().filter(endpoint -> endpoint.id().equals(id)).findFirst()
                .map(endpoint -> view(endpoint, contacts));
    }

    /** {@code pjsip show contacts}: every live contact, sorted by contact id ({@code aor;@hash}). */
    public List<ContactView> contacts() {
        List<ContactView> all = new ArrayList<>();
        for (Registrar.ContactStatus status : registrar.contacts()) {
            Registrar.Binding binding = status.binding();
            Double rtt = status.status() == Registrar.Availability.Avail && status.rtt() != null
                    ? status.rtt().toNanos() / 1e6 : null;
            all.add(new ContactView(binding.aor(), binding.contact(), md5(binding.contact()), status.status(), rtt));
        }
        all.sort(Comparator.comparing(ContactView::id));
        return all;
    }

    /** {@code pjsip show aors}: one AOR per endpoint, named after it, with its live contacts. */
    public List<AorView> aors() {
        List<ContactView> contacts = contacts();
        return endpoints.stream().map(endpoint -> new AorView(endpoint.id(), endpoint.aor().maxContacts(),
                endpoint.aor().qualifyFrequency(), of(endpoint.id(), contacts))).toList();
    }

    /** {@code pjsip show aor <id>}. */
    public Optional<AorView> aor(String id) {
        return aors().stream().filter(aor -> aor.id().equals(id)).findFirst();
    }

    private EndpointView view(MockEndpoint endpoint, List<ContactView> allContacts) {
        List<ContactView> contacts = of(endpoint.id(), allContacts);
        int open = channels.count(endpoint.id());
        // The mock's endpoints have no devicestate_busy_at (0: never Busy), as Asterisk's default.
        EndpointState state = EndpointState.of(contacts.stream().anyMatch(ContactView::reachable), open, 0);
        return new EndpointView(endpoint.id(), state, open, endpoint.id(), List.of(endpoint.id()), contacts,
                transport.id(), endpoint.mediaEncryption().name().toLowerCase(Locale.ROOT),
                endpoint.codecs().stream().map(PjsipIntrospection::codecName).toList(), endpoint.aor().maxContacts());
    }

    private static List<ContactView> of(String aor, List<ContactView> contacts) {
        return contacts.stream().filter(contact -> contact.aor().equals(aor)).toList();
    }

    /** The codec as pjsip.conf's {@code allow} names it. */
    private static String codecName(G711 codec) {
        return codec == G711.PCMA ? "alaw" : "ulaw";
    }

    /**
     * The transport's {@code method} as pjsip.conf spells it: the one configured, else the specific
     * method whose TLS versions the transport accepts ({@code tlsv1_2} for the mock's default TLS 1.2),
     * else the versions themselves.
     */
    static String methodName(TlsMethod configured, List<String> protocols) {
        if (configured != null) {
            return configured.asteriskName();
        }
        return Arrays.stream(TlsMethod.values())
                .filter(method -> method != TlsMethod.DEFAULT && method != TlsMethod.UNSPECIFIED)
                .filter(method -> method.protocols().equals(protocols))
                .map(TlsMethod::asteriskName).findFirst().orElse(String.join(",", protocols));
    }

    /** location.c names a contact {@code aor;@} plus the MD5 of its URI ({@code ast_md5_hash}). */
    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}

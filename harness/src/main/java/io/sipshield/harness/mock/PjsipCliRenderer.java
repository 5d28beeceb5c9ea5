package io.sipshield.harness.mock;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Prints {@link PjsipIntrospection}'s views as the Asterisk CLI prints {@code pjsip show ...}: the
 * column layout of res_pjsip's CLI formatters (include/asterisk/res_pjsip_cli.h: a title right-aligned
 * to {@code 2 * level + 9} characters, tab stop 62, width 90), the header block and separator of
 * res_pjsip/pjsip_cli.c {@code ast_sip_cli_traverse_objects}, "No objects found." for an empty list,
 * "Unable to find object X." for an unknown id, and the "Objects found: N" footer of current
 * Asterisk releases. Bodies: pjsip_configuration.c (endpoint), config_auth.c (InAuth),
 * location.c (Aor, Contact: {@code aor/uri}, first ten hex digits of the contact's hash, status,
 * RTT in ms or {@code nan}), config_transport.c (Transport: id, type, cos, tos, bind). A single
 * object ({@code pjsip show endpoint <id>}) also gets its parameters as
 * {@code ParameterName : ParameterValue} rows (pjsip_cli.c {@code ast_sip_cli_print_sorcery_objectset}),
 * limited to the parameters the mock models. [GUESS] The Contact row's status column is 8 wide, as its
 * {@code <Status>} heading, so that the RTT ends under {@code <RTT(ms)..>} at column 90; the sources read
 * do not settle its exact width.
 */
public final class PjsipCliRenderer {

    private static final int LAST_TABSTOP = 62;
    private static final int MAX_WIDTH = 90;
    private static final String SEPARATOR = "=".repeat(MAX_WIDTH);

    /** {@code pjsip show transports}. */
    public String transports(List<TransportView> transports) {
        return list(transports, out -> transportHeader(out, 0), (out, transport) -> transportBody(out, 0, transport));
    }

    /** {@code pjsip show transport <id>}. */
    public String transport(String id, Optional<TransportView> transport) {
        return single(id, transport, out -> transportHeader(out, 0), (out, found) -> {
            transportBody(out, 0, found);
            Map<String, String> parameters = new TreeMap<>();
            parameters.put("bind", found.bindAddress());
            parameters.put("cert_file", found.certFile() == null ? "" : found.certFile());
            parameters.put("cipher", String.join(",", found.ciphers()));
            parameters.put("method", found.method());
            parameters.put("protocol", found.protocol());
            parameters.put("require_client_cert", Boolean.toString(found.requireClientCert()));
            parameters.put("verify_client", Boolean.toString(found.verifyClient()));
            objectSet(out, parameters);
        });
    }

    /**
     * {@code pjsip show endpoints}.
     *
     * @param transports the transports, for each endpoint's Transport row
     */
    public String endpoints(List<EndpointView> endpoints, List<TransportView> transports) {
        return list(endpoints, this::endpointHeaders, (out, endpoint) -> endpointBody(out, endpoint, transports));
    }

    /**
     * {@code pjsip show endpoint <id>}.
     *
     * @param transports the transports, for the endpoint's Transport row
     */
    public String endpoint(String id, Optional<EndpointView> endpoint, List<TransportView> transports) {
        return single(id, endpoint, this::endpointHeaders, (out, found) -> {
            endpointBody(out, found, transports);
            Map<String, String> parameters = new TreeMap<>();
            parameters.put("aors", String.join(",", found.aors()));
            parameters.put("allow", "(" + String.join("|", found.allow()) + ")");
            parameters.put("auth", found.auth());
            parameters.put("devicestate_busy_at", "0");
            parameters.put("media_encryption", found.mediaEncryption());
            parameters.put("transport", found.transport());
            objectSet(out, parameters);
        });
    }

    /** {@code pjsip show contacts}. */
    public String contacts(List<ContactView> contacts) {
        return list(contacts, out -> contactHeader(out, 0), (out, contact) -> contactBody(out, 0, contact));
    }

    /** {@code pjsip show aors}. */
    public String aors(List<AorView> aors) {
        return list(aors, PjsipCliRenderer::aorHeaders, PjsipCliRenderer::aorWithContacts);
    }

    /** {@code pjsip show aor <id>}. */
    public String aor(String id, Optional<AorView> aor) {
        return single(id, aor, PjsipCliRenderer::aorHeaders, (out, found) -> {
            aorWithContacts(out, found);
            Map<String, String> parameters = new TreeMap<>();
            parameters.put("max_contacts", Integer.toString(found.maxContacts()));
            parameters.put("qualify_frequency", Integer.toString(found.qualifyFrequency()));
            objectSet(out, parameters);
        });
    }

    private static void aorHeaders(StringBuilder out) {
        aorHeader(out, 0);
        contactHeader(out, 1);
    }

    private static void aorWithContacts(StringBuilder out, AorView aor) {
        aorBody(out, 0, aor.id(), aor.maxContacts());
        aor.contacts().forEach(contact -> contactBody(out, 1, contact));
        out.append('\n');
    }

    private interface Body<T> {
        void print(StringBuilder out, T object);
    }

    private static <T> String list(List<T> objects, Consumer<StringBuilder> header, Body<T> body) {
        if (objects.isEmpty()) {
            return "No objects found.\n\n";
        }
        StringBuilder out = start(header);
        objects.forEach(object -> body.print(out, object));
        out.append("\nObjects found: ").append(objects.size()).append('\n');
        return out.append('\n').toString();
    }

    private static <T> String single(String id, Optional<T> object, Consumer<StringBuilder> header, Body<T> body) {
        if (object.isEmpty()) {
            return "Unable to find object " + id + ".\n\n";
        }
        StringBuilder out = start(header);
        body.print(out, object.get());
        return out.append('\n').toString();
    }

    private static StringBuilder start(Consumer<StringBuilder> header) {
        StringBuilder out = new StringBuilder("\n");
        header.accept(out);
        return out.append(SEPARATOR).append("\n\n");
    }

    private void endpointHeaders(StringBuilder out) {
        int indent = indent(0);
        line(out, "%" + indent + "s:  <Endpoint/CID%s>  <State.....>  <Channels.>", "Endpoint",
                dots(LAST_TABSTOP - indent - 16));
        indent = indent(1);
        line(out, "%" + indent + "s:  <AuthId/UserName%s>", "I/OAuth", dots(MAX_WIDTH - indent - 20));
        aorHeader(out, 1);
        contactHeader(out, 2);
        transportHeader(out, 1);
        line(out, "%" + indent + "s:  <Identify/Endpoint%s>", "Identify", dots(MAX_WIDTH - indent - 22));
        line(out, "%" + indent(2) + "s:  <criteria.........................>", "Match");
        line(out, "%" + indent + "s:  <ChannelId%s>  <State.....>  <Time.....>", "Channel", dots(LAST_TABSTOP - indent - 13));
        line(out, "%" + indent(2) + "s: <DialedExten...........>  CLCID: <ConnectedLineCID.......>", "Exten");
    }

    private static void endpointBody(StringBuilder out, EndpointView endpoint, List<TransportView> transports) {
        int indent = indent(0);
        int flexwidth = LAST_TABSTOP - indent - 2;
        line(out, "%" + indent + "s:  %-" + flexwidth + "." + flexwidth + "s  %-12.12s  %d of inf", "Endpoint",
                endpoint.id(), endpoint.state().asteriskName(), endpoint.channels());
        line(out, "%" + indent(1) + "s:  %s/%s", "InAuth", endpoint.auth(), endpoint.id());
        for (String aor : endpoint.aors()) {
            aorBody(out, 1, aor, endpoint.maxContacts());
            endpoint.contacts().stream().filter(contact -> contact.aor().equals(aor))
                    .forEach(contact -> contactBody(out, 2, contact));
        }
        transports.stream().filter(transport -> transport.id().equals(endpoint.transport())).findFirst()
                .ifPresent(transport -> transportBody(out, 1, transport));
        out.append('\n');
    }

    private static void aorHeader(StringBuilder out, int level) {
        int indent = indent(level);
        line(out, "%" + indent + "s:  <Aor%s>  <MaxContact>", "Aor", dots(LAST_TABSTOP - indent - 7));
    }

    private static void aorBody(StringBuilder out, int level, String id, int maxContacts) {
        int indent = indent(level);
        int flexwidth = LAST_TABSTOP - indent - 12;
        line(out, "%" + indent + "s:  %-" + flexwidth + "." + flexwidth + "s %12d", "Aor", id, maxContacts);
    }

    private static void contactHeader(StringBuilder out, int level) {
        int indent = indent(level);
        line(out, "%" + indent + "s:  <Aor/ContactUri%s> <Hash....> <Status> <RTT(ms)..>", "Contact",
                dots(LAST_TABSTOP - indent - 23));
    }

    private static void contactBody(StringBuilder out, int level, ContactView contact) {
        int indent = indent(level);
        int flexwidth = Math.max(1, LAST_TABSTOP - indent - 9 - contact.aor().length() + 1);
        String rtt = contact.rttMillis() == null ? "nan" : String.format(Locale.ROOT, "%.3f", contact.rttMillis());
        line(out, "%" + indent + "s:  %s/%-" + flexwidth + "." + flexwidth + "s %-10.10s %-8.8s %11s", "Contact",
                contact.aor(), contact.uri(), contact.hash(), contact.status().name(), rtt);
    }

    private static void transportHeader(StringBuilder out, int level) {
        int indent = indent(level);
        line(out, "%" + indent + "s:  <TransportId........>  <Type>  <cos>  <tos>  <BindAddress%s>", "Transport",
                dots(MAX_WIDTH - indent - 61));
    }

    private static void transportBody(StringBuilder out, int level, TransportView transport) {
        line(out, "%" + indent(level) + "s:  %-21s  %6s  %5d  %5d  %s", "Transport", transport.id(),
                transport.protocol(), 0, 0, transport.bindAddress());
    }

    /** {@code ParameterName : ParameterValue} rows, names sorted, columns at least 13 and 14 wide. */
    private static void objectSet(StringBuilder out, Map<String, String> parameters) {
        int nameWidth = 13;
        int valueWidth = 14;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            nameWidth = Math.max(nameWidth, parameter.getKey().length());
            valueWidth = Math.max(valueWidth, parameter.getValue().length());
        }
        String row = " %-" + nameWidth + "s : %s";
        out.append('\n');
        line(out, row, "ParameterName", "ParameterValue");
        out.append(' ').append("=".repeat(nameWidth + valueWidth + 3)).append('\n');
        parameters.forEach((name, value) -> line(out, row, name, value));
    }

    /** res_pjsip_cli.h {@code CLI_INDENT_TO_SPACES}: the width a title is right-aligned to. */
    private static int indent(int level) {
        return level * 2 + 1 + 8;
    }

    private static String dots(int count) {
        return ".".repeat(Math.max(0, count));
    }

    private static void line(StringBuilder out, String format, Object... arguments) {
        out.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}

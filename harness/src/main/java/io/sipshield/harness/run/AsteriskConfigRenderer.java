package io.sipshield.harness.run;

import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.config.DialplanApplicationWriter;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.scenario.Endpoint;
import io.sipshield.harness.scenario.MockServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders the structured keys of a scenario's mock Asterisk ({@code certificate}, {@code endpoints},
 * {@code extensions}) as the pjsip.conf and extensions.conf a real Asterisk would run. This is the only
 * place those keys become configuration: the runner starts the mock from this text
 * ({@link MockServerStarter}) and {@code sipshield asterisk-config} writes the same text for a real
 * Asterisk ({@link AsteriskConfigExport}), so the two cannot drift apart.
 *
 * <p>What each key becomes, with the defaults the mock had before configuration files existed
 * ({@link io.sipshield.harness.mock.MockEndpoint#MockEndpoint(String, String, io.sipshield.harness.mock.MediaEncryption)},
 * "as the reference pjsip.conf writes one", shared/fixtures/asterisk):
 * <ul>
 * <li>{@code certificate: ID}: one {@code [transport-tls]} with {@code cert_file = ${fixtures}/ID.crt}
 *     (the chain without its root, as PJSIP sends the file) and {@code priv_key_file = ${fixtures}/ID.key},
 *     {@code method = tlsv1_2} (the mock's TLS 1.2; see {@link #METHOD_FACTS}).</li>
 * <li>each endpoint: {@code [ID]} type=endpoint in context {@value #CONTEXT}, {@code disallow=all},
 *     {@code allow=ulaw}, {@code direct_media=no} (Asterisk's default is yes, which lets it re-INVITE bridged
 *     phones to send media to each other; the mock always anchors media), {@code rewrite_contact=yes}, its
 *     {@code media_encryption} (and the optimistic and 32-bit-tag options when set); {@code [ID-auth]} userpass with the endpoint id as user name;
 *     {@code [ID]} type=aor with {@code max_contacts=1}, {@code remove_existing=yes}.</li>
 * <li>each extension: {@code exten => N,1,App(...)} then {@code same => n,...} in context {@value #CONTEXT}
 *     (every endpoint's context, as the mock's dialplan is reachable from every endpoint).</li>
 * </ul>
 * {@code ${fixtures}} stays in the text, as in a scenario's own inline pjsip.conf: the runner points it at
 * the run's fixture files, {@code asterisk-config} at the files it writes.
 */
public final class AsteriskConfigRenderer {

    /** The transport's section name, as the mock names its transport when nothing else does. */
    public static final String TRANSPORT = "transport-tls";
    /** The dialplan context every rendered endpoint starts its calls in. */
    public static final String CONTEXT = "phones";

    /**
     * The pjsip {@code method=} facts, as comment lines for a generated transport (DEVICES.md §E;
     * res_pjsip/pjsip_config.xml; the mock's {@link io.sipshield.harness.mock.TlsMethod}).
     */
    public static final String METHOD_FACTS = """
            ; TLS versions: pjsip.conf transport 'method' (res_pjsip/pjsip_config.xml, config_transport.c; DEVICES.md §E)
            ;   method = default (also: no method line, unspecified): PJSIP's default, documented as TLSv1,
            ;            TLS 1.0 only on the Asterisk builds DEVICES.md describes; current phones refuse it.
            ;   method = sslv23: every version OpenSSL allows: TLS 1.2 and 1.3 on OpenSSL 3 at the default
            ;            security level (1.0 and 1.1 need @SECLEVEL=0).
            ;   method = tlsv1_2: TLS 1.2 only, what the mock serves when a scenario gives no pjsip.conf.
            """;

    /** Literal extensions only: a leading '_' would make a pattern, which the structured keys never meant. */
    private static final Pattern EXTENSION = Pattern.compile("[0-9A-Za-z*#+]+");
    /** Section names Asterisk's config parser takes without quoting. */
    private static final Pattern SECTION = Pattern.compile("[A-Za-z0-9._@+-]+");

    private AsteriskConfigRenderer() {
    }

    /**
     * The mock's configuration as inline pjsip.conf and extensions.conf text, {@code ${fixtures}} unresolved.
     *
     * @throws IllegalArgumentException when the mock already has configuration files, plays MX-ONE, or a key
     *                                  cannot be written as Asterisk configuration (naming the key and what
     *                                  was expected)
     */
    public static MockServer.AsteriskConfig render(MockServer server) {
        if (server.config() != null) {
            throw new IllegalArgumentException("setup.server.mock already has pjsip.conf/extensions.conf; "
                    + "only the structured keys are rendered");
        }
        if (server.personality() != ServerPersonality.ASTERISK) {
            throw new IllegalArgumentException("setup.server.mock plays " + server.personality().keyword()
                    + ", which has no pjsip.conf; only the asterisk personality is rendered");
        }
        return new MockServer.AsteriskConfig(pjsipConf(server), extensionsConf(server.extensions()), null);
    }

    private static String pjsipConf(MockServer server) {
        StringBuilder b = new StringBuilder();
        b.append("; pjsip.conf rendered by sipshield from setup.server.mock (certificate, endpoints, extensions)\n\n");
        b.append('[').append(TRANSPORT).append("]\n")
                .append("type = transport\n")
                .append("protocol = tls\n")
                .append("bind = 0.0.0.0:5061\n")
                .append("cert_file = ${fixtures}/").append(section(server.certificate(), "certificate")).append(".crt\n")
                .append("priv_key_file = ${fixtures}/").append(server.certificate()).append(".key\n")
                .append(METHOD_FACTS)
                .append("method = tlsv1_2\n");
        for (Endpoint endpoint : server.endpoints()) {
            String id = section(endpoint.id(), "endpoints[].id");
            b.append('\n').append('[').append(id).append("]\n")
                    .append("type = endpoint\n")
                    .append("transport = ").append(TRANSPORT).append('\n')
                    .append("context = ").append(CONTEXT).append('\n')
                    .append("disallow = all\n")
                    .append("allow = ulaw\n")
                    .append("direct_media = no\n")
                    .append("media_encryption = ").append(endpoint.mediaEncryption().keyword()).append('\n');
            if (endpoint.mediaEncryptionOptimistic()) {
                b.append("media_encryption_optimistic = yes\n");
            }
            if (endpoint.srtpTag32()) {
                b.append("srtp_tag_32 = yes\n");
            }
            b.append("rewrite_contact = yes\n")
                    .append("auth = ").append(id).append("-auth\n")
                    .append("aors = ").append(id).append('\n');
            b.append("\n[").append(id).append("-auth]\n")
                    .append("type = auth\n")
                    .append("auth_type = userpass\n")
                    .append("username = ").append(id).append('\n')
                    .append("password = ").append(value(endpoint.password(), "endpoints[" + id + "].password")).append('\n');
            b.append("\n[").append(id).append("]\n")
                    .append("type = aor\n")
                    .append("max_contacts = 1\n")
                    .append("remove_existing = yes\n");
        }
        return b.toString();
    }

    private static String extensionsConf(Map<String, List<DialplanApplication>> extensions) {
        StringBuilder b = new StringBuilder();
        b.append("; extensions.conf rendered by sipshield from setup.server.mock.extensions\n\n");
        b.append('[').append(CONTEXT).append("]\n");
        extensions.forEach((extension, priorities) -> {
            if (!EXTENSION.matcher(extension).matches()) {
                throw new IllegalArgumentException("setup.server.mock.extensions: '" + extension
                        + "' cannot be written to extensions.conf; expected a literal extension of 0-9, A-Z, *, #, +");
            }
            for (int i = 0; i < priorities.size(); i++) {
                b.append(i == 0 ? "exten => " + extension + ",1," : " same => n,")
                        .append(DialplanApplicationWriter.write(priorities.get(i))).append('\n');
            }
        });
        return b.toString();
    }

    private static String section(String name, String field) {
        if (!SECTION.matcher(name).matches()) {
            throw new IllegalArgumentException("setup.server.mock." + field + ": '" + name
                    + "' cannot be a pjsip.conf section name; expected letters, digits and . _ @ + -");
        }
        return name;
    }

    /** A value as Asterisk's config parser reads it back: ';' escaped, no surrounding blanks or line breaks. */
    private static String value(String text, String field) {
        if (!text.equals(text.strip()) || text.contains("\n") || text.contains("\r") || text.isEmpty()) {
            throw new IllegalArgumentException("setup.server.mock." + field
                    + " cannot be written to pjsip.conf; expected no leading or trailing blanks and no line breaks");
        }
        return text.replace(";", "\\;");
    }
}

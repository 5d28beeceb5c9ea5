package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.TlsMethod;
import io.sipshield.harness.mock.MediaEncryption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the sections of a pjsip.conf into {@link PjsipConf}; one instance reads one file. */
final class PjsipConfReader {

    private static final List<String> TYPES = List.of("global", "transport", "endpoint", "auth", "aor");

    private static final List<String> GLOBAL_OPTIONS = List.of("type", "user_agent", "endpoint_identifier_order");
    private static final Set<String> GLOBAL_NO_EFFECT = Set.of("debug", "keep_alive_interval", "max_forwards",
            "default_outbound_endpoint", "regcontext", "contact_expiration_check_interval", "default_voicemail_extension",
            "unidentified_request_count", "unidentified_request_period", "unidentified_request_prune_interval",
            "mwi_tps_queue_high", "mwi_tps_queue_low", "mwi_disable_initial_unsolicited", "ignore_uri_user_options",
            "use_callerid_contact", "send_contact_status_on_update_registration", "taskprocessor_overload_trigger",
            "norefersub", "allow_sending_180_after_183", "max_initial_qualify_time", "default_from_user", "default_realm");

    private static final List<String> TRANSPORT_OPTIONS = List.of("type", "protocol", "bind", "cert_file", "priv_key_file",
            "ca_list_file", "ca_list_path", "method", "cipher", "verify_client", "require_client_cert", "verify_server",
            "allow_wildcard_certs");
    private static final Set<String> TRANSPORT_NO_EFFECT = Set.of("local_net", "external_media_address",
            "external_signaling_address", "external_signaling_port", "tos", "cos", "allow_reload", "symmetric_transport",
            "async_operations", "password", "domain", "tcp_keepalive_enable", "tcp_keepalive_idle_time",
            "tcp_keepalive_interval_time", "tcp_keepalive_probe_count");

    private static final List<String> ENDPOINT_OPTIONS = List.of("type", "aors", "auth", "context", "disallow", "allow",
            "media_encryption", "media_encryption_optimistic", "srtp_tag_32", "rewrite_contact", "transport", "direct_media");
    private static final Set<String> ENDPOINT_NO_EFFECT = Set.of("rtp_symmetric", "force_rport", "dtmf_mode",
            "callerid", "callerid_privacy", "callerid_tag", "trust_id_inbound", "trust_id_outbound", "send_pai", "send_rpid",
            "ice_support", "language", "mailboxes", "from_user", "from_domain", "rtp_timeout", "rtp_timeout_hold",
            "rtp_keepalive", "timers", "timers_min_se", "timers_sess_expires", "tos_audio", "cos_audio", "allow_subscribe",
            "device_state_busy_at", "moh_suggest", "set_var", "t38_udptl", "fax_detect", "send_diversion", "identify_by",
            "allow_transfer", "sdp_owner", "sdp_session", "inband_progress", "call_group", "pickup_group",
            "named_call_group", "named_pickup_group", "accountcode", "message_context", "subscribe_context", "100rel");

    private static final List<String> AUTH_OPTIONS = List.of("type", "auth_type", "username", "password");
    private static final Set<String> AUTH_NO_EFFECT = Set.of("realm", "nonce_lifetime");

    private static final List<String> AOR_OPTIONS = List.of("type", "max_contacts", "remove_existing", "qualify_frequency",
            "default_expiration", "minimum_expiration", "maximum_expiration");
    private static final Set<String> AOR_NO_EFFECT = Set.of("authenticate_qualify", "qualify_timeout", "mailboxes",
            "outbound_proxy", "support_path", "voicemail_extension", "remove_unavailable");

    private final List<ConfigWarning> warnings = new ArrayList<>();
    private final Map<String, PjsipTransport> transports = new LinkedHashMap<>();
    private final Map<String, PjsipEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, PjsipAuth> auths = new LinkedHashMap<>();
    private final Map<String, PjsipAor> aors = new LinkedHashMap<>();
    private final Map<String, ConfigSection> firstSeen = new LinkedHashMap<>();
    private final Map<String, ConfigLine> endpointTransportLines = new LinkedHashMap<>();
    private final Map<String, List<ConfigLine>> endpointAuthLines = new LinkedHashMap<>();
    private PjsipGlobal global;

    private PjsipConfReader() {
    }

    static PjsipConf read(AsteriskConfig config) throws ConfigFileException {
        PjsipConfReader reader = new PjsipConfReader();
        for (ConfigSection section : config.objects()) {
            reader.section(section);
        }
        reader.checkReferences();
        return new PjsipConf(reader.global == null ? PjsipGlobal.defaults() : reader.global, reader.transports,
                reader.endpoints, reader.auths, reader.aors, reader.warnings);
    }

    private void section(ConfigSection s) throws ConfigFileException {
        ConfigLine typeLine = s.last("type");
        if (typeLine == null) {
            throw new ConfigFileException(s.file(), s.line(), "section [" + s.name() + "] has no 'type'; supported types: "
                    + String.join(", ", TYPES));
        }
        String type = typeLine.value().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new ConfigFileException(typeLine, "unsupported type '" + typeLine.value() + "' for [" + s.name()
                    + "]; supported types: " + String.join(", ", TYPES));
        }
        ConfigSection earlier = firstSeen.putIfAbsent(type + "\u0000" + s.name(), s);
        if (earlier != null) {
            throw new ConfigFileException(s.file(), s.line(), "duplicate " + type + " [" + s.name() + "]; first defined at "
                    + earlier.where());
        }
        switch (type) {
            case "global" -> global(s);
            case "transport" -> transport(s);
            case "endpoint" -> endpoint(s);
            case "auth" -> auth(s);
            default -> aor(s);
        }
    }

    private void global(ConfigSection s) throws ConfigFileException {
        if (global != null) {
            throw new ConfigFileException(s.file(), s.line(), "a second type=global section [" + s.name() + "]; only one is allowed");
        }
        String in = "global [" + s.name() + "]";
        String userAgent = PjsipGlobal.DEFAULT_USER_AGENT;
        List<String> order = PjsipGlobal.DEFAULT_IDENTIFIER_ORDER;
        for (ConfigLine l : s.lines()) {
            switch (key(l)) {
                case "type" -> { }
                case "user_agent" -> userAgent = OptionValues.text(l, in);
                case "endpoint_identifier_order" -> {
                    order = OptionValues.list(l);
                    for (String id : order) {
                        if (!List.of("ip", "username", "anonymous", "header", "auth_username", "request_uri").contains(id)) {
                            throw OptionValues.bad(l, in, "a comma list of ip, username, anonymous, header, auth_username, request_uri");
                        }
                    }
                }
                default -> other(l, in, GLOBAL_OPTIONS, GLOBAL_NO_EFFECT);
            }
        }
        global = new PjsipGlobal(userAgent, order);
    }

    private void transport(ConfigSection s) throws ConfigFileException {
        String in = "transport [" + s.name() + "]";
        TransportProtocol protocol = TransportProtocol.UDP;
        Bind bind = new Bind("0.0.0.0", 0);
        Optional<Path> cert = Optional.empty();
        Optional<Path> key = Optional.empty();
        Optional<Path> caFile = Optional.empty();
        Optional<Path> caPath = Optional.empty();
        TlsMethod method = TlsMethod.DEFAULT;
        List<String> ciphers = List.of();
        boolean verifyClient = false;
        boolean requireClientCert = false;
        boolean verifyServer = false;
        boolean wildcard = false;
        for (ConfigLine l : s.lines()) {
            switch (key(l)) {
                case "type" -> { }
                case "protocol" -> protocol = protocol(l, in);
                case "bind" -> {
                    bind = Bind.parse(l.value());
                    if (bind == null) {
                        throw OptionValues.bad(l, in, "host, host:port, [ipv6] or [ipv6]:port");
                    }
                }
                case "cert_file" -> cert = Optional.of(path(l, in));
                case "priv_key_file" -> key = Optional.of(path(l, in));
                case "ca_list_file" -> caFile = Optional.of(path(l, in));
                case "ca_list_path" -> caPath = Optional.of(path(l, in));
                case "method" -> method = method(l, in);
                case "cipher" -> {
                    ciphers = OptionValues.list(l);
                    if (ciphers.isEmpty()) {
                        throw OptionValues.bad(l, in, "a comma list of OpenSSL cipher names");
                    }
                }
                case "verify_client" -> verifyClient = OptionValues.bool(l, in);
                case "require_client_cert" -> requireClientCert = OptionValues.bool(l, in);
                case "verify_server" -> verifyServer = OptionValues.bool(l, in);
                case "allow_wildcard_certs" -> wildcard = OptionValues.bool(l, in);
                default -> other(l, in, TRANSPORT_OPTIONS, TRANSPORT_NO_EFFECT);
            }
        }
        transports.put(s.name(), new PjsipTransport(s.name(), protocol, bind, cert, key, caFile, caPath, method, ciphers,
                verifyClient, requireClientCert, verifyServer, wildcard));
    }

    private void endpoint(ConfigSection s) throws ConfigFileException {
        String in = "endpoint [" + s.name() + "]";
        List<String> aorNames = List.of();
        List<String> authNames = List.of();
        String context = PjsipEndpoint.DEFAULT_CONTEXT;
        List<Codec> codecs = new ArrayList<>();
        MediaEncryption encryption = MediaEncryption.NO;
        boolean optimistic = false;
        boolean tag32 = false;
        boolean rewrite = false;
        Optional<String> transport = Optional.empty();
        List<ConfigLine> authLines = new ArrayList<>();
        for (ConfigLine l : s.lines()) {
            switch (key(l)) {
                case "type" -> { }
                case "aors" -> aorNames = OptionValues.list(l);
                case "auth" -> {
                    authNames = OptionValues.list(l);
                    authLines.clear();
                    authLines.add(l);
                }
                case "context" -> context = OptionValues.text(l, in);
                case "allow", "disallow" -> codecs(l, in, codecs);
                case "media_encryption" -> encryption = switch (l.value().toLowerCase(Locale.ROOT)) {
                    case "no" -> MediaEncryption.NO;
                    case "sdes" -> MediaEncryption.SDES;
                    default -> throw OptionValues.bad(l, in, "no, sdes (dtls is not supported by the mock)");
                };
                case "media_encryption_optimistic" -> optimistic = OptionValues.bool(l, in);
                case "srtp_tag_32" -> tag32 = OptionValues.bool(l, in);
                case "rewrite_contact" -> rewrite = OptionValues.bool(l, in);
                case "direct_media" -> directMedia(l, in);
                case "transport" -> {
                    transport = Optional.of(OptionValues.text(l, in));
                    endpointTransportLines.put(s.name(), l);
                }
                default -> other(l, in, ENDPOINT_OPTIONS, ENDPOINT_NO_EFFECT);
            }
        }
        endpointAuthLines.put(s.name(), authLines);
        endpoints.put(s.name(), new PjsipEndpoint(s.name(), aorNames, authNames, context, codecs, encryption, optimistic, tag32,
                rewrite, transport));
    }

    /**
     * {@code direct_media}: the mock always anchors media (every RTP packet goes through it, as Asterisk does
     * with {@code direct_media=no}), so {@code no} is what it does anyway. Asterisk's default is {@code yes}
     * (res_pjsip's endpoint option; {@code asterisk-config} renders {@code no} on every endpoint), which lets a
     * real Asterisk re-INVITE two bridged phones to send media to each other; the mock never does, so
     * {@code yes} is a warning. [GUESS] when a real Asterisk takes that path (both legs bridged natively, no
     * SRTP mismatch, no NAT in the way) is not modelled here.
     */
    private void directMedia(ConfigLine l, String in) throws ConfigFileException {
        if (OptionValues.bool(l, in)) {
            warnings.add(new ConfigWarning(l.file(), l.line(), l.key(), "option '" + l.key() + "=" + l.value()
                    + "' in " + in + ": the mock always anchors media (as direct_media=no); a real Asterisk may"
                    + " re-INVITE bridged phones to send media to each other [GUESS: when it does so is not modelled]"));
        }
    }

    private void auth(ConfigSection s) throws ConfigFileException {
        String in = "auth [" + s.name() + "]";
        String username = null;
        String password = null;
        for (ConfigLine l : s.lines()) {
            switch (key(l)) {
                case "type" -> { }
                case "auth_type" -> {
                    if (!l.value().equalsIgnoreCase("userpass")) {
                        throw OptionValues.bad(l, in, "userpass (md5, google_oauth and digest are not supported by the mock)");
                    }
                }
                case "username" -> username = OptionValues.text(l, in);
                case "password" -> password = l.value();
                default -> other(l, in, AUTH_OPTIONS, AUTH_NO_EFFECT);
            }
        }
        if (username == null || password == null) {
            throw new ConfigFileException(s.file(), s.line(), in + " has no " + (username == null ? "username" : "password")
                    + "; auth_type=userpass needs both");
        }
        auths.put(s.name(), new PjsipAuth(s.name(), username, password));
    }

    private void aor(ConfigSection s) throws ConfigFileException {
        String in = "aor [" + s.name() + "]";
        int maxContacts = 0;
        boolean removeExisting = false;
        int qualify = 0;
        int defaultExpiration = PjsipAor.DEFAULT_EXPIRATION;
        int minimum = PjsipAor.DEFAULT_MINIMUM_EXPIRATION;
        int maximum = PjsipAor.DEFAULT_MAXIMUM_EXPIRATION;
        for (ConfigLine l : s.lines()) {
            switch (key(l)) {
                case "type" -> { }
                case "max_contacts" -> maxContacts = OptionValues.integer(l, in, 0, Integer.MAX_VALUE);
                case "remove_existing" -> removeExisting = OptionValues.bool(l, in);
                case "qualify_frequency" -> qualify = OptionValues.integer(l, in, 0, 86400);
                case "default_expiration" -> defaultExpiration = OptionValues.integer(l, in, 0, Integer.MAX_VALUE);
                case "minimum_expiration" -> minimum = OptionValues.integer(l, in, 0, Integer.MAX_VALUE);
                case "maximum_expiration" -> maximum = OptionValues.integer(l, in, 0, Integer.MAX_VALUE);
                default -> other(l, in, AOR_OPTIONS, AOR_NO_EFFECT);
            }
        }
        if (minimum > maximum) {
            throw new ConfigFileException(s.file(), s.line(), in + ": minimum_expiration " + minimum
                    + " is greater than maximum_expiration " + maximum);
        }
        aors.put(s.name(), new PjsipAor(s.name(), maxContacts, removeExisting, qualify, defaultExpiration, minimum, maximum));
    }

    private void checkReferences() throws ConfigFileException {
        for (Map.Entry<String, ConfigLine> e : endpointTransportLines.entrySet()) {
            ConfigLine l = e.getValue();
            if (!transports.containsKey(l.value())) {
                throw new ConfigFileException(l, "endpoint [" + e.getKey() + "] names unknown transport '" + l.value()
                        + "'; transports: " + String.join(", ", transports.keySet()));
            }
        }
        for (Map.Entry<String, List<ConfigLine>> e : endpointAuthLines.entrySet()) {
            for (ConfigLine l : e.getValue()) {
                for (String name : OptionValues.list(l)) {
                    if (!auths.containsKey(name)) {
                        throw new ConfigFileException(l, "endpoint [" + e.getKey() + "] names unknown auth '" + name
                                + "'; auths: " + String.join(", ", auths.keySet()));
                    }
                }
            }
        }
    }

    private static void codecs(ConfigLine l, String in, List<Codec> codecs) throws ConfigFileException {
        boolean allow = key(l).equals("allow");
        for (String name : OptionValues.list(l)) {
            String n = name.toLowerCase(Locale.ROOT);
            List<Codec> named;
            if (n.equals("all")) {
                named = List.of(Codec.values());
            } else if (n.equals("ulaw")) {
                named = List.of(Codec.ULAW);
            } else if (n.equals("alaw")) {
                named = List.of(Codec.ALAW);
            } else {
                throw new ConfigFileException(l, "unsupported codec '" + name + "' for option '" + l.key() + "' in " + in
                        + "; supported: all, ulaw, alaw");
            }
            for (Codec c : named) {
                codecs.remove(c);
                if (allow) {
                    codecs.add(c);
                }
            }
        }
    }

    private static TransportProtocol protocol(ConfigLine l, String in) throws ConfigFileException {
        return switch (l.value().toLowerCase(Locale.ROOT)) {
            case "udp" -> TransportProtocol.UDP;
            case "tcp" -> TransportProtocol.TCP;
            case "tls" -> TransportProtocol.TLS;
            default -> throw OptionValues.bad(l, in, "udp, tcp, tls (ws, wss and flow are not supported by the mock)");
        };
    }

    private static TlsMethod method(ConfigLine l, String in) throws ConfigFileException {
        String v = l.value().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return TlsMethod.DEFAULT;
        }
        for (TlsMethod m : TlsMethod.values()) {
            if (m.asteriskName().equals(v)) {
                return m;
            }
        }
        if (v.equals("sslv2") || v.equals("sslv3")) {
            throw new ConfigFileException(l, "method=" + v + " in " + in + ": OpenSSL 3 has no " + v
                    + ", so no Asterisk built against it can listen with it");
        }
        throw OptionValues.bad(l, in, java.util.Arrays.stream(TlsMethod.values()).map(TlsMethod::asteriskName)
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    private static Path path(ConfigLine l, String in) throws ConfigFileException {
        Path p;
        try {
            p = Path.of(OptionValues.text(l, in));
        } catch (java.nio.file.InvalidPathException e) {
            throw OptionValues.bad(l, in, "a file name");
        }
        Path dir = l.file().toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    private void other(ConfigLine l, String in, List<String> supported, Set<String> noEffect) throws ConfigFileException {
        if (noEffect.contains(key(l))) {
            warnings.add(OptionValues.noEffect(l, in));
        } else {
            throw OptionValues.unknown(l, in, supported);
        }
    }

    private static String key(ConfigLine l) {
        return l.key().toLowerCase(Locale.ROOT);
    }
}

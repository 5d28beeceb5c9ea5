package io.sipshield.harness.peers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two files {@link KamailioPeer} writes: {@code kamailio.cfg} (a TLS-only registrar and proxy,
 * usrloc in memory, digest passwords from an htable filled at start-up, so no database) and
 * {@code tls.cfg} (one server domain in the chosen {@link ClientCertificateMode}). Kamailio relays
 * SIP only; SDP is not touched, so the phones negotiate SDES-SRTP end to end.
 *
 * <p>Persistent TLS (the phones do not listen): {@code tcp_no_connect=yes} forbids Kamailio to
 * open a connection, {@code fix_nated_register()} stores the REGISTER's source address and port as
 * the binding's received address (so {@code lookup()} sends down that connection),
 * {@code set_contact_alias()} / {@code handle_ruri_alias()} do the same for dialog-forming requests
 * and in-dialog requests (nathelper module docs). The phones' domain is an alias without a port;
 * {@code 127.0.0.1} is never one, else every phone's Contact would be "myself".
 *
 * @param port              the TLS port on 127.0.0.1
 * @param domain            the phones' SIP domain and digest realm ({@code pbx.sip.test})
 * @param accounts          user to digest password
 * @param mode              what is asked of the phone's certificate
 * @param tlsMethod         tls.cfg {@code method} ({@code TLSv1.2+}, {@code TLSv1.2}, {@code TLSv1.3})
 * @param certificateFile   the server certificate chain (PEM), leaf first
 * @param privateKeyFile    its key (PEM)
 * @param caListFile        the CAs a phone certificate must chain to (PEM)
 */
public record KamailioConfig(int port, String domain, Map<String, String> accounts, ClientCertificateMode mode,
                             String tlsMethod, Path certificateFile, Path privateKeyFile, Path caListFile) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SAFE_TEXT = Pattern.compile("[^\"\\\\\\r\\n$]+");

    public KamailioConfig {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("kamailio port must be 1-65535, got " + port);
        }
        requireToken(domain, "domain");
        accounts = Map.copyOf(new LinkedHashMap<>(accounts));
        accounts.forEach((user, password) -> {
            requireToken(user, "account user");
            if (!SAFE_TEXT.matcher(password).matches()) {
                throw new IllegalArgumentException("kamailio account " + user
                        + ": the password must not be empty nor hold a quote, backslash, '$' or line break");
            }
        });
        Objects.requireNonNull(mode, "mode");
        requireToken(tlsMethod.replace("+", ""), "tlsMethod");
        for (Path file : new Path[] {certificateFile, privateKeyFile, caListFile}) {
            if (!SAFE_TEXT.matcher(file.toString()).matches()) {
                throw new IllegalArgumentException("kamailio file path cannot be quoted in its config: " + file);
            }
        }
    }

    private static void requireToken(String value, String field) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("kamailio " + field + " must be letters, digits, '.', '_' or '-', got '"
                    + value + "'");
        }
    }

    /** tls.cfg: the server side of the phones' connections, and a client side Kamailio never uses. */
    public String tlsCfg() {
        return """
                # sipshield KamailioPeer: client certificates %s
                [server:default]
                method = %s
                verify_certificate = %s
                require_certificate = %s
                certificate = %s
                private_key = %s
                ca_list = %s

                # tcp_no_connect=yes: Kamailio never connects out, so this side is never used
                [client:default]
                verify_certificate = no
                require_certificate = no
                """.formatted(mode, tlsMethod, mode.verifyCertificate(), mode.requireCertificate(),
                certificateFile, privateKeyFile, caListFile);
    }

    /** kamailio.cfg, pointing at {@code tlsCfgFile}. */
    public String kamailioCfg(Path tlsCfgFile) {
        StringBuilder users = new StringBuilder();
        accounts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(account -> users
                .append("    $sht(users=>").append(account.getKey()).append(") = \"")
                .append(account.getValue()).append("\";\n"));
        return """
                #!KAMAILIO
                # sipshield KamailioPeer: a TLS registrar and proxy for emulated phones on 127.0.0.1.
                # No database: bindings in memory (usrloc db_mode 0), passwords in the htable "users".

                debug=2
                log_stderror=yes
                children=1
                tcp_children=2
                dns=no
                rev_dns=no
                listen=tls:127.0.0.1:%1$d
                # the phones' domain, any port; never a bare 127.0.0.1 (every phone's Contact would be local)
                alias="%2$s"
                enable_tls=yes
                # Kamailio opens no connection: a request for a phone can only use the phone's own connection
                tcp_no_connect=yes
                tcp_connection_lifetime=3605

                loadmodule "tm.so"
                loadmodule "sl.so"
                loadmodule "tls.so"
                loadmodule "pv.so"
                loadmodule "xlog.so"
                loadmodule "maxfwd.so"
                loadmodule "siputils.so"
                loadmodule "textops.so"
                loadmodule "htable.so"
                loadmodule "auth.so"
                loadmodule "usrloc.so"
                loadmodule "registrar.so"
                loadmodule "rr.so"
                loadmodule "nathelper.so"

                modparam("tls", "config", "%3$s")
                modparam("htable", "htable", "users=>size=4;")
                modparam("usrloc", "db_mode", 0)
                # fix_nated_register() stores the source as received=, lookup() then sends there
                modparam("nathelper", "received_avp", "$avp(RECEIVED)")
                modparam("registrar", "received_avp", "$avp(RECEIVED)")

                event_route[htable:mod-init] {
                %4$s}

                request_route {
                    xlog("L_INFO", "sipshield: $rm $ru from $si:$sp over $pr\\n");
                    if (!mf_process_maxfwd_header("10")) {
                        sl_send_reply("483", "Too Many Hops");
                        exit;
                    }
                    force_rport();
                    if (is_method("CANCEL")) {
                        if (t_check_trans()) {
                            route(RELAY);
                        }
                        exit;
                    }
                    if (has_totag()) {
                        route(WITHINDLG);
                        exit;
                    }
                    t_check_trans();
                    if (is_method("REGISTER")) {
                        route(REGISTRAR);
                        exit;
                    }
                    # everything else is a call: the caller proves who it is (407, Proxy-Authorization)
                    if (!pv_proxy_authenticate("$fd", "$sht(users=>$au)", "0")) {
                        proxy_challenge("$fd", "0");
                        exit;
                    }
                    if ($au != $fU) {
                        sl_send_reply("403", "Forbidden: From user is not the authenticated user");
                        exit;
                    }
                    consume_credentials();
                    record_route();
                    # the caller's Contact gets ;alias= when it differs from the connection's source
                    set_contact_alias();
                    if (!lookup("location")) {
                        sl_send_reply("404", "Not Found");
                        exit;
                    }
                    route(RELAY);
                }

                route[REGISTRAR] {
                    if (!pv_www_authenticate("$td", "$sht(users=>$au)", "0")) {
                        www_challenge("$td", "0");
                        exit;
                    }
                    if ($au != $tU) {
                        sl_send_reply("403", "Forbidden: To user is not the authenticated user");
                        exit;
                    }
                    consume_credentials();
                    fix_nated_register();
                    if (!save("location")) {
                        sl_reply_error();
                    }
                }

                # the phones keep no route set: without a Route, relay to the Request-URI (the other
                # phone's Contact), through its ;alias= when it has one
                route[WITHINDLG] {
                    if (!loose_route() && is_method("ACK") && t_check_trans()) {
                        route(RELAY);
                        exit;
                    }
                    if ($(ru{uri.params}) =~ "alias=") {
                        handle_ruri_alias();
                    }
                    route(RELAY);
                }

                route[RELAY] {
                    if (is_method("INVITE")) {
                        t_on_reply("MANAGE_REPLY");
                    }
                    if (!t_relay()) {
                        xlog("L_ERR", "sipshield: cannot relay $rm to $ru (du $du)\\n");
                        sl_reply_error();
                    }
                    exit;
                }

                onreply_route[MANAGE_REPLY] {
                    # the callee's Contact gets ;alias= when it differs from the connection's source
                    if (status =~ "[12][0-9][0-9]") {
                        set_contact_alias();
                    }
                }
                """.formatted(port, domain, tlsCfgFile, users);
    }
}

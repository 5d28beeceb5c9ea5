package io.sipshield.harness.mock.config;

import java.util.List;
import java.util.Objects;

/**
 * pjsip.conf {@code type=global} (res_pjsip/pjsip_config.xml, {@code global} object).
 *
 * @param userAgent {@code user_agent}; default {@code "Asterisk PBX " + version}, here {@link #DEFAULT_USER_AGENT}
 * @param endpointIdentifierOrder {@code endpoint_identifier_order}; default {@code ip,username,anonymous}
 */
public record PjsipGlobal(String userAgent, List<String> endpointIdentifierOrder) {

    /** The mock's stand-in for Asterisk's {@code "Asterisk PBX " + ast_get_version()}: the one {@link io.sipshield.harness.mock.MockAsterisk} sends whatever configured it. */
    public static final String DEFAULT_USER_AGENT = io.sipshield.harness.mock.MockAsterisk.DEFAULT_USER_AGENT;

    /** The default order of endpoint identifiers, from pjsip_config.xml. */
    public static final List<String> DEFAULT_IDENTIFIER_ORDER = List.of("ip", "username", "anonymous");

    public PjsipGlobal {
        Objects.requireNonNull(userAgent, "userAgent");
        endpointIdentifierOrder = List.copyOf(endpointIdentifierOrder);
    }

    /** The global settings of a pjsip.conf without a {@code [global]} section. */
    public static PjsipGlobal defaults() {
        return new PjsipGlobal(DEFAULT_USER_AGENT, DEFAULT_IDENTIFIER_ORDER);
    }
}

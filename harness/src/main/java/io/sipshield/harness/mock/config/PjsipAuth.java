package io.sipshield.harness.mock.config;

import java.util.Objects;

/**
 * pjsip.conf {@code type=auth} with {@code auth_type=userpass} (the default; res_pjsip/pjsip_config.xml,
 * {@code auth} object). Asterisk lets username and password default to empty; the mock requires both, as an auth
 * without them can never succeed.
 *
 * @param name the section name
 * @param username {@code username}
 * @param password {@code password}
 */
public record PjsipAuth(String name, String username, String password) {

    public PjsipAuth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "PjsipAuth[name=" + name + ", username=" + username + "]";
    }
}

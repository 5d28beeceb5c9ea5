package io.sipshield.emulator.config;

import java.util.Objects;

/**
 * The SIP account a configuration file gives the phone. The emulator registers as {@code user} and
 * answers digest challenges with {@code user} and {@code password}.
 *
 * @param user     the SIP user (Digium {@code username}, Algo {@code sip.u1.user}, a DPMA line name)
 * @param authName the digest user name the file names ({@code authname}, {@code sip.u1.auth}); may equal {@code user}
 * @param password the digest password; empty when the file carries none (DPMA takes it from the Asterisk endpoint)
 * @param label    the line label or display name, empty when none
 */
public record Account(String user, String authName, String password, String label) {

    public Account {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authName, "authName");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(label, "label");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "Account[user=" + user + ", authName=" + authName + ", password=" + (password.isEmpty() ? "none" : "***")
                + ", label=" + label + "]";
    }
}

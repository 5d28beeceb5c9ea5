package io.sipshield.harness.mock;

import java.util.Objects;

/**
 * One row of {@code pjsip show contacts}: a registered contact with its qualify state, as
 * res_pjsip/location.c {@code cli_contact_print_body} prints it.
 *
 * @param aor       the AOR the contact is bound to
 * @param uri       the stored contact URI
 * @param hash      the MD5 of the URI in hex, which Asterisk puts in the contact's id
 *                  ({@code aor;@hash}, location.c {@code ast_sip_location_create_contact}); the CLI shows
 *                  its first ten characters
 * @param status    Avail, Unavail, Unknown (qualify pending) or NonQual (qualify off)
 * @param rttMillis the round trip of the last answered qualify OPTIONS in milliseconds, or null unless
 *                  Avail (the CLI prints {@code nan})
 */
public record ContactView(String aor, String uri, String hash, Registrar.Availability status, Double rttMillis) {

    public ContactView {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(status, "status");
    }

    /** The contact's sorcery id, {@code aor;@hash}, by which Asterisk sorts contacts. */
    public String id() {
        return aor + ";@" + hash;
    }

    /** Whether it counts towards its endpoint being reachable: Avail, or NonQual (nobody asks it). */
    public boolean reachable() {
        return status == Registrar.Availability.Avail || status == Registrar.Availability.NonQual;
    }
}

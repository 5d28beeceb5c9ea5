package io.sipshield.harness.mock;

import java.util.List;
import java.util.Objects;

/**
 * One AOR of {@code pjsip show aors} with its live contacts (res_pjsip/location.c
 * {@code cli_aor_print_body}).
 *
 * @param id               the AOR's name (the mock names it after its endpoint)
 * @param maxContacts      {@code max_contacts}
 * @param qualifyFrequency {@code qualify_frequency} in seconds, 0 for off
 * @param contacts         its live contacts, sorted by contact id as Asterisk sorts them
 */
public record AorView(String id, int maxContacts, int qualifyFrequency, List<ContactView> contacts) {

    public AorView {
        Objects.requireNonNull(id, "id");
        contacts = List.copyOf(contacts);
    }
}

package io.sipshield.harness.mock.config;

import java.util.Objects;

/**
 * pjsip.conf {@code type=aor} (res_pjsip/pjsip_config.xml, {@code aor} object).
 *
 * @param name the section name
 * @param maxContacts {@code max_contacts}; default 0, which refuses every registration
 * @param removeExisting {@code remove_existing}: at max_contacts, replace the oldest contact instead of refusing; default no
 * @param qualifyFrequency {@code qualify_frequency} in seconds, 0 for never; default 0
 * @param defaultExpiration {@code default_expiration} in seconds; default 3600
 * @param minimumExpiration {@code minimum_expiration} in seconds, below which a REGISTER gets 423; default 60
 * @param maximumExpiration {@code maximum_expiration} in seconds, the clamp of longer requests; default 7200
 */
public record PjsipAor(String name, int maxContacts, boolean removeExisting, int qualifyFrequency, int defaultExpiration,
        int minimumExpiration, int maximumExpiration) {

    public static final int DEFAULT_EXPIRATION = 3600;
    public static final int DEFAULT_MINIMUM_EXPIRATION = 60;
    public static final int DEFAULT_MAXIMUM_EXPIRATION = 7200;

    public PjsipAor {
        Objects.requireNonNull(name, "name");
    }
}

package io.sipshield.harness.mock;

/**
 * A pjsip.conf {@code type=aor} section's registrar options.
 *
 * @param maxContacts       {@code max_contacts}: how many contacts may bind; 0 refuses every REGISTER with 403
 * @param removeExisting    {@code remove_existing}: a REGISTER that would exceed max_contacts removes the
 *                          contacts it did not refresh, soonest to expire first, instead of being refused
 * @param qualifyFrequency  {@code qualify_frequency}: seconds between OPTIONS to each contact; 0 is off
 * @param defaultExpiration {@code default_expiration}: the expiry of a REGISTER that asks for none
 * @param minimumExpiration {@code minimum_expiration}: a shorter non-zero expiry is answered 423 Interval Too Brief
 * @param maximumExpiration {@code maximum_expiration}: a longer expiry is cut to it
 */
public record MockAor(int maxContacts, boolean removeExisting, int qualifyFrequency, int defaultExpiration,
                      int minimumExpiration, int maximumExpiration) {

    public MockAor {
        if (maxContacts < 0 || qualifyFrequency < 0 || qualifyFrequency > 86400) {
            throw new IllegalArgumentException("aor: max_contacts must be 0 or more and qualify_frequency 0 to 86400, got "
                    + maxContacts + " and " + qualifyFrequency);
        }
        if (minimumExpiration < 0 || minimumExpiration > maximumExpiration) {
            throw new IllegalArgumentException("aor: minimum_expiration (" + minimumExpiration
                    + ") must be between 0 and maximum_expiration (" + maximumExpiration + ")");
        }
        if (defaultExpiration < minimumExpiration || defaultExpiration > maximumExpiration) {
            throw new IllegalArgumentException("aor: default_expiration (" + defaultExpiration
                    + ") must lie between minimum_expiration (" + minimumExpiration + ") and maximum_expiration ("
                    + maximumExpiration + ")");
        }
    }

    /** Asterisk's defaults: max_contacts=0 (nothing may register), remove_existing=no, no qualify, 3600/60/7200 s. */
    public static MockAor asteriskDefaults() {
        return new MockAor(0, false, 0, 3600, 60, 7200);
    }

    /** One phone per AOR, a new registration replacing the old: max_contacts=1, remove_existing=yes (the reference pjsip.conf). */
    public static MockAor onePhone() {
        return asteriskDefaults().withMaxContacts(1).withRemoveExisting(true);
    }

    public MockAor withMaxContacts(int max) {
        return new MockAor(max, removeExisting, qualifyFrequency, defaultExpiration, minimumExpiration, maximumExpiration);
    }

    public MockAor withRemoveExisting(boolean remove) {
        return new MockAor(maxContacts, remove, qualifyFrequency, defaultExpiration, minimumExpiration, maximumExpiration);
    }

    public MockAor withQualifyFrequency(int seconds) {
        return new MockAor(maxContacts, removeExisting, seconds, defaultExpiration, minimumExpiration, maximumExpiration);
    }

    /** {@code default_expiration}, {@code minimum_expiration}, {@code maximum_expiration}. */
    public MockAor withExpirations(int defaultSeconds, int minimumSeconds, int maximumSeconds) {
        return new MockAor(maxContacts, removeExisting, qualifyFrequency, defaultSeconds, minimumSeconds, maximumSeconds);
    }

    /**
     * Asterisk's registrar_get_expiration: the Contact's expires, else the Expires header, else the
     * default; 0 stays 0 (unregister); above the maximum becomes the maximum. A non-zero value below
     * the minimum is returned as is: the caller answers it 423.
     *
     * @param requested the expiry the REGISTER asked for, or a negative number for none
     */
    int expiration(int requested) {
        int expiration = requested < 0 ? defaultExpiration : requested;
        return Math.min(expiration, maximumExpiration);
    }
}

package io.sipshield.emulator.ua;

/**
 * The outcome of a REGISTER transaction (after any digest challenge).
 *
 * @param status  the final status code
 * @param expires the expiry the registrar granted, seconds (from the Contact's expires or the Expires header), -1 when not 2xx
 * @param reason  the reason phrase
 */
public record RegistrationResult(int status, int expires, String reason) {

    public boolean registered() {
        return status >= 200 && status < 300;
    }
}

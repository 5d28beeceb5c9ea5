package io.sipshield.harness.cli;

import io.sipshield.emulator.tls.TlsResumption;
import java.util.Locale;

/**
 * {@code load --resumption off|profile|ids|tickets|both} and {@code --full-handshake} as the phones'
 * {@link TlsResumption}: {@code profile} is null (each device's own default), the others a mode
 * kept for {@link TlsResumption#DEFAULT_LIFETIME}.
 */
final class LoadResumptionOption {

    private LoadResumptionOption() {
    }

    /**
     * @throws UnusableInput naming the option when the word is unknown, or when {@code --full-handshake}
     *                       is given with a resumption mode
     */
    static TlsResumption resolve(String word, boolean fullHandshake) throws UnusableInput {
        String text = word == null ? "profile" : word.strip().toLowerCase(Locale.ROOT);
        TlsResumption chosen;
        if (text.equals("profile")) {
            chosen = null;
        } else {
            try {
                chosen = TlsResumption.of(TlsResumption.Mode.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UnusableInput("--resumption: '" + word
                        + "' is not a resumption mode; expected off, profile, ids, tickets or both");
            }
        }
        if (fullHandshake) {
            if (chosen != null && chosen.mode().resumes()) {
                throw new UnusableInput("--full-handshake and --resumption " + word + " contradict each other; give one");
            }
            return TlsResumption.none();
        }
        return chosen;
    }
}

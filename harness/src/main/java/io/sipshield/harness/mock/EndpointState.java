package io.sipshield.harness.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An endpoint's device state as {@code pjsip show endpoints} prints it (main/devicestate.c
 * {@code ast_devstate2str}), derived as chan_pjsip.c {@code chan_pjsip_devicestate} does: no channel
 * and no reachable contact is Unavailable, no channel but a reachable contact Not in use, a channel
 * In use, and {@code devicestate_busy_at} channels Busy.
 */
public enum EndpointState {
    UNAVAILABLE("Unavailable"),
    NOT_IN_USE("Not in use"),
    IN_USE("In use"),
    BUSY("Busy");

    private final String asteriskName;

    EndpointState(String asteriskName) {
        this.asteriskName = asteriskName;
    }

    /** The state as the Asterisk CLI prints it. */
    public String asteriskName() {
        return asteriskName;
    }

    /** The state the Asterisk CLI prints as {@code name}, case-insensitively. */
    public static Optional<EndpointState> fromAsteriskName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(state -> state.asteriskName.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /**
     * The state chan_pjsip reports.
     *
     * @param reachable whether any contact of the endpoint's AORs is Avail (or NonQual: qualify off)
     * @param channels  the endpoint's open channels
     * @param busyAt    {@code devicestate_busy_at}: channels at which it is Busy; 0 for never
     */
    public static EndpointState of(boolean reachable, int channels, int busyAt) {
        if (channels > 0) {
            return busyAt > 0 && channels >= busyAt ? BUSY : IN_USE;
        }
        return reachable ? NOT_IN_USE : UNAVAILABLE;
    }

    @Override
    public String toString() {
        return asteriskName;
    }
}

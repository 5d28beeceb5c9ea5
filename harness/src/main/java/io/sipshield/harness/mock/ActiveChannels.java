package io.sipshield.harness.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mock's open channels, as Asterisk counts them for {@code pjsip show endpoints} ("0 of inf")
 * and for an endpoint's device state (chan_pjsip.c {@code chan_pjsip_devicestate}: an endpoint
 * with a channel is In use). One channel per call leg, keyed by the leg's Call-ID; a leg that
 * closes twice (a BYE after a CANCEL race) is counted once. Thread-safe: calls open and close on
 * the event loops of different connections while a console or a scenario reads the counts.
 */
public final class ActiveChannels {

    /**
     * One open channel.
     *
     * @param endpointId the endpoint the leg belongs to
     * @param callId     the leg's Call-ID
     */
    public record Channel(String endpointId, String callId) {

        public Channel {
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(callId, "callId");
        }
    }

    private final Map<String, Channel> byCallId = new LinkedHashMap<>();

    /**
     * A leg of {@code endpointId} was created (Asterisk creates the channel when it accepts an
     * INVITE or dials out). Opening a Call-ID already open moves it to {@code endpointId}.
     */
    public synchronized void opened(String endpointId, String callId) {
        byCallId.put(callId, new Channel(endpointId, callId));
    }

    /** The leg with this Call-ID hung up; unknown Call-IDs are ignored. */
    public synchronized void closed(String callId) {
        byCallId.remove(callId);
    }

    /** How many legs of {@code endpointId} are open. */
    public synchronized int count(String endpointId) {
        return (int) byCallId.values().stream().filter(channel -> channel.endpointId().equals(endpointId)).count();
    }

    /** Every open leg, oldest first. */
    public synchronized List<Channel> channels() {
        return new ArrayList<>(byCallId.values());
    }
}

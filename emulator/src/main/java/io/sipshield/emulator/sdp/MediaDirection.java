package io.sipshield.emulator.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The direction attribute of a media stream (RFC 8866 §6.7: {@code a=sendrecv}, {@code a=sendonly},
 * {@code a=recvonly}, {@code a=inactive}), always from the point of view of the side that wrote it.
 * A section without one is {@link #SENDRECV} (RFC 3264 §5.1).
 */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** The direction with these two halves. */
    public static MediaDirection of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The direction a media section declares (the last direction attribute), SENDRECV without one. */
    public static MediaDirection of(MediaDescription media) {
        MediaDirection found = SENDRECV;
        for (String attribute : media.attributes()) {
            Optional<MediaDirection> direction = fromAttribute(attribute);
            if (direction.isPresent()) {
                found = direction.get();
            }
        }
        return found;
    }

    /** The direction an {@code a=} attribute (without {@code a=}) names, if it is one. */
    public static Optional<MediaDirection> fromAttribute(String attribute) {
        for (MediaDirection direction : values()) {
            if (direction.attribute().equals(attribute.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }

    /** {@code sendrecv}, {@code sendonly}, {@code recvonly} or {@code inactive}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the side that wrote it sends media. */
    public boolean sends() {
        return sends;
    }

    /** Whether the side that wrote it receives media. */
    public boolean receives() {
        return receives;
    }

    /**
     * The answer to an offer with this direction from a side that wants {@code wish} (RFC 3264 §6.1):
     * the answerer sends only if the offerer receives, and receives only if the offerer sends. With
     * {@code wish} SENDRECV: sendonly is answered recvonly, recvonly sendonly, inactive inactive.
     */
    public MediaDirection answer(MediaDirection wish) {
        return of(wish.sends && receives, wish.receives && sends);
    }

    /**
     * The direction of a hold offer from a side whose stream is now {@code this} (RFC 3264 §8.4):
     * sendrecv becomes sendonly, recvonly (already held by the other side) becomes inactive.
     */
    public MediaDirection hold() {
        return of(sends, false);
    }

    /** Takes back a hold (RFC 3264 §8.4): sendonly becomes sendrecv, inactive becomes recvonly. */
    public MediaDirection resume() {
        return this == SENDONLY ? SENDRECV : this == INACTIVE ? RECVONLY : this;
    }
}

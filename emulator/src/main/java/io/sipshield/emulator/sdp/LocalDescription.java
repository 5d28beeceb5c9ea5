package io.sipshield.emulator.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SDP one side of a session last sent for its single audio stream, kept so that a later offer
 * or answer in the same session (a re-INVITE, RFC 3264 §8) can be written from it: the same
 * {@code o=} session id, the version one higher (RFC 3264 §8: "the version number MUST increase
 * by one"), the same address, port, profile, formats and {@code a=crypto} (this side keeps its
 * SDES key, as Asterisk's res_srtp does: {@code ast_sdp_srtp} is allocated once per stream and
 * {@code ast_sdp_crypto_build_offer} rebuilds the line from the same {@code local_key64}), and only
 * the direction attribute changed. Immutable.
 *
 * @param sessionName the {@code s=} value ({@code -} for the phone, {@code Asterisk} for the mock)
 * @param sessionId   the {@code o=} session id, fixed for the session
 * @param version     the {@code o=} session version of the SDP last sent
 * @param address     the {@code c=} and {@code o=} address
 * @param port        the RTP port
 * @param profile     the m-line profile, e.g. {@code RTP/SAVP}
 * @param formats     the payload types of the m-line
 * @param attributes  the {@code a=} lines in order (without {@code a=}), at most one of them a direction
 */
public record LocalDescription(String sessionName, long sessionId, long version, String address, int port,
                               String profile, List<String> formats, List<String> attributes) {

    public LocalDescription {
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(profile, "profile");
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
        if (version < 0 || sessionId < 0) {
            throw new IllegalArgumentException("o= session id and version must be >= 0, got " + sessionId + " "
                    + version);
        }
    }

    /**
     * What an SDP body this side wrote says, to be followed by a later version of it. The body must
     * have an {@code o=} line ({@code <user> <id> <version> IN <IP4|IP6> <address>}) and an audio section.
     *
     * @throws SdpParseException naming the {@code o=} line when it is missing or malformed
     */
    public static LocalDescription parse(String body) {
        SessionDescription sdp = SessionDescription.parse(body);
        MediaDescription audio = sdp.audio();
        String origin = sdp.origin();
        if (origin == null) {
            throw new SdpParseException("o", "the SDP has no o= line: a later version cannot be written");
        }
        String[] parts = origin.trim().split(" +");
        if (parts.length != 6) {
            throw new SdpParseException("o", "expected o=<user> <id> <version> IN <IP4|IP6> <address>, got 'o="
                    + origin + "'");
        }
        long id;
        long version;
        try {
            id = Long.parseLong(parts[1]);
            version = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw new SdpParseException("o", "session id and version must be numbers, got 'o=" + origin + "'");
        }
        String address = audio.connectionAddress() != null ? audio.connectionAddress() : parts[5];
        return new LocalDescription(sdp.sessionName() == null ? "-" : sdp.sessionName(), id, version, address,
                audio.port(), audio.profile(), audio.formats(), audio.attributes());
    }

    /** The direction this SDP declares (SENDRECV without a direction attribute). */
    public MediaDirection direction() {
        return MediaDirection.of(new MediaDescription("audio", port, profile, formats, address, attributes));
    }

    /**
     * The next version of this SDP: version + 1, every direction attribute replaced by
     * {@code direction} (in the place of the first one, or appended when there was none), all else kept.
     */
    public LocalDescription next(MediaDirection direction) {
        List<String> changed = new ArrayList<>();
        boolean placed = false;
        for (String attribute : attributes) {
            if (MediaDirection.fromAttribute(attribute).isPresent()) {
                if (!placed) {
                    changed.add(direction.attribute());
                    placed = true;
                }
            } else {
                changed.add(attribute);
            }
        }
        if (!placed) {
            changed.add(direction.attribute());
        }
        return new LocalDescription(sessionName, sessionId, version + 1, address, port, profile, formats, changed);
    }

    /** The SDP body ({@link SessionDescription#audioBody}). */
    public String body() {
        return SessionDescription.audioBody(sessionName, sessionId, version, address, port, profile, formats,
                attributes);
    }

    /** Everything but the keys (an a=crypto line shows its suite only). */
    @Override
    public String toString() {
        return "LocalDescription[o=" + sessionId + " " + version + ", " + address + ":" + port + " " + profile + " "
                + formats + ", " + attributes.stream().map(a -> a.startsWith("crypto:")
                        ? a.substring(0, Math.min(a.length(), a.indexOf("inline:") < 0 ? a.length() : a.indexOf("inline:")))
                                + "inline:<hidden>" : a).toList() + "]";
    }
}

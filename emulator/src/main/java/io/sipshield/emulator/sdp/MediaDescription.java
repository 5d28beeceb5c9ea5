package io.sipshield.emulator.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One {@code m=} section of an SDP body (RFC 8866 §5.14) with its attributes.
 *
 * @param media          {@code audio}, {@code video}...
 * @param port           the transport port (0 for a rejected stream)
 * @param profile        the transport protocol, e.g. {@code RTP/SAVP} or {@code RTP/AVP}
 * @param formats        payload type numbers in preference order
 * @param connectionAddress the {@code c=} address for this section (its own or the session's), or null
 * @param attributes     {@code a=} lines of this section without the {@code a=} prefix, in order
 */
public record MediaDescription(String media, int port, String profile, List<String> formats,
                               String connectionAddress, List<String> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
    }

    /** Values of every {@code a=name:value} attribute with this name, in order. */
    public List<String> attributeValues(String name) {
        String prefix = name + ":";
        return attributes.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).toList();
    }

    public Optional<String> attributeValue(String name) {
        return attributeValues(name).stream().findFirst();
    }

    /** True for SRTP profiles (RTP/SAVP, RTP/SAVPF), as Asterisk classifies an offer by "SAVP" in the profile. */
    public boolean secureProfile() {
        return profile.contains("SAVP");
    }
}

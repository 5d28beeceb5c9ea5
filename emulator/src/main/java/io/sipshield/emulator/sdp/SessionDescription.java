package io.sipshield.emulator.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * An SDP body (RFC 8866): the parts a phone and a PBX negotiate media with. Parsing is strict
 * about what it reads (a malformed {@code m=} or {@code c=} line is an {@link SdpParseException}
 * naming the line) and keeps the attributes it does not interpret.
 *
 * @param origin            the {@code o=} value
 * @param sessionName       the {@code s=} value
 * @param connectionAddress the session-level {@code c=} address, or null
 * @param media             the media sections in order
 */
public record SessionDescription(String origin, String sessionName, String connectionAddress,
                                 List<MediaDescription> media) {

    public SessionDescription {
        media = List.copyOf(media);
    }

    /** The first audio section. */
    public MediaDescription audio() {
        return media.stream().filter(m -> m.media().equals("audio")).findFirst()
                .orElseThrow(() -> new SdpParseException("m", "no audio media section (m=audio ...)"));
    }

    public static SessionDescription parse(String text) {
        String origin = null;
        String sessionName = null;
        String sessionConnection = null;
        List<MediaDescription> media = new ArrayList<>();
        String[] mediaHeader = null;
        String mediaConnection = null;
        List<String> attributes = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpParseException("line " + (i + 1), "expected <type>=<value>, got '" + line + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'o' -> origin = value;
                case 's' -> sessionName = value;
                case 'c' -> {
                    String address = connectionAddress(value, i + 1);
                    if (mediaHeader == null) {
                        sessionConnection = address;
                    } else {
                        mediaConnection = address;
                    }
                }
                case 'm' -> {
                    if (mediaHeader != null) {
                        media.add(section(mediaHeader, mediaConnection, sessionConnection, attributes, i));
                    }
                    mediaHeader = value.split(" ");
                    if (mediaHeader.length < 4) {
                        throw new SdpParseException("line " + (i + 1),
                                "expected m=<media> <port> <proto> <fmt> ..., got '" + line + "'");
                    }
                    mediaConnection = null;
                    attributes = new ArrayList<>();
                }
                case 'a' -> {
                    if (mediaHeader != null) {
                        attributes.add(value);
                    }
                }
                default -> {
                    // v=, t=, b=, i=, e=, p=, z=, k=, u=, r= carry nothing the negotiation needs
                }
            }
        }
        if (mediaHeader != null) {
            media.add(section(mediaHeader, mediaConnection, sessionConnection, attributes, lines.length));
        }
        return new SessionDescription(origin, sessionName, sessionConnection, media);
    }

    private static MediaDescription section(String[] header, String mediaConnection, String sessionConnection,
                                            List<String> attributes, int lineNumber) {
        int port;
        try {
            String portText = header[1];
            int slash = portText.indexOf('/');
            port = Integer.parseInt(slash < 0 ? portText : portText.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new SdpParseException("m", "port '" + header[1] + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new SdpParseException("m", "port " + port + " is out of range 0-65535");
        }
        List<String> formats = List.of(header).subList(3, header.length);
        return new MediaDescription(header[0], port, header[2], formats,
                mediaConnection != null ? mediaConnection : sessionConnection, attributes);
    }

    private static String connectionAddress(String value, int lineNumber) {
        String[] parts = value.split(" ");
        if (parts.length != 3 || !parts[0].equals("IN")) {
            throw new SdpParseException("line " + lineNumber, "expected c=IN <IP4|IP6> <address>, got 'c=" + value + "'");
        }
        String address = parts[2];
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /** Writes an SDP body with one audio section, as a phone or Asterisk sends it. */
    public static String audioBody(String sessionName, long sessionId, long version, String address, int port,
                                   String profile, List<String> formats, List<String> attributes) {
        StringBuilder sdp = new StringBuilder();
        String ipVersion = address.contains(":") ? "IP6" : "IP4";
        sdp.append("v=0\r\n");
        sdp.append("o=- ").append(sessionId).append(' ').append(version).append(" IN ").append(ipVersion).append(' ')
                .append(address).append("\r\n");
        sdp.append("s=").append(sessionName).append("\r\n");
        sdp.append("c=IN ").append(ipVersion).append(' ').append(address).append("\r\n");
        sdp.append("t=0 0\r\n");
        sdp.append("m=audio ").append(port).append(' ').append(profile).append(' ').append(String.join(" ", formats))
                .append("\r\n");
        for (String attribute : attributes) {
            sdp.append("a=").append(attribute).append("\r\n");
        }
        return sdp.toString();
    }
}

package io.sipshield.emulator.media;

import io.sipshield.emulator.sdp.MediaDescription;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a session's media goes: the peer's RTP address and its RTCP address (RTP port + 1 by
 * default, RFC 3550 §11; an {@code a=rtcp} attribute, RFC 3605; or the RTP address itself when
 * RTCP is multiplexed, RFC 5761).
 *
 * @param rtp     the peer's RTP address
 * @param rtcp    the peer's RTCP address
 * @param rtcpMux whether RTCP shares the RTP port (offered and answered)
 */
public record MediaDestination(InetSocketAddress rtp, InetSocketAddress rtcp, boolean rtcpMux) {

    public MediaDestination {
        Objects.requireNonNull(rtp, "rtp");
        Objects.requireNonNull(rtcp, "rtcp");
        if (rtcpMux && !rtcp.equals(rtp)) {
            throw new IllegalArgumentException("rtcp: with rtcp-mux RTCP goes to the RTP address " + rtp + ", got " + rtcp);
        }
    }

    /** RTP to {@code rtp}, RTCP to the next port. */
    public static MediaDestination of(InetSocketAddress rtp) {
        return new MediaDestination(rtp, new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1), false);
    }

    /**
     * The destination an SDP media section names.
     *
     * @param muxOffered whether this side offered {@code a=rtcp-mux} (multiplexing needs both sides)
     */
    public static MediaDestination from(MediaDescription media, boolean muxOffered) {
        InetSocketAddress rtp = new InetSocketAddress(media.connectionAddress(), media.port());
        if (muxOffered && media.attributes().contains("rtcp-mux")) {
            return new MediaDestination(rtp, rtp, true);
        }
        return media.attributeValue("rtcp").map(value -> rtcpAttribute(value, media))
                .map(rtcp -> new MediaDestination(rtp, rtcp, false))
                .orElseGet(() -> of(rtp));
    }

    /** RFC 3605: {@code a=rtcp:<port> [IN IP4 <address>]}. */
    private static InetSocketAddress rtcpAttribute(String value, MediaDescription media) {
        String[] parts = value.strip().split("\\s+");
        int port;
        try {
            port = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a=rtcp: expected a port, got '" + value + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a=rtcp: port " + port + " is out of range 1-65535");
        }
        String address = parts.length >= 4 ? parts[3] : media.connectionAddress();
        return new InetSocketAddress(address, port);
    }
}

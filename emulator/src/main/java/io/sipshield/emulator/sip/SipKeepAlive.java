package io.sipshield.emulator.sip;

/**
 * The CRLF keep-alive of SIP over a stream (RFC 5626 §4.4.1, §3.5.1).
 *
 * <p>{@link SipFrameDecoder} emits these objects instead of bytes and {@link SipMessageCodec}
 * writes them back as bytes, so a handler sees keep-alives as values and never as message text.
 */
public enum SipKeepAlive {
    /** A double CRLF, sent by the client to ask "are you there". */
    PING("\r\n\r\n"),
    /** A single CRLF, the server's answer to a ping. */
    PONG("\r\n");

    private final String wire;

    SipKeepAlive(String wire) {
        this.wire = wire;
    }

    /** The bytes on the wire, as ASCII text: {@code "\r\n\r\n"} or {@code "\r\n"}. */
    public String wire() {
        return wire;
    }
}

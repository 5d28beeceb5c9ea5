package io.sipshield.emulator.sip;

import io.netty.handler.codec.DecoderException;

/**
 * The bytes on a stream cannot be cut into SIP messages (RFC 3261 §18.3): a missing, invalid or
 * conflicting Content-Length, a stray CR, or a connection closed in the middle of a message.
 */
public class SipFramingException extends DecoderException {

    private static final long serialVersionUID = 1L;

    public SipFramingException(String message) {
        super(message);
    }
}

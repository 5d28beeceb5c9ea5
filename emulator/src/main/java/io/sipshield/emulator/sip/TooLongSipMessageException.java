package io.sipshield.emulator.sip;

/**
 * A SIP message is larger than the {@link SipFrameDecoder}'s limit, or its header section runs
 * past the limit without ending.
 */
public class TooLongSipMessageException extends SipFramingException {

    private static final long serialVersionUID = 1L;

    public TooLongSipMessageException(String message) {
        super(message);
    }
}

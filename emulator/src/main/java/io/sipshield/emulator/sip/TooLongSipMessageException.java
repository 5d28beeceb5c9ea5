package io.sipshield.emulator.sip;

import java.util.Optional;

/**
 * A SIP message is larger than the {@link SipFrameDecoder}'s limit, or its header section runs
 * past the limit without ending.
 *
 * <p>When the header section ended within the limit and only Content-Length made the message too
 * large, the decoder skips the message and keeps the stream; the exception then carries the header
 * section (start line to the empty line, at most the limit in bytes), so that a server can answer
 * a request with 513 Message Too Large (RFC 3261 §21.5.14).
 */
public class TooLongSipMessageException extends SipFramingException {

    private static final long serialVersionUID = 1L;

    private final byte[] headerSection;

    /** A message whose header section itself ran past the limit: the stream is lost. */
    public TooLongSipMessageException(String message) {
        this(message, null);
    }

    /** @param headerSection the skipped message's start line and headers, or null when not known */
    public TooLongSipMessageException(String message, byte[] headerSection) {
        super(message);
        this.headerSection = headerSection == null ? null : headerSection.clone();
    }

    /** The skipped message's start line and headers through the empty line, when the message was skipped whole. */
    public Optional<byte[]> headerSection() {
        return Optional.ofNullable(headerSection).map(byte[]::clone);
    }
}

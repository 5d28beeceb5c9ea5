package io.sipshield.emulator.sip;

import io.netty.handler.codec.DecoderException;

/**
 * A framed SIP message whose text cannot be parsed (RFC 3261 §7, §25): a bad start line, a
 * header JAIN-SIP cannot parse, a missing mandatory header, or a body that disagrees with its
 * Content-Length. The message names the line and the header.
 */
public class SipParseException extends DecoderException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String line;

    /**
     * @param lineNumber the 1-based line that failed (1 is the start line), or 0 when no single line is at fault
     * @param line       the text of that line (a folded header joined into one), or empty
     * @param message    what failed and what was expected
     */
    public SipParseException(int lineNumber, String line, String message) {
        super(message);
        this.lineNumber = lineNumber;
        this.line = line;
    }

    public SipParseException(int lineNumber, String line, String message, Throwable cause) {
        super(message, cause);
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** The 1-based line that failed (1 is the start line), or 0 when no single line is at fault. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The text of the failing line, or an empty string. */
    public String line() {
        return line;
    }
}

package io.sipshield.emulator.sip;

import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.message.Message;

/**
 * Parses one complete SIP message with JAIN-SIP's {@link StringMsgParser}, failing loudly.
 *
 * <p>Left to itself, JAIN-SIP drops a header it cannot parse and goes on. Here a
 * {@link ParseExceptionListener} rethrows instead, and the failure becomes a
 * {@link SipParseException} naming the line. The message must also end its header section with
 * an empty line, carry the headers every message needs (RFC 3261 §8.1.1: Via, From, To, Call-ID,
 * CSeq), and have a body of exactly Content-Length bytes.
 */
final class SipMessageParser {

    private static final String[] MANDATORY_HEADERS = {"Via", "From", "To", "Call-ID", "CSeq"};

    private final ParseExceptionListener rethrow = new RethrowingListener();

    /** Parses exactly one message: start line, headers, empty line, body. */
    Message parse(byte[] bytes) {
        return parse(bytes, true);
    }

    /**
     * Parses the start line and headers of a message whose body was not read (a message over the
     * size limit, to answer it): the same checks as {@link #parse(byte[])} but the body length.
     */
    Message parseHeaderSection(byte[] bytes) {
        return parse(bytes, false);
    }

    private Message parse(byte[] bytes, boolean withBody) {
        if (bytes.length > 0 && !hasPrintableByte(bytes)) {
            // JAIN-SIP skips every byte below 0x20 as a signed byte (so also 0x80-0xFF), runs off the
            // end of such a message and logs through log4j, which is not on the class path: a
            // NoClassDefFoundError. Found by ParserFuzzTest.sipMessage.
            throw new SipParseException(0, "", "no start line: the message holds only control characters"
                    + " and bytes above 0x7F (" + bytes.length + " bytes)");
        }
        HeaderSection section = HeaderSection.of(bytes);
        if (withBody) {
            checkBodyLength(section, bytes.length);
        }
        SIPMessage message;
        try {
            message = new StringMsgParser().parseSIPMessage(bytes, withBody, false, rethrow);
        } catch (RejectedLine rejected) {
            throw section.rejected(rejected);
        } catch (ParseException e) {
            throw new SipParseException(0, "", "unparseable SIP message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SipParseException(0, "", "JAIN-SIP could not parse the message: " + e, e);
        }
        if (message == null) {
            throw new SipParseException(0, "", "empty SIP message: expected a start line");
        }
        for (String name : MANDATORY_HEADERS) {
            if (message.getHeader(name) == null) {
                throw new SipParseException(0, "", "missing mandatory header " + name + " in '"
                        + section.lines().get(0) + "' (RFC 3261 §8.1.1)");
            }
        }
        return message;
    }

    /** Whether JAIN-SIP finds a start line to read: some byte at or above 0x20, compared as a signed byte. */
    private static boolean hasPrintableByte(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0x20) {
                return true;
            }
        }
        return false;
    }

    private static void checkBodyLength(HeaderSection section, int totalLength) {
        int bodyLength = totalLength - section.length();
        int line = section.contentLengthLine();
        if (line == 0) {
            if (bodyLength > 0) {
                throw new SipParseException(0, "", "a body of " + bodyLength
                        + " bytes without a Content-Length header");
            }
            return;
        }
        String text = section.lines().get(line - 1);
        String value = text.substring(text.indexOf(':') + 1).trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9') && !value.isEmpty()
                && value.length() <= 10 && Long.parseLong(value) != bodyLength) {
            throw new SipParseException(line, text, "line " + line + ": Content-Length is " + value
                    + " but the body has " + bodyLength + " bytes");
        }
    }

    /** The lines up to the empty line that ends the header section, as JAIN-SIP sees them. */
    private record HeaderSection(List<String> lines, int length) {

        static HeaderSection of(byte[] bytes) {
            int i = 0;
            while (i < bytes.length && bytes[i] < 0x20 && bytes[i] >= 0) {
                i++; // JAIN-SIP skips leading control characters too
            }
            List<String> lines = new ArrayList<>();
            while (i < bytes.length) {
                int lf = i;
                while (lf < bytes.length && bytes[lf] != '\n') {
                    lf++;
                }
                if (lf == bytes.length) {
                    break;
                }
                int end = lf > i && bytes[lf - 1] == '\r' ? lf - 1 : lf;
                if (end == i) {
                    return new HeaderSection(List.copyOf(lines), lf + 1);
                }
                lines.add(new String(bytes, i, end - i, StandardCharsets.UTF_8));
                i = lf + 1;
            }
            throw new SipParseException(lines.size(), "", "no empty line after the header section (after "
                    + lines.size() + " lines): a SIP message ends its headers with an empty line");
        }

        /** The 1-based line of the first Content-Length header, or 0. */
        int contentLengthLine() {
            for (int n = 1; n < lines.size(); n++) {
                String line = lines.get(n);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim();
                    if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                        return n + 1;
                    }
                }
            }
            return 0;
        }

        SipParseException rejected(RejectedLine rejected) {
            String cause = rejected.getCause().getMessage();
            if (rejected.startLine) {
                String line = lines.isEmpty() ? rejected.text : lines.get(0);
                return new SipParseException(1, line, "line 1: invalid start line '" + line
                        + "': expected 'METHOD uri SIP/2.0' or 'SIP/2.0 code reason': " + cause, rejected.getCause());
            }
            int number = lineOf(rejected.text);
            int colon = rejected.text.indexOf(':');
            String header = colon > 0 ? rejected.text.substring(0, colon).trim() + " header" : "header line";
            String where = number > 0 ? "line " + number + ": " : "";
            return new SipParseException(number, rejected.text, where + "invalid " + header + " '" + rejected.text
                    + "': " + cause, rejected.getCause());
        }

        private int lineOf(String headerText) {
            for (int n = 1; n < lines.size(); n++) {
                String line = lines.get(n).stripTrailing();
                boolean continuation = line.startsWith(" ") || line.startsWith("\t");
                if (!continuation && !line.isEmpty() && headerText.startsWith(line)) {
                    return n + 1;
                }
            }
            return 0;
        }
    }

    /** Turns every problem JAIN-SIP reports into a thrown exception instead of a dropped header. */
    private static final class RethrowingListener implements ParseExceptionListener {
        @Override
        public void handleException(ParseException ex, SIPMessage message, @SuppressWarnings("rawtypes") Class headerClass,
                                    String headerText, String messageText) throws ParseException {
            boolean startLine = headerClass == RequestLine.class || headerClass == StatusLine.class;
            throw new RejectedLine(startLine, headerText == null ? "" : headerText, ex);
        }
    }

    /** Carries the rejected line out of JAIN-SIP's parser. */
    private static final class RejectedLine extends ParseException {
        private static final long serialVersionUID = 1L;
        private final boolean startLine;
        private final String text;

        RejectedLine(boolean startLine, String text, ParseException cause) {
            super(cause.getMessage(), cause.getErrorOffset());
            initCause(cause);
            this.startLine = startLine;
            this.text = text;
        }
    }
}

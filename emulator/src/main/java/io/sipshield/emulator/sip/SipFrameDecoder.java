package io.sipshield.emulator.sip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a SIP byte stream into messages (RFC 3261 §18.3): the start line and headers up to the
 * first empty line, then exactly Content-Length bytes of body.
 *
 * <p>Each message is emitted as one {@link ByteBuf} (a retained slice holding exactly the
 * message's bytes) that the next handler must release. Lines may end with CRLF or a bare LF. The
 * Content-Length header is recognised in its long and compact ({@code l:}) forms, in any case,
 * folded or not; it is required, as on every stream transport.
 *
 * <p>Line ends between messages are keep-alives (RFC 5626 §4.4.1) and are emitted as
 * {@link SipKeepAlive} values, never as message bytes: a double CRLF is a {@link SipKeepAlive#PING},
 * a single CRLF a {@link SipKeepAlive#PONG}. A single CRLF that ends what has been read so far is
 * taken as a pong when the read completes, since a peer writes the four bytes of a ping at once.
 *
 * <p>Errors are fired down the pipeline as exceptions:
 * <ul>
 *   <li>{@link TooLongSipMessageException} when a message is larger than the limit. If its size is
 *       known from its header section, its bytes are skipped, the exception carries the header
 *       section (to answer 513), and the next message is decoded.</li>
 *   <li>{@link SipFramingException} for a missing, invalid or conflicting Content-Length, a CR that
 *       is not followed by LF between messages, a header section longer than the limit, or a
 *       connection that closes in the middle of a message. Message boundaries are lost then: every
 *       later byte is discarded, and the connection should be closed.</li>
 * </ul>
 */
public final class SipFrameDecoder extends ByteToMessageDecoder {

    /** The default limit on one message, header section and body together: 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int MAX_CONTENT_LENGTH_DIGITS = 10;
    private static final int NEED_MORE = -1;
    private static final int STRAY_CR = -2;
    private static final int QUOTE_LIMIT = 40;

    private final int maxMessageSize;

    // The message being framed. Offsets are relative to the reader index, which stays put until
    // the whole message is emitted.
    private boolean inMessage;
    private int scanOffset;
    private int lineOffset;
    private int lineNumber;
    private StringBuilder contentLengthText;
    private int contentLengthLine;
    private long contentLength = -1;
    private int frameLength = -1;

    private long bytesToSkip;
    private boolean broken;

    /** A decoder with the {@linkplain #DEFAULT_MAX_MESSAGE_SIZE default} limit of 64 KiB. */
    public SipFrameDecoder() {
        this(DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** @param maxMessageSize the largest message accepted, header section and body together, in bytes */
    public SipFrameDecoder(int maxMessageSize) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive, was " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    /** The largest message accepted, in bytes. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (bytesToSkip > 0) {
            skipOversized(in);
            return;
        }
        try {
            decodeFrame(ctx, in, out);
        } catch (SipFramingException e) {
            breakStream(ctx, in, e);
        }
    }

    private void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!inMessage && !messageStartsHere(in, out)) {
            return;
        }
        inMessage = true;
        if (frameLength < 0) {
            scanHeaderSection(ctx, in);
            if (frameLength < 0) {
                return;
            }
        }
        if (in.readableBytes() >= frameLength) {
            out.add(in.readRetainedSlice(frameLength));
            resetMessage();
        }
    }

    /**
     * Between messages: consumes one keep-alive, or reports that a message starts at the reader
     * index. Returns false when it consumed a keep-alive or needs more bytes to decide.
     */
    private boolean messageStartsHere(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int first = lineEndLength(in, start);
        if (first == 0) {
            return true;
        }
        if (first == NEED_MORE) {
            return false;
        }
        if (first == STRAY_CR) {
            throw strayCr();
        }
        int next = start + first;
        if (next == in.writerIndex()) {
            return false; // a pong, or the first half of a ping: channelReadComplete decides
        }
        int second = lineEndLength(in, next);
        if (second == 0) {
            in.skipBytes(first);
            out.add(SipKeepAlive.PONG);
        } else if (second == STRAY_CR) {
            throw strayCr();
        } else if (second != NEED_MORE) {
            in.skipBytes(first + second);
            out.add(SipKeepAlive.PING);
        }
        return false;
    }

    /** Reads lines until the empty line that ends the header section, then fixes the frame length. */
    private void scanHeaderSection(ChannelHandlerContext ctx, ByteBuf in) {
        int base = in.readerIndex();
        int end = in.writerIndex();
        while (true) {
            int lf = in.indexOf(base + scanOffset, end, LF);
            if (lf < 0) {
                scanOffset = end - base;
                if (scanOffset > maxMessageSize) {
                    throw headerSectionTooLong();
                }
                return;
            }
            int lineStart = base + lineOffset;
            int lineEnd = lf > lineStart && in.getByte(lf - 1) == CR ? lf - 1 : lf;
            scanOffset = lf + 1 - base;
            lineOffset = scanOffset;
            lineNumber++;
            if (scanOffset > maxMessageSize) {
                throw headerSectionTooLong();
            }
            if (lineNumber == 1) {
                checkStartLine(in, lineStart, lineEnd);
                continue; // the start line; the codec parses the rest of it
            }
            if (lineEnd == lineStart) {
                endOfHeaderSection(ctx, in);
                return;
            }
            headerLine(in, lineStart, lineEnd);
        }
    }

    private void headerLine(ByteBuf in, int start, int end) {
        byte first = in.getByte(start);
        if (first == ' ' || first == '\t') {
            if (contentLengthText != null) {
                contentLengthText.append(' ').append(ascii(in, start, end));
            }
            return; // a folded continuation of the previous header (RFC 3261 §7.3.1)
        }
        finishContentLength();
        if (first != 'C' && first != 'c' && first != 'L' && first != 'l') {
            return;
        }
        int colon = in.indexOf(start, end, (byte) ':');
        if (colon < 0) {
            return; // not a header at all: the codec's parser reports it
        }
        String name = ascii(in, start, colon).trim();
        if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
            contentLengthText = new StringBuilder(ascii(in, colon + 1, end));
            contentLengthLine = lineNumber;
        }
    }

    private void finishContentLength() {
        if (contentLengthText == null) {
            return;
        }
        String value = contentLengthText.toString().trim();
        contentLengthText = null;
        if (value.isEmpty() || value.length() > MAX_CONTENT_LENGTH_DIGITS
                || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SipFramingException("line " + contentLengthLine + ": invalid Content-Length '" + quote(value)
                    + "': expected 1 to " + MAX_CONTENT_LENGTH_DIGITS + " decimal digits (RFC 3261 §20.14)");
        }
        long parsed = Long.parseLong(value);
        if (contentLength >= 0 && contentLength != parsed) {
            throw new SipFramingException("line " + contentLengthLine + ": Content-Length " + parsed
                    + " conflicts with the earlier Content-Length " + contentLength);
        }
        contentLength = parsed;
    }

    private void endOfHeaderSection(ChannelHandlerContext ctx, ByteBuf in) {
        finishContentLength();
        int headerLength = scanOffset;
        if (contentLength < 0) {
            throw new SipFramingException("missing Content-Length header in the " + headerLength
                    + "-byte header section of '" + quote(startLine(in)) + "': it is required on a stream"
                    + " transport (RFC 3261 §18.3)");
        }
        long total = headerLength + contentLength;
        if (total > maxMessageSize) {
            String startLine = startLine(in);
            byte[] headers = ByteBufUtil.getBytes(in, in.readerIndex(), headerLength);
            long declaredLength = contentLength;
            resetMessage();
            bytesToSkip = total;
            skipOversized(in);
            ctx.fireExceptionCaught(new TooLongSipMessageException("SIP message '" + quote(startLine) + "' of "
                    + total + " bytes (" + headerLength + " of headers, Content-Length " + declaredLength
                    + ") exceeds the limit of " + maxMessageSize + " bytes; skipped", headers));
            return;
        }
        frameLength = (int) total;
    }

    private void skipOversized(ByteBuf in) {
        int skip = (int) Math.min(bytesToSkip, in.readableBytes());
        in.skipBytes(skip);
        bytesToSkip -= skip;
    }

    /**
     * A start line is text (RFC 3261 §7.1 Request-Line, §7.2 Status-Line, §25.1: no control characters
     * but HT): one holding other control bytes is no SIP at all (garbage after the handshake, a binary
     * protocol), and waiting up to the size limit for an empty line in it would only wait for the
     * transaction to time out. A textual line that is merely wrong (another version, a bad method) still
     * goes to the codec, which reports it with its line number and lets a server answer 400 or 505.
     */
    private static void checkStartLine(ByteBuf in, int start, int end) {
        for (int i = start; i < end; i++) {
            int b = in.getByte(i) & 0xFF;
            if ((b < 0x20 && b != '\t') || b == 0x7F) {
                throw new SipFramingException("not a SIP start line: control byte 0x" + String.format("%02x", b)
                        + " at column " + (i - start + 1) + " of '" + printable(quote(ascii(in, start, end)))
                        + "' (RFC 3261 §7.1: a Request-Line or Status-Line is text); the stream is not SIP");
            }
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? (char) c : '.'));
        return out.toString();
    }

    private SipFramingException headerSectionTooLong() {
        return new TooLongSipMessageException("SIP header section exceeds the limit of " + maxMessageSize
                + " bytes without an empty line (after " + lineNumber + " complete lines)");
    }

    private static SipFramingException strayCr() {
        return new SipFramingException("CR not followed by LF between SIP messages: expected CRLF"
                + " (a keep-alive, RFC 5626 §4.4.1) or the start line of a message");
    }

    private void breakStream(ChannelHandlerContext ctx, ByteBuf in, SipFramingException cause) {
        broken = true;
        in.skipBytes(in.readableBytes());
        resetMessage();
        ctx.fireExceptionCaught(cause);
    }

    /** At the end of a read, a lone line end waiting between messages is a pong. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (!inMessage && !broken && bytesToSkip == 0) {
            ByteBuf pending = internalBuffer();
            if (isLoneLineEnd(pending)) {
                pending.skipBytes(pending.readableBytes());
                ctx.fireChannelRead(SipKeepAlive.PONG);
            }
        }
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken || bytesToSkip > 0 || !in.isReadable()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!inMessage) {
            if (isLoneLineEnd(in)) {
                out.add(SipKeepAlive.PONG);
            }
            in.skipBytes(in.readableBytes()); // at most a lone CR: a keep-alive cut short
            return;
        }
        String expected = frameLength >= 0 ? " of " + frameLength : "";
        String startLine = startLine(in);
        breakStream(ctx, in, new SipFramingException("connection closed in the middle of SIP message '"
                + quote(startLine) + "': " + in.readableBytes() + expected + " bytes received"));
    }

    private void resetMessage() {
        inMessage = false;
        scanOffset = 0;
        lineOffset = 0;
        lineNumber = 0;
        contentLengthText = null;
        contentLengthLine = 0;
        contentLength = -1;
        frameLength = -1;
    }

    /** 2 for CRLF, 1 for LF, 0 for any other byte, or NEED_MORE / STRAY_CR. */
    private static int lineEndLength(ByteBuf in, int index) {
        byte b = in.getByte(index);
        if (b == LF) {
            return 1;
        }
        if (b != CR) {
            return 0;
        }
        if (index + 1 >= in.writerIndex()) {
            return NEED_MORE;
        }
        return in.getByte(index + 1) == LF ? 2 : STRAY_CR;
    }

    private static boolean isLoneLineEnd(ByteBuf buf) {
        int start = buf.readerIndex();
        return switch (buf.readableBytes()) {
            case 1 -> buf.getByte(start) == LF;
            case 2 -> buf.getByte(start) == CR && buf.getByte(start + 1) == LF;
            default -> false;
        };
    }

    private static String startLine(ByteBuf in) {
        int start = in.readerIndex();
        int end = Math.min(in.writerIndex(), start + QUOTE_LIMIT + 1);
        int lf = in.indexOf(start, end, LF);
        int stop = lf < 0 ? end : lf;
        if (stop > start && in.getByte(stop - 1) == CR) {
            stop--;
        }
        return ascii(in, start, stop);
    }

    private static String ascii(ByteBuf in, int start, int end) {
        return in.toString(start, end - start, StandardCharsets.US_ASCII);
    }

    private static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
    }
}

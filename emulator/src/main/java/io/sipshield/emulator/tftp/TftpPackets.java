package io.sipshield.emulator.tftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * TFTP packets for both sides (RFC 1350 §5, options RFC 2347): a reading client's RRQ and ACK, a
 * server's DATA, ERROR and OACK, and parsing of a received request. Opcodes and block numbers are
 * big-endian 16-bit; strings are NUL-terminated. Request names are read as ISO-8859-1 so that no
 * byte is lost before a server judges them. Used by the Cisco provisioning client and by the
 * harness's provisioning server.
 */
public final class TftpPackets {

    public static final int RRQ = 1;
    public static final int WRQ = 2;
    public static final int DATA = 3;
    public static final int ACK = 4;
    public static final int ERROR = 5;
    public static final int OACK = 6;

    /** RFC 1350 §2: every DATA block but the last carries exactly this many bytes unless blksize says otherwise. */
    public static final int DEFAULT_BLOCK_SIZE = 512;

    /** RFC 1350 §5 error codes (RFC 2347 adds 8). */
    public static final int ERROR_NOT_DEFINED = 0;
    public static final int ERROR_FILE_NOT_FOUND = 1;
    public static final int ERROR_ACCESS_VIOLATION = 2;
    public static final int ERROR_ILLEGAL_OPERATION = 4;
    public static final int ERROR_UNKNOWN_TRANSFER_ID = 5;

    private TftpPackets() {
    }

    /**
     * A read or write request.
     *
     * @param opcode   {@link #RRQ} or {@link #WRQ}
     * @param filename the filename field as sent
     * @param mode     the mode, lower-cased ({@code octet}, {@code netascii}, {@code mail}, ...)
     * @param options  RFC 2347 options, names lower-cased, in the order sent
     */
    public record Request(int opcode, String filename, String mode, Map<String, String> options) {
        public Request {
            options = Map.copyOf(options);
        }
    }

    /** A packet that is not what RFC 1350 describes. */
    public static final class MalformedPacketException extends Exception {
        public MalformedPacketException(String message) {
            super(message);
        }
    }

    /** A reading client's RRQ for {@code file} in octet mode. */
    public static ByteBuf readRequest(String file) {
        ByteBuf packet = Unpooled.buffer();
        packet.writeShort(RRQ);
        packet.writeBytes(file.getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        packet.writeBytes("octet".getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        return packet;
    }

    public static ByteBuf ack(int block) {
        return Unpooled.buffer(4).writeShort(ACK).writeShort(block & 0xFFFF);
    }

    /** Reads an RRQ or WRQ whose opcode has already been read. */
    public static Request readRequest(int opcode, ByteBuf packet) throws MalformedPacketException {
        String filename = readString(packet, "filename");
        String mode = readString(packet, "mode").toLowerCase(Locale.ROOT);
        Map<String, String> options = new LinkedHashMap<>();
        while (packet.isReadable()) {
            String name = readString(packet, "option name").toLowerCase(Locale.ROOT);
            String value = readString(packet, "value of option '" + name + "'");
            options.putIfAbsent(name, value);
        }
        return new Request(opcode, filename, mode, options);
    }

    private static String readString(ByteBuf packet, String what) throws MalformedPacketException {
        int end = packet.indexOf(packet.readerIndex(), packet.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new MalformedPacketException("the " + what + " has no terminating NUL");
        }
        String text = packet.toString(packet.readerIndex(), end - packet.readerIndex(), StandardCharsets.ISO_8859_1);
        packet.readerIndex(end + 1);
        return text;
    }

    public static ByteBuf data(int block, ByteBuf content) {
        ByteBuf header = Unpooled.buffer(4).writeShort(DATA).writeShort(block & 0xFFFF);
        return Unpooled.wrappedBuffer(header, content);
    }

    public static ByteBuf error(int code, String message) {
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        return Unpooled.buffer(5 + text.length).writeShort(ERROR).writeShort(code).writeBytes(text).writeByte(0);
    }

    /** RFC 2347 §"Option Acknowledgment": the options the server accepted, each name and value NUL-terminated. */
    public static ByteBuf optionAcknowledgement(Map<String, String> accepted) {
        ByteBuf packet = Unpooled.buffer().writeShort(OACK);
        accepted.forEach((name, value) -> {
            packet.writeBytes(name.getBytes(StandardCharsets.US_ASCII)).writeByte(0);
            packet.writeBytes(value.getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        });
        return packet;
    }

    /** The NUL-terminated text at the reader index (to the end if no NUL), for ERROR messages. */
    public static String text(ByteBuf packet) {
        int end = packet.indexOf(packet.readerIndex(), packet.writerIndex(), (byte) 0);
        int length = (end < 0 ? packet.writerIndex() : end) - packet.readerIndex();
        return packet.toString(packet.readerIndex(), length, StandardCharsets.US_ASCII);
    }

    /** RFC 1350's names for the error codes. */
    public static String describeError(int code) {
        return switch (code) {
            case 0 -> "not defined";
            case 1 -> "file not found";
            case 2 -> "access violation";
            case 3 -> "disk full";
            case 4 -> "illegal TFTP operation";
            case 5 -> "unknown transfer ID";
            case 6 -> "file already exists";
            case 7 -> "no such user";
            default -> "code " + code;
        };
    }
}

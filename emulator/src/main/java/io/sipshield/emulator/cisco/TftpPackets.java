package io.sipshield.emulator.cisco;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The TFTP packets a reading client sends and receives (RFC 1350 §5): RRQ, DATA, ACK and ERROR,
 * big-endian opcodes and block numbers, NUL-terminated strings, octet mode.
 */
final class TftpPackets {

    static final int RRQ = 1;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    /** Every DATA block but the last carries exactly this many bytes (RFC 1350 §2). */
    static final int BLOCK_SIZE = 512;

    /** RFC 1350 §5 error codes the client sends or reads. */
    static final int ERROR_FILE_NOT_FOUND = 1;
    static final int ERROR_ILLEGAL_OPERATION = 4;
    static final int ERROR_UNKNOWN_TRANSFER_ID = 5;

    private TftpPackets() {
    }

    static ByteBuf readRequest(String file) {
        ByteBuf packet = Unpooled.buffer();
        packet.writeShort(RRQ);
        packet.writeBytes(file.getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        packet.writeBytes("octet".getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        return packet;
    }

    static ByteBuf ack(int block) {
        return Unpooled.buffer(4).writeShort(ACK).writeShort(block);
    }

    static ByteBuf error(int code, String message) {
        ByteBuf packet = Unpooled.buffer();
        packet.writeShort(ERROR).writeShort(code);
        packet.writeBytes(message.getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        return packet;
    }

    /** The NUL-terminated text at the reader index (to the end if no NUL). */
    static String text(ByteBuf packet) {
        int end = packet.indexOf(packet.readerIndex(), packet.writerIndex(), (byte) 0);
        int length = (end < 0 ? packet.writerIndex() : end) - packet.readerIndex();
        return packet.toString(packet.readerIndex(), length, StandardCharsets.US_ASCII);
    }

    /** RFC 1350's names for the error codes. */
    static String describeError(int code) {
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

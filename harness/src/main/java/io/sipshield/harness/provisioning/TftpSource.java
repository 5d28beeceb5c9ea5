package io.sipshield.harness.provisioning;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes a TFTP transfer sends, read block by block: the file as it is (octet mode) or converted
 * to netascii. Reads are positional and short (one block), done on the transfer's event loop.
 */
interface TftpSource extends AutoCloseable {

    /** Files larger than this are not converted to netascii (the conversion is done in memory). */
    long NETASCII_LIMIT = 16L * 1024 * 1024;

    /** Total bytes the transfer will send. */
    long length();

    /** Up to {@code max} bytes from {@code offset} (fewer only at the end). */
    ByteBuf read(long offset, int max) throws IOException;

    @Override
    void close();

    /** Octet mode: the file's bytes unchanged (RFC 1350 §1: "raw 8 bit bytes"). */
    static TftpSource octet(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        long length = channel.size();
        return new TftpSource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public ByteBuf read(long offset, int max) throws IOException {
                int size = (int) Math.max(0, Math.min(max, length - offset));
                ByteBuffer block = ByteBuffer.allocate(size);
                while (block.hasRemaining()) {
                    if (channel.read(block, offset + block.position()) < 0) {
                        throw new IOException("the file became shorter while being sent");
                    }
                }
                block.flip();
                return Unpooled.wrappedBuffer(block);
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException e) {
                    // read-only: nothing to lose
                }
            }
        };
    }

    /**
     * Netascii mode (RFC 1350 §1 and RFC 764): the server converts its text to the network's form,
     * every line end CR LF and a lone CR as CR NUL. The file is taken as Unix text: LF becomes CR LF,
     * an existing CR LF stays as it is, another CR becomes CR NUL.
     *
     * @throws IOException when the file is larger than {@link #NETASCII_LIMIT}
     */
    static TftpSource netascii(Path file) throws IOException {
        long size = Files.size(file);
        if (size > NETASCII_LIMIT) {
            throw new IOException(size + " bytes is too large for netascii conversion (at most " + NETASCII_LIMIT
                    + "); ask in octet mode");
        }
        byte[] raw = Files.readAllBytes(file);
        ByteArrayOutputStream converted = new ByteArrayOutputStream(raw.length + raw.length / 16);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\n') {
                converted.write('\r');
                converted.write('\n');
            } else if (b == '\r') {
                boolean crlf = i + 1 < raw.length && raw[i + 1] == '\n';
                converted.write('\r');
                converted.write(crlf ? '\n' : 0);
                if (crlf) {
                    i++;
                }
            } else {
                converted.write(b);
            }
        }
        byte[] bytes = converted.toByteArray();
        return new TftpSource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public ByteBuf read(long offset, int max) {
                int from = (int) Math.min(offset, bytes.length);
                int size = Math.min(max, bytes.length - from);
                return Unpooled.copiedBuffer(bytes, from, size);
            }

            @Override
            public void close() {
            }
        };
    }
}

package io.sipshield.harness.pcap;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng), little-endian, one section: a Section Header
 * Block, then Interface Description, Decryption Secrets and Enhanced Packet blocks in the order
 * they are written. Interfaces record nanosecond timestamps ({@code if_tsresol} 9).
 *
 * <p>A Decryption Secrets Block of type {@link #TLS_KEY_LOG} holds an NSS key log; Wireshark
 * (3.0 and later) uses it to decrypt the TLS in the packets that follow it, with no key log file
 * configured. Write it before those packets: Wireshark decrypts in one pass, in file order.
 *
 * <pre>{@code
 * try (PcapngWriter pcapng = new PcapngWriter(out, "sipshield")) {
 *     int raw = pcapng.addInterface(LinkType.RAW, "phone");
 *     pcapng.writeDecryptionSecrets(PcapngWriter.TLS_KEY_LOG, keyLog);
 *     pcapng.writePacket(raw, timestampNanos, ipPacket);
 * }
 * }</pre>
 */
public final class PcapngWriter implements Closeable {

    /** Secrets type of an NSS key log ("TLSK"). */
    public static final int TLS_KEY_LOG = 0x544c534b;

    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int ENHANCED_PACKET = 0x00000006;
    static final int DECRYPTION_SECRETS = 0x0000000A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final short OPT_END = 0;
    private static final short OPT_COMMENT = 1;
    private static final short SHB_USER_APPLICATION = 4;
    private static final short IF_NAME = 2;
    private static final short IF_TSRESOL = 9;
    private static final byte NANOSECONDS = 9;

    private final OutputStream out;
    private int interfaces;

    /**
     * Starts the file with its section header.
     *
     * @param application the {@code shb_userappl} option: what wrote the file
     */
    public PcapngWriter(OutputStream out, String application) throws IOException {
        this(out, application, null);
    }

    /**
     * Starts the file with its section header.
     *
     * @param application the {@code shb_userappl} option: what wrote the file
     * @param comment     an {@code opt_comment} on the section (Wireshark shows it in Statistics &gt; Capture File
     *                    Properties), or null
     */
    public PcapngWriter(OutputStream out, String application, String comment) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        Options options = new Options();
        if (comment != null) {
            options.text(OPT_COMMENT, comment);
        }
        options.text(SHB_USER_APPLICATION, application);
        ByteBuffer body = body(16 + options.size());
        body.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L); // length unknown
        options.writeTo(body);
        block(SECTION_HEADER, body);
    }

    /**
     * Describes an interface; packets name it by the number returned (0 for the first).
     *
     * @param name the {@code if_name} option, or null
     */
    public int addInterface(LinkType linkType, String name) throws IOException {
        Objects.requireNonNull(linkType, "linkType");
        Options options = new Options();
        if (name != null) {
            options.text(IF_NAME, name);
        }
        options.bytes(IF_TSRESOL, new byte[] {NANOSECONDS});
        ByteBuffer body = body(8 + options.size());
        body.putShort((short) linkType.value()).putShort((short) 0).putInt(0); // snap length 0: no limit
        options.writeTo(body);
        block(INTERFACE_DESCRIPTION, body);
        return interfaces++;
    }

    /** A Decryption Secrets Block: {@code secrets} of {@code secretsType} (e.g. {@link #TLS_KEY_LOG}). */
    public void writeDecryptionSecrets(int secretsType, byte[] secrets) throws IOException {
        Objects.requireNonNull(secrets, "secrets");
        ByteBuffer body = body(8 + padded(secrets.length));
        body.putInt(secretsType).putInt(secrets.length).put(secrets);
        block(DECRYPTION_SECRETS, body);
    }

    /**
     * An Enhanced Packet Block: a whole packet captured on {@code interfaceId}.
     *
     * @param timestampNanos nanoseconds since 1970
     * @param data           the packet from its link-layer header on
     * @throws IllegalArgumentException if no such interface was added
     */
    public void writePacket(int interfaceId, long timestampNanos, byte[] data) throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces) {
            throw new IllegalArgumentException("interfaceId: " + interfaceId + " names no interface; "
                    + interfaces + " added");
        }
        ByteBuffer body = body(20 + padded(data.length));
        body.putInt(interfaceId).putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos)
                .putInt(data.length).putInt(data.length).put(data);
        block(ENHANCED_PACKET, body);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static ByteBuffer body(int length) {
        return ByteBuffer.allocate(padded(length)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Type, total length, body (already padded to 32 bits), total length again. */
    private void block(int type, ByteBuffer body) throws IOException {
        int total = 12 + body.capacity();
        ByteBuffer block = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        block.putInt(type).putInt(total).put(body.array()).putInt(total);
        out.write(block.array());
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }

    /** Options: code, length, value padded to 32 bits; ended by opt_endofopt when there is any. */
    private static final class Options {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void text(short code, String value) {
            bytes(code, value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(short code, byte[] value) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("option " + code + ": " + value.length
                        + " bytes, a pcapng option holds at most 65535");
            }
            ByteBuffer option = ByteBuffer.allocate(4 + padded(value.length)).order(ByteOrder.LITTLE_ENDIAN);
            option.putShort(code).putShort((short) value.length).put(value);
            bytes.writeBytes(option.array());
        }

        int size() {
            return bytes.size() == 0 ? 0 : bytes.size() + 4;
        }

        void writeTo(ByteBuffer body) {
            if (bytes.size() > 0) {
                body.put(bytes.toByteArray()).putShort(OPT_END).putShort((short) 0);
            }
        }
    }
}

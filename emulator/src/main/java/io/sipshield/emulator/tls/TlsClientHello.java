package io.sipshield.emulator.tls;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a ClientHello offered, read off the wire (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2): the legacy
 * version field, the supported_versions extension's list when present (TLS 1.3 clients), and the
 * cipher suite ids in the client's order, GREASE values (RFC 8701) left out.
 *
 * @param legacyVersion     the client_version field ({@code 0x0303} for TLS 1.2)
 * @param supportedVersions the supported_versions extension (RFC 8446 §4.2.1), empty when absent
 * @param cipherSuites      the offered cipher suite ids, in order
 */
public record TlsClientHello(int legacyVersion, List<Integer> supportedVersions, List<Integer> cipherSuites) {

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): a signal, not a suite. */
    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;

    public TlsClientHello {
        supportedVersions = List.copyOf(supportedVersions);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** Whether the client offered the suite with this IANA id. */
    public boolean offers(int cipherSuite) {
        return cipherSuites.contains(cipherSuite);
    }

    /**
     * The versions the client offered, highest first, in JSSE names: supported_versions when present,
     * else every version from TLS 1.0 up to the legacy version (a TLS 1.2 client without the
     * extension can be answered with any lower version, RFC 5246 Appendix E.1).
     */
    public List<String> offeredVersions() {
        if (!supportedVersions.isEmpty()) {
            return supportedVersions.stream().map(TlsClientHello::versionName).flatMap(Optional::stream).toList();
        }
        List<String> versions = new ArrayList<>();
        for (int v = legacyVersion; v >= 0x0301; v--) {
            versionName(v).ifPresent(versions::add);
        }
        return versions;
    }

    /** The JSSE name of a wire version ({@code 0x0303} is {@code TLSv1.2}). */
    public static Optional<String> versionName(int version) {
        return switch (version) {
            case 0x0300 -> Optional.of("SSLv3");
            case 0x0301 -> Optional.of("TLSv1");
            case 0x0302 -> Optional.of("TLSv1.1");
            case 0x0303 -> Optional.of("TLSv1.2");
            case 0x0304 -> Optional.of("TLSv1.3");
            default -> Optional.empty();
        };
    }

    /**
     * Parses a ClientHello handshake message (from its msg_type byte on).
     *
     * @throws IllegalArgumentException naming the field that runs past the message's end, or when
     *                                  the message is no ClientHello
     */
    public static TlsClientHello parse(byte[] message) {
        Reader in = new Reader(message);
        int type = in.u8("msg_type");
        if (type != 1) {
            throw new IllegalArgumentException("not a ClientHello: handshake msg_type " + type + ", expected 1");
        }
        int length = in.u24("length");
        in.limit(4 + length);
        int legacyVersion = in.u16("client_version");
        in.skip(32, "random");
        in.skip(in.u8("session_id length"), "session_id");
        int suitesLength = in.u16("cipher_suites length");
        if (suitesLength % 2 != 0) {
            throw new IllegalArgumentException("ClientHello cipher_suites length " + suitesLength + " is odd");
        }
        List<Integer> suites = new ArrayList<>();
        for (int i = 0; i < suitesLength / 2; i++) {
            int suite = in.u16("cipher_suites[" + i + "]");
            if (!isGrease(suite)) {
                suites.add(suite);
            }
        }
        in.skip(in.u8("compression_methods length"), "compression_methods");
        List<Integer> versions = new ArrayList<>();
        if (in.remaining() > 0) {
            int end = in.position() + 2 + in.peekU16("extensions length");
            in.u16("extensions length");
            while (in.position() < end) {
                int extensionType = in.u16("extension type");
                int extensionLength = in.u16("extension length");
                if (extensionType == 43) {
                    int listLength = in.u8("supported_versions length");
                    for (int i = 0; i < listLength / 2; i++) {
                        int version = in.u16("supported_versions[" + i + "]");
                        if (!isGrease(version)) {
                            versions.add(version);
                        }
                    }
                } else {
                    in.skip(extensionLength, "extension " + extensionType);
                }
            }
        }
        return new TlsClientHello(legacyVersion, versions, suites);
    }

    private static boolean isGrease(int value) {
        return (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of().withUpperCase();
        return "ClientHello " + offeredVersions() + " suites "
                + cipherSuites.stream().map(s -> "0x" + hex.toHexDigits((short) (int) s)).toList();
    }

    /** Big-endian reads that name the field that runs past the end. */
    private static final class Reader {
        private final byte[] data;
        private int position;
        private int limit;

        Reader(byte[] data) {
            this.data = data;
            this.limit = data.length;
        }

        void limit(int newLimit) {
            if (newLimit > data.length) {
                throw new IllegalArgumentException("ClientHello length says " + (newLimit - 4)
                        + " bytes, only " + (data.length - 4) + " present");
            }
            limit = newLimit;
        }

        int position() {
            return position;
        }

        int remaining() {
            return limit - position;
        }

        private void need(int count, String field) {
            if (count < 0 || position + count > limit) {
                throw new IllegalArgumentException("ClientHello " + field + " runs past the message's end (offset "
                        + position + ", " + count + " bytes needed, " + (limit - position) + " left)");
            }
        }

        int u8(String field) {
            need(1, field);
            return data[position++] & 0xFF;
        }

        int u16(String field) {
            need(2, field);
            int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
            position += 2;
            return value;
        }

        int peekU16(String field) {
            int value = u16(field);
            position -= 2;
            return value;
        }

        int u24(String field) {
            need(3, field);
            int value = ((data[position] & 0xFF) << 16) | ((data[position + 1] & 0xFF) << 8) | (data[position + 2] & 0xFF);
            position += 3;
            return value;
        }

        void skip(int count, String field) {
            need(count, field);
            position += count;
        }
    }
}

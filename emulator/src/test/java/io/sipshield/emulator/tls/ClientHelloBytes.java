package io.sipshield.emulator.tls;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Builds ClientHello messages and TLS records byte by byte (RFC 5246 §6.2.1, §7.4.1.2) for tests. */
final class ClientHelloBytes {

    private ClientHelloBytes() {
    }

    /** A ClientHello handshake message: legacy version, suites, and supported_versions when not empty. */
    static byte[] clientHello(int legacyVersion, List<Integer> suites, List<Integer> supportedVersions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, legacyVersion);
        body.writeBytes(new byte[32]);                      // random
        body.write(0);                                      // session_id
        u16(body, suites.size() * 2);
        suites.forEach(suite -> u16(body, suite));
        body.write(1);                                      // compression_methods: null only
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        u16(extensions, 0x000A);                            // supported_groups, skipped by the parser
        u16(extensions, 4);
        u16(extensions, 2);
        u16(extensions, 0x0017);
        if (!supportedVersions.isEmpty()) {
            u16(extensions, 43);
            u16(extensions, 1 + supportedVersions.size() * 2);
            extensions.write(supportedVersions.size() * 2);
            supportedVersions.forEach(version -> u16(extensions, version));
        }
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(1);
        message.write(body.size() >> 16);
        u16(message, body.size() & 0xFFFF);
        message.writeBytes(body.toByteArray());
        return message.toByteArray();
    }

    /** One TLS record of the given content type around the fragment. */
    static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(type);
        u16(record, 0x0301);
        u16(record, fragment.length);
        record.writeBytes(fragment);
        return record.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value & 0xFF);
    }
}

package io.sipshield.harness.capture;

import io.sipshield.emulator.capture.SrtpKeys;
import io.sipshield.harness.pcap.LinkType;
import io.sipshield.harness.pcap.PcapngWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where {@code sipshield run --capture DIR} puts each scenario's capture, named after the scenario
 * file ({@code register-call-srtp-echo.yaml} gives {@code register-call-srtp-echo.*}; a name taken
 * earlier in the run gets the parent directory's name in front):
 * <ul>
 * <li>{@code <name>.pcapng}: raw IP packets, a Decryption Secrets Block with the TLS key log
 *     <em>before</em> the first packet, so Wireshark decrypts the SIP with no setup;</li>
 * <li>{@code <name>.keys}: the same NSS key log, for tools that want a file
 *     ({@code -o tls.keylog_file:…}, {@code editcap --inject-secrets});</li>
 * <li>{@code <name>.srtp-keys}: each SRTP sender's a=crypto value, the form
 *     {@code sipshield srtp decrypt-pcap --crypto} takes;</li>
 * <li>{@code <name>.decode-as}, when the server port is not 5061: Wireshark {@code decode_as_entries}
 *     lines that make the TLS on that port SIP.</li>
 * </ul>
 * The ports are the real ones. Wireshark finds TLS on any port (its TLS heuristic) and decrypts it
 * with the DSB, but hands the plaintext to SIP only on port 5061 ({@code ssl_dissector_add(5061, sip)}
 * in its SIP dissector); for the mock's ephemeral port it must be told:
 * {@code tshark -d tcp.port==N,tls -d tls.port==N,sip}, Analyze &gt; Decode As (TLS port N: SIP) in
 * the GUI, or the {@code .decode-as} lines in the profile's {@code decode_as_entries}.
 * Rewriting the port to 5061 would open without setup but would no longer show what went over the wire.
 * The packets are held until the scenario ends and written with the secrets first: the key log
 * lines arrive during each handshake, after the first TLS bytes were seen, and the DSB must precede
 * the records it decrypts. The files hold live session secrets: they are created owner-only where
 * the file system has POSIX permissions.
 */
public final class CaptureDirectory {

    /** Wireshark's default port for SIP over TLS. */
    static final int SIP_TLS_PORT = 5061;

    private final Path directory;
    private final Set<String> used = new HashSet<>();

    public CaptureDirectory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    /** Writes one scenario's capture files. */
    public synchronized WrittenCapture write(Path scenarioFile, CaptureContents contents) throws IOException {
        Files.createDirectories(directory);
        String name = name(scenarioFile);
        Path pcapng = directory.resolve(name + ".pcapng");
        Path keys = directory.resolve(name + ".keys");
        Path srtpKeys = directory.resolve(name + ".srtp-keys");
        try (OutputStream out = new BufferedOutputStream(create(pcapng))) {
            writePcapng(out, contents);
        }
        try (OutputStream out = create(keys)) {
            out.write(keyLogFile(contents).getBytes(StandardCharsets.US_ASCII));
        }
        try (OutputStream out = create(srtpKeys)) {
            out.write(srtpKeysFile(pcapng.getFileName().toString(), contents).getBytes(StandardCharsets.US_ASCII));
        }
        List<Integer> ports = decodeAsPorts(contents);
        Path decodeAs = null;
        if (!ports.isEmpty()) {
            decodeAs = directory.resolve(name + ".decode-as");
            Files.writeString(decodeAs, decodeAsEntries(pcapng.getFileName().toString(), ports),
                    StandardCharsets.US_ASCII);
        }
        return new WrittenCapture(pcapng, keys, srtpKeys, decodeAs, contents.frames().size(), ports, contents.notes());
    }

    private static void writePcapng(OutputStream out, CaptureContents contents) throws IOException {
        PcapngWriter pcapng = new PcapngWriter(out, "sipshield", comment(contents));
        int phones = pcapng.addInterface(LinkType.RAW, "sipshield phones");
        if (!contents.keyLog().isEmpty()) {
            pcapng.writeDecryptionSecrets(PcapngWriter.TLS_KEY_LOG, keyLogLines(contents).getBytes(StandardCharsets.US_ASCII));
        }
        for (CaptureContents.Frame frame : contents.frames()) {
            pcapng.writePacket(phones, frame.timestampNanos(), frame.ipPacket());
        }
    }

    /** The section comment: what the file is, and what to tell Wireshark when the server port is not 5061. */
    static String comment(CaptureContents contents) {
        StringBuilder text = new StringBuilder("Synthesized by sipshield from what its emulated phones sent and"
                + " received (no interface was sniffed): the TLS bytes and SRTP/SRTCP datagrams are the real ones;"
                + " IP and UDP/TCP headers, TCP handshakes and acknowledgements are made up around them."
                + " The TLS secrets are in this file's Decryption Secrets Block.");
        List<Integer> ports = decodeAsPorts(contents);
        if (!ports.isEmpty()) {
            text.append(" SIP over TLS on port ").append(ports.stream().map(String::valueOf)
                    .collect(Collectors.joining(", "))).append(", not 5061: tell Wireshark the TLS there is SIP (")
                    .append("Analyze > Decode As...: TLS port ").append(ports.get(0)).append(", SIP; tshark ")
                    .append(decodeAs(ports)).append(").");
        }
        for (String note : contents.notes()) {
            text.append(' ').append(note).append('.');
        }
        return text.toString();
    }

    /** The server ports Wireshark does not decode as TLS by default. */
    static List<Integer> decodeAsPorts(CaptureContents contents) {
        return contents.tlsServerPorts().stream().filter(port -> port != SIP_TLS_PORT).toList();
    }

    /** tshark's {@code -d} options for those ports: TCP port N is TLS, and the TLS on it is SIP. */
    public static String decodeAs(List<Integer> ports) {
        return ports.stream().map(port -> "-d tcp.port==" + port + ",tls -d tls.port==" + port + ",sip")
                .collect(Collectors.joining(" "));
    }

    /** Wireshark's {@code decode_as_entries} format (a profile file): {@code table,selector,initial,current}. */
    static String decodeAsEntries(String pcapng, List<Integer> ports) {
        StringBuilder text = new StringBuilder("# Decode As for ").append(pcapng).append(": SIP over TLS on port ")
                .append(ports.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(".\n")
                .append("# Append these lines to the decode_as_entries file of your Wireshark profile, or use\n")
                .append("#   tshark ").append(decodeAs(ports)).append(" -r ").append(pcapng).append('\n');
        for (int port : ports) {
            text.append("decode_as_entry: tcp.port,").append(port).append(",(none),TLS\n");
            text.append("decode_as_entry: tls.port,").append(port).append(",(none),SIP\n");
        }
        return text.toString();
    }

    private static String keyLogLines(CaptureContents contents) {
        return contents.keyLog().stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    static String keyLogFile(CaptureContents contents) {
        StringBuilder text = new StringBuilder("# NSS key log (TLS session secrets) of the phones' connections;"
                + " the .pcapng holds the same lines.\n");
        for (String note : contents.notes()) {
            text.append("# ").append(note).append('\n');
        }
        return text.append(keyLogLines(contents)).toString();
    }

    static String srtpKeysFile(String pcapng, CaptureContents contents) {
        StringBuilder text = new StringBuilder("# SDES keys (RFC 4568) of the calls in ").append(pcapng)
                .append(": one a=crypto value per SRTP sender. Decrypt one sender's SRTP and SRTCP with\n")
                .append("#   sipshield srtp decrypt-pcap --crypto '<value>' ").append(pcapng).append(" out.pcap  (or out.wav)\n");
        if (contents.srtpKeys().isEmpty()) {
            text.append("# no SRTP call in this scenario\n");
        }
        for (SrtpKeys keys : contents.srtpKeys()) {
            text.append("# sent by the phone, ").append(address(keys.local())).append(" -> ")
                    .append(address(keys.remote())).append('\n').append(keys.sent().toSdpValue()).append('\n');
            text.append("# sent by the peer, ").append(address(keys.remote())).append(" -> ")
                    .append(address(keys.local())).append('\n').append(keys.received().toSdpValue()).append('\n');
        }
        return text.toString();
    }

    private static String address(java.net.InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** The scenario file's name without extension; the parent's name in front (then a number) when taken. */
    private String name(Path scenarioFile) {
        String file = scenarioFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = file;
        Path parent = scenarioFile.toAbsolutePath().getParent();
        if (used.contains(name) && parent != null && parent.getFileName() != null) {
            name = parent.getFileName() + "-" + file;
        }
        String candidate = name;
        for (int i = 2; used.contains(candidate); i++) {
            candidate = name + "-" + i;
        }
        used.add(candidate);
        return candidate;
    }

    /** Creates or truncates {@code file}, owner-only (rw-------) where POSIX permissions exist. */
    private static OutputStream create(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.newOutputStream(file);
    }
}

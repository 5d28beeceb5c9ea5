package io.sipshield.harness.cli.srtp;

import io.sipshield.emulator.media.WavRecorder;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.SdpParseException;
import io.sipshield.emulator.srtp.SrtpStatus;
import io.sipshield.harness.cli.ExitCodes;
import io.sipshield.harness.pcap.CapturedPacket;
import io.sipshield.harness.pcap.PcapReader;
import io.sipshield.harness.pcap.PcapWriter;
import io.sipshield.harness.pcap.SrtpCaptureDecryptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield srtp decrypt-pcap --crypto 'AES_CM_128_HMAC_SHA1_80 inline:…' [--ssrc N] [--roc N] IN OUT}:
 * finds the SRTP stream the key protects in a capture (classic pcap or pcapng; Ethernet, Linux
 * cooked or loopback; IPv4 or IPv6), decrypts it and its SRTCP, and writes the capture with plain
 * RTP ({@code OUT.pcap}) or the decoded G.711 audio ({@code OUT.wav}). Wireshark cannot decrypt
 * SDES-SRTP and libsrtp's rtp_decoder is not packaged.
 */
@Command(name = "decrypt-pcap", mixinStandardHelpOptions = true,
        description = {
            "Decrypt the SRTP stream of a capture with its SDES key.",
            "The key is the sender's a=crypto line (from its SDP), with or without the tag."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the stream was decrypted and every packet authenticated",
            "1:no stream fits the key, some packets did not authenticate, or no G.711 for a .wav",
            "2:unusable input: a bad --crypto, --ssrc or --roc, an unreadable capture, an OUT that is not .pcap or .wav"})
public final class DecryptPcapCommand implements Callable<Integer> {

    private static final String NAME = "sipshield srtp decrypt-pcap: ";

    @Spec
    private CommandSpec spec;

    @Option(names = "--crypto", required = true, paramLabel = "LINE",
            description = "The sender's key: 'AES_CM_128_HMAC_SHA1_80 inline:<base64 key||salt>' or a whole a=crypto value.")
    private String crypto;

    @Option(names = "--ssrc", paramLabel = "N", description = "The stream's SSRC (decimal or 0x hex); default: the stream the key fits.")
    private String ssrc;

    @Option(names = "--roc", paramLabel = "N", defaultValue = "0",
            description = "The rollover counter at the first captured packet, for a capture started mid-call (default: ${DEFAULT-VALUE}).")
    private String roc;

    @Parameters(index = "0", paramLabel = "IN", description = "The capture: pcap or pcapng.")
    private Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write: a .pcap with plain RTP, or a .wav of the audio.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        CryptoAttribute key;
        OptionalLong stream;
        long rolloverCounter;
        try {
            key = CryptoAttribute.parseKeying(crypto);
        } catch (SdpParseException e) {
            return invalid("--crypto: " + e.getMessage());
        }
        try {
            stream = ssrc == null ? OptionalLong.empty() : OptionalLong.of(unsigned32("--ssrc", ssrc));
            rolloverCounter = unsigned32("--roc", roc);
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        String outName = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean wav = outName.endsWith(".wav");
        if (!wav && !outName.endsWith(".pcap") && !outName.endsWith(".cap")) {
            return invalid("OUT: '" + out + "' is neither a .pcap nor a .wav file name");
        }
        List<CapturedPacket> capture;
        try {
            capture = PcapReader.read(in);
        } catch (IOException e) {
            return invalid("IN: " + message(e, in));
        }
        SrtpCaptureDecryptor.Result result;
        try {
            result = new SrtpCaptureDecryptor(key, stream, rolloverCounter).decrypt(capture);
        } catch (SrtpCaptureDecryptor.NoStreamException e) {
            spec.commandLine().getErr().println(NAME + in + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IllegalArgumentException e) {
            return invalid("--crypto: " + e.getMessage());
        }
        report(stdout, key, result);
        try {
            if (wav && !writeWav(result)) {
                return ExitCodes.FAILED;
            }
            if (!wav) {
                writePcap(stdout, result);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println(NAME + "cannot write " + out + ": " + message(e, out));
            return ExitCodes.FAILED;
        }
        boolean clean = result.count(SrtpStatus.AUTH_FAIL) == 0 && result.srtcpFailed() == 0
                && result.count(SrtpStatus.OK) > 0;
        return clean ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void report(PrintWriter stdout, CryptoAttribute key, SrtpCaptureDecryptor.Result result) {
        stdout.printf("SRTP stream SSRC %s, %s -> %s, %s%n", String.format("0x%08x", result.ssrc()),
                address(result.first().source()), address(result.first().destination()), key.suite().sdpName());
        stdout.printf("  %d packets: %d decrypted, %d failed authentication, %d replayed or too old, %d malformed%s;"
                        + " rollover counter at the end %d%n",
                result.packets(), result.count(SrtpStatus.OK), result.count(SrtpStatus.AUTH_FAIL),
                result.count(SrtpStatus.REPLAY) + result.count(SrtpStatus.TOO_OLD), result.count(SrtpStatus.MALFORMED),
                result.copies() == 0 ? "" : " (" + result.copies() + " captured twice, decrypted once)",
                result.rocAtEnd());
        if (result.srtcpOk() + result.srtcpFailed() > 0) {
            stdout.printf("  %d SRTCP packets: %d decrypted, %d failed authentication%n",
                    result.srtcpOk() + result.srtcpFailed(), result.srtcpOk(), result.srtcpFailed());
        }
    }

    private boolean writeWav(SrtpCaptureDecryptor.Result result) throws IOException {
        WavRecorder recorder = new WavRecorder();
        for (RtpPacket packet : result.rtp()) {
            recorder.received(packet, 0);
        }
        if (recorder.samples().length == 0) {
            List<Integer> types = result.rtp().stream().map(RtpPacket::payloadType).distinct().toList();
            spec.commandLine().getErr().println(NAME + "the stream carries no G.711 (payload types " + types
                    + ", expected " + G711.PCMU.payloadType() + " or " + G711.PCMA.payloadType()
                    + "); write a .pcap instead");
            return false;
        }
        recorder.save(out);
        spec.commandLine().getOut().printf("wrote %s: %.2f s of 8 kHz audio%s%n", out,
                recorder.duration().toMillis() / 1000.0,
                recorder.undecodable() == 0 ? "" : " (" + recorder.undecodable() + " packets not G.711 left out)");
        return true;
    }

    private void writePcap(PrintWriter stdout, SrtpCaptureDecryptor.Result result) throws IOException {
        int linkType = result.first().packet().linkType();
        List<CapturedPacket> packets = result.capture().stream().filter(p -> p.linkType() == linkType).toList();
        Files.write(out, PcapWriter.encode(linkType, packets));
        int other = result.capture().size() - packets.size();
        stdout.printf("wrote %s: %d packets%s%n", out, packets.size(),
                other == 0 ? "" : " (" + other + " from interfaces of another link type left out)");
    }

    private int invalid(String message) {
        spec.commandLine().getErr().println(NAME + message);
        return ExitCodes.INVALID_INPUT;
    }

    private static long unsigned32(String option, String text) {
        String value = text.strip();
        try {
            long parsed = value.startsWith("0x") || value.startsWith("0X") ? Long.parseLong(value.substring(2), 16)
                    : Long.parseLong(value);
            if (parsed >= 0 && parsed <= 0xFFFF_FFFFL) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected 0 to 4294967295 (decimal or 0x hex), got '" + text + "'");
    }

    /** {@code 192.0.2.1:4000} or {@code [2001:db8::1]:4000}, IPv6 in the short form of RFC 5952. */
    static String address(java.net.InetSocketAddress address) {
        if (!(address.getAddress() instanceof java.net.Inet6Address)) {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }
        byte[] bytes = address.getAddress().getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 1 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.append("]:").append(address.getPort()).toString();
    }

    private static String message(IOException e, Path path) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return path + ": no such file";
        }
        return e.getMessage();
    }
}

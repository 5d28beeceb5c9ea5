package io.sipshield.harness.peers;

import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.Pem;
import io.sipshield.certs.format.CombinedPem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The configuration directory of one baresip 1.0 ({@code baresip -f dir}): {@code config},
 * {@code accounts}, {@code uuid} and the TLS certificate, all on 127.0.0.1.
 *
 * <p>What each line does, from baresip's {@code docs/examples/config} and {@code src/config.c}:
 * <ul>
 *   <li>{@code sip_listen 127.0.0.1:p} binds UDP and TCP on p and, with a {@code sip_certificate},
 *       TLS on p + 1 (libre {@code sip_transp_add} is called for TLS with port + 1; seen by running).</li>
 *   <li>{@code net_interface 127.0.0.1}: without it baresip picks the first non-loopback address
 *       and puts it in SDP, so media would not stay on loopback.</li>
 *   <li>{@code sip_certificate}: one PEM with certificate and private key. baresip does not check
 *       the phone's certificate (no {@code sip_cafile} here): it is a media peer, not a TLS judge.</li>
 *   <li>Audio: {@code aufile} plays the WAV as the microphone (source only in 1.0);
 *       {@code alsa,null} (ALSA's null device) is the speaker, since there is no sound card;
 *       {@code sndfile} writes {@code dump-<time>-dec.wav} (what it received) and {@code -enc.wav}
 *       (what it sent) into {@code snd_path}.</li>
 *   <li>{@code srtp} is libre's own SRTP ({@code rem/srtp}, not libsrtp): {@code mediaenc=srtp-mand}
 *       offers RTP/SAVP with {@code a=crypto} and refuses a call without it.</li>
 *   <li>{@code ctrl_tcp} takes JSON commands and sends JSON events as netstrings.</li>
 *   <li>{@code uuid}: baresip reads it verbatim; a trailing newline becomes part of the
 *       {@code +sip.instance} it sends, so the file is written without one.</li>
 * </ul>
 *
 * @param user            the account's user ({@code 102}): baresip answers INVITEs whose request-URI user is this
 * @param sipPort         {@code sip_listen} port; TLS listens on this + 1
 * @param controlPort     the {@code ctrl_tcp} port
 * @param certificate     the certificate baresip presents on its TLS listener
 * @param mediaEncryption {@code srtp-mand} (SRTP or nothing) or {@code srtp} (SRTP offered, RTP accepted)
 * @param audioSource     the WAV baresip sends (8 kHz mono 16-bit)
 * @param autoAnswer      whether incoming calls are answered at once ({@code answermode=auto})
 */
public record BaresipConfig(String user, int sipPort, int controlPort, IssuedCertificate certificate,
                            String mediaEncryption, Path audioSource, boolean autoAnswer) {

    /** The modules loaded, in order. */
    static final List<String> MODULES = List.of("g711.so", "aufile.so", "alsa.so", "sndfile.so", "srtp.so",
            "account.so");
    static final String MODULE_PATH = "/usr/lib/baresip/modules";
    static final String RECORDINGS = "recordings";

    public BaresipConfig {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(audioSource, "audioSource");
        if (!List.of("srtp", "srtp-mand", "srtp-mandf").contains(mediaEncryption)) {
            throw new IllegalArgumentException("mediaEncryption: expected srtp, srtp-mand or srtp-mandf, got "
                    + mediaEncryption);
        }
        if (sipPort < 1 || sipPort > 65534) {
            throw new IllegalArgumentException("sipPort: expected 1..65534 (TLS takes sipPort + 1), got " + sipPort);
        }
    }

    public int tlsPort() {
        return sipPort + 1;
    }

    /** The {@code config} file's text. */
    String configText(Path directory) {
        StringBuilder text = new StringBuilder()
                .append("poll_method\t\tepoll\n")
                .append("sip_listen\t\t127.0.0.1:").append(sipPort).append('\n')
                .append("sip_certificate\t\t").append(directory.resolve("cert.pem")).append('\n')
                .append("net_interface\t\t127.0.0.1\n")
                .append("audio_player\t\talsa,null\n")
                .append("audio_alert\t\talsa,null\n")
                .append("audio_source\t\taufile,").append(audioSource.toAbsolutePath()).append('\n')
                .append("audio_srate\t\t8000\n")
                .append("audio_channels\t\t1\n")
                .append("rtp_timeout\t\t0\n")
                .append("module_path\t\t").append(MODULE_PATH).append('\n');
        MODULES.forEach(module -> text.append("module\t\t\t").append(module).append('\n'));
        return text.append("module_app\t\tmenu.so\n")
                .append("module_app\t\tctrl_tcp.so\n")
                .append("ctrl_tcp_listen\t\t127.0.0.1:").append(controlPort).append('\n')
                .append("snd_path\t\t").append(directory.resolve(RECORDINGS)).append('\n')
                .toString();
    }

    /** The {@code accounts} file's one line: no registration ({@code regint=0}), G.711 only. */
    String accountLine() {
        return "<sip:" + user + "@127.0.0.1;transport=tls>;regint=0;mediaenc=" + mediaEncryption
                + ";answermode=" + (autoAnswer ? "auto" : "manual") + ";audio_codecs=PCMU,PCMA;ptime=20\n";
    }

    /** Writes config, accounts, uuid (no trailing newline), cert.pem (the chain without its root, then the key) and the
     * recordings directory. */
    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory.resolve(RECORDINGS));
        Files.writeString(directory.resolve("config"), configText(directory), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("accounts"), accountLine(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("uuid"), UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8))
                .toString(), StandardCharsets.US_ASCII);
        CombinedPem.write(directory.resolve("cert.pem"), Pem.certificates(certificate.chainWithoutRoot())
                + certificate.privateKeyPem());
        return directory;
    }
}

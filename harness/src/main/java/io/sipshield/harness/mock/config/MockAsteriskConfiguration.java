package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.dialplan.PromptLibrary;
import io.sipshield.certs.format.CertificateAndKey;
import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.CertificateFiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAor;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.mock.TlsMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a real Asterisk's {@code pjsip.conf} and {@code extensions.conf} into a configured
 * {@link MockAsterisk}: the TLS transport (bind, cert_file + priv_key_file, ca_list_file, method,
 * cipher, verify_client, require_client_cert), each endpoint with its auth and AOR, and the
 * dialplan of the endpoints' contexts, every priority of every extension, which the mock executes.
 * What the mock cannot do is a warning naming the file and line, never silently dropped.
 */
public final class MockAsteriskConfiguration {

    /**
     * @param builder  the mock, configured, ready to {@code build().start()} (add {@code port(0)} for tests)
     * @param warnings what the configuration asks for that the mock does not do
     */
    public record Loaded(MockAsterisk.Builder builder, List<ConfigWarning> warnings) {

        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    private final PjsipConf pjsip;
    private final ExtensionsConf extensions;
    private final Path pjsipFile;
    /** Playback()'s built-in prompts, for load-time warnings about the others. */
    private static final PromptLibrary PROMPTS = new PromptLibrary(null);

    private final List<ConfigWarning> warnings = new ArrayList<>();

    private MockAsteriskConfiguration(PjsipConf pjsip, ExtensionsConf extensions, Path pjsipFile) {
        this.pjsip = pjsip;
        this.extensions = extensions;
        this.pjsipFile = pjsipFile;
    }

    /** Reads {@code pjsip.conf} and {@code extensions.conf} from {@code directory}. */
    public static Loaded load(Path directory) throws ConfigFileException {
        Path pjsipFile = directory.resolve("pjsip.conf");
        Path extensionsFile = directory.resolve("extensions.conf");
        for (Path file : List.of(pjsipFile, extensionsFile)) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigFileException(file, 0, "missing: the mock reads pjsip.conf and extensions.conf from "
                        + directory);
            }
        }
        PjsipConf pjsip = PjsipConf.load(pjsipFile);
        ExtensionsConf extensions = ExtensionsConf.load(extensionsFile);
        return new MockAsteriskConfiguration(pjsip, extensions, pjsipFile).configure();
    }

    private Loaded configure() throws ConfigFileException {
        warnings.addAll(pjsip.warnings());
        warnings.addAll(extensions.warnings());
        MockAsterisk.Builder builder = MockAsterisk.builder();
        if (pjsip.global() != null && pjsip.global().userAgent() != null) {
            builder.userAgent(pjsip.global().userAgent());
        }
        transport(builder);
        for (PjsipEndpoint endpoint : pjsip.endpoints().values()) {
            builder.endpoint(endpoint(endpoint));
            dialplan(builder, endpoint);
        }
        return new Loaded(builder, warnings);
    }

    private void transport(MockAsterisk.Builder builder) throws ConfigFileException {
        PjsipTransport tls = null;
        for (PjsipTransport transport : pjsip.transports().values()) {
            if (transport.protocol() == TransportProtocol.TLS && tls == null) {
                tls = transport;
            } else {
                warnings.add(new ConfigWarning(pjsipFile, 0, "protocol", "transport [" + transport.name() + "] ("
                        + transport.protocol() + ") is not served: the mock serves one SIP-over-TLS transport"));
            }
        }
        if (tls == null) {
            throw new ConfigFileException(pjsipFile, 0, "no transport with protocol=tls: the mock serves SIP over TLS");
        }
        String where = "transport [" + tls.name() + "]";
        builder.transportName(tls.name()).bindAddress(tls.bind().host()).port(tls.bind().portOr(TransportProtocol.TLS));
        Path certFile = tls.certFile().orElseThrow(() -> new ConfigFileException(pjsipFile, 0,
                where + ": cert_file is required for protocol=tls"));
        Path keyFile = tls.privKeyFile().orElseThrow(() -> new ConfigFileException(pjsipFile, 0,
                where + ": priv_key_file is required for protocol=tls"));
        List<X509Certificate> chain = read(certFile, where + " cert_file").certificates();
        if (chain.isEmpty()) {
            throw new ConfigFileException(certFile, 0, where + ": cert_file holds no certificate");
        }
        CertificateFileContents key = read(keyFile, where + " priv_key_file");
        if (key.privateKey().isEmpty()) {
            throw new ConfigFileException(keyFile, 0, where + ": priv_key_file holds no private key");
        }
        // PJSIP sends cert_file as it is (SSL_CTX_use_certificate_chain_file): every certificate, in file order.
        builder.certificateFile(new CertificateAndKey(chain, key.privateKey().get().key()));
        builder.certFileName(certFile.toString());
        if (tls.caListFile().isPresent()) {
            builder.caList(read(tls.caListFile().get(), where + " ca_list_file").certificates());
        }
        if (tls.caListPath().isPresent()) {
            warnings.add(new ConfigWarning(pjsipFile, 0, "ca_list_path", where + ": ca_list_path is not read by the mock; "
                    + "use ca_list_file"));
        }
        builder.method(tls.method());
        if (!tls.ciphers().isEmpty()) {
            try {
                builder.ciphers(tls.ciphers());
            } catch (IllegalArgumentException e) {
                throw new ConfigFileException(pjsipFile, 0, where + ": cipher: " + e.getMessage());
            }
        }
        builder.verifyClient(tls.verifyClient()).requireClientCert(tls.requireClientCert());
    }

    private CertificateFileContents read(Path file, String what) throws ConfigFileException {
        try {
            return CertificateFiles.read(file);
        } catch (CertificateFileException e) {
            throw new ConfigFileException(file, 0, what + ": " + e.getMessage());
        }
    }

    private MockEndpoint endpoint(PjsipEndpoint endpoint) throws ConfigFileException {
        String where = "endpoint [" + endpoint.name() + "]";
        if (endpoint.auths().isEmpty()) {
            throw new ConfigFileException(pjsipFile, 0, where + ": no auth; the mock challenges every endpoint");
        }
        PjsipAuth auth = pjsip.auth(endpoint.auths().get(0)).orElseThrow(() -> new ConfigFileException(pjsipFile, 0,
                where + ": auth [" + endpoint.auths().get(0) + "] is not defined"));
        if (!auth.username().equals(endpoint.name())) {
            throw new ConfigFileException(pjsipFile, 0, where + ": auth [" + auth.name() + "] has username '"
                    + auth.username() + "'; the mock identifies endpoints by the From user and needs it to be the endpoint name");
        }
        if (endpoint.codecs().isEmpty()) {
            throw new ConfigFileException(pjsipFile, 0, where + ": allow names no codec; the mock takes ulaw and alaw");
        }
        MockEndpoint mock = new MockEndpoint(endpoint.name(), auth.password(), endpoint.mediaEncryption())
                .withRewriteContact(endpoint.rewriteContact())
                .withMediaEncryptionOptimistic(endpoint.mediaEncryptionOptimistic())
                .withSrtpTag32(endpoint.srtpTag32())
                .withCodecs(endpoint.codecs().stream().map(codec -> codec == Codec.ALAW ? G711.PCMA : G711.PCMU).toList());
        Optional<PjsipAor> aor = endpoint.aors().isEmpty() ? Optional.empty() : pjsip.aor(endpoint.aors().get(0));
        if (aor.isPresent()) {
            PjsipAor options = aor.get();
            mock = mock.withAor(MockAor.asteriskDefaults().withMaxContacts(options.maxContacts())
                    .withRemoveExisting(options.removeExisting()).withQualifyFrequency(options.qualifyFrequency())
                    .withExpirations(options.defaultExpiration(), options.minimumExpiration(), options.maximumExpiration()));
        } else {
            warnings.add(new ConfigWarning(pjsipFile, 0, "aors", where + ": no aor, so it cannot register"));
            mock = mock.withAor(MockAor.asteriskDefaults().withMaxContacts(0));
        }
        if (endpoint.mediaEncryptionOptimistic() && endpoint.mediaEncryption() == MediaEncryption.NO) {
            // pjsip_config.xml: "This option only applies if media_encryption is set to 'sdes' or 'dtls'."
            warnings.add(new ConfigWarning(pjsipFile, 0, "media_encryption_optimistic",
                    where + ": has no effect with media_encryption=no"));
        }
        return mock;
    }

    /** The extensions of the endpoint's context that the mock executes. */
    private void dialplan(MockAsterisk.Builder builder, PjsipEndpoint endpoint) {
        Optional<DialplanContext> context = extensions.context(endpoint.context());
        if (context.isEmpty()) {
            warnings.add(new ConfigWarning(pjsipFile, 0, "context", "endpoint [" + endpoint.name() + "]: context ["
                    + endpoint.context() + "] is not in extensions.conf: its calls get 404"));
            return;
        }
        for (DialplanExtension extension : context.get().extensions()) {
            for (String dialled : dialledNumbers(extension)) {
                apply(builder, dialled, extension);
            }
        }
    }

    /** A literal extension, or the endpoint names a pattern matches (so that _10[1-3] reaches 101-103). */
    private List<String> dialledNumbers(DialplanExtension extension) {
        if (!extension.pattern().isPattern()) {
            return List.of(extension.pattern().text());
        }
        return pjsip.endpoints().keySet().stream().filter(extension.pattern()::matches).toList();
    }

    /**
     * Every priority of the extension, in order, becomes the mock's dialplan for {@code dialled}:
     * the mock executes them all ({@link io.sipshield.harness.mock.dialplan.DialplanExecution}).
     * What runs differently from Asterisk is a warning naming the line: a prompt that is not built
     * in (Playback warns and goes on, as Asterisk does when the sound file is missing), a variable
     * other than {@code ${EXTEN}}, a Dial() after Answer() (not bridged by the mock).
     */
    private void apply(MockAsterisk.Builder builder, String dialled, DialplanExtension extension) {
        List<DialplanApplication> priorities = new ArrayList<>();
        boolean answered = false;
        for (DialplanPriority priority : extension.priorities()) {
            DialplanApplication app = priority.application();
            String where = "extension " + dialled + " priority " + priority.number() + ": ";
            if (app instanceof DialplanApplication.Playback playback) {
                for (String prompt : playback.prompts()) {
                    String name = prompt.replace("${EXTEN}", dialled);
                    if (!PROMPTS.knows(name)) {
                        warnOnce(new ConfigWarning(priority.file(), priority.line(), "Playback", where + "prompt '"
                                + name + "' is not built in (beep, silence/1..10) and no sounds directory is set: "
                                + "Playback() skips it with a warning, as Asterisk does for a missing sound file"));
                    }
                }
            } else if (app instanceof DialplanApplication.Dial dial) {
                if (answered) {
                    warnOnce(new ConfigWarning(priority.file(), priority.line(), "Dial", where
                            + "Dial() after Answer() is not bridged by the mock: it ends with DIALSTATUS=CHANUNAVAIL"));
                }
                if (dial.endpoint().replace("${EXTEN}", dialled).contains("${")) {
                    warnOnce(new ConfigWarning(priority.file(), priority.line(), "Dial", where + "Dial(PJSIP/"
                            + dial.endpoint() + "): the mock substitutes ${EXTEN} only; other variables stay as text"));
                }
            } else if (app instanceof DialplanApplication.Answer) {
                answered = true;
            }
            priorities.add(app);
        }
        builder.extension(dialled, priorities);
    }

    /** Endpoints sharing a context map its extensions again: each warning is kept once. */
    private void warnOnce(ConfigWarning warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }
}

package io.sipshield.harness.mock;

import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.certs.format.PemFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code openssl s_server} on 127.0.0.1, port 0: the reference for what an Asterisk built on
 * OpenSSL 3 sends (PJSIP hands its {@code cipher} and {@code method} to the same library). Ready once
 * it prints {@code ACCEPT 127.0.0.1:<port>}; its output is kept for the failure message. Without an
 * {@code openssl} binary the test is skipped with the reason.
 */
public final class OpenSslServer implements AutoCloseable {

    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final InetSocketAddress address;

    private OpenSslServer(Process process) throws IOException, InterruptedException {
        this.process = process;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    Matcher accept = ACCEPT.matcher(line);
                    if (accept.find()) {
                        port.complete(Integer.parseInt(accept.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException("openssl s_server ended before listening:\n" + output));
        }, "openssl-s_server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            this.address = new InetSocketAddress("127.0.0.1", port.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("openssl s_server did not print 'ACCEPT 127.0.0.1:<port>' within 10 s:\n" + output, e);
        }
    }

    /**
     * Starts {@code openssl s_server -accept 127.0.0.1:0 -cert ... -key ... options...} with the
     * certificate written as Asterisk's cert_file / priv_key_file into {@code directory}; its
     * intermediates, if any, are also passed as {@code -cert_chain} so that s_server sends them as
     * Asterisk would.
     */
    public static OpenSslServer start(Path directory, IssuedCertificate certificate, String... options)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(installed(), "openssl is not installed (apt-get install openssl)");
        AsteriskTlsFiles files = AsteriskTlsFiles.in(directory).write(certificate,
                List.of(certificate.chain().get(certificate.chain().size() - 1)));
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", files.certFile().toString(), "-key", files.privKeyFile().toString()));
        List<X509Certificate> intermediates = certificate.chainWithoutRoot().subList(1,
                certificate.chainWithoutRoot().size());
        if (!intermediates.isEmpty()) {
            // s_server -cert sends the file's first certificate only; PJSIP loads cert_file with
            // SSL_CTX_use_certificate_chain_file and sends the rest too, so hand them over as -cert_chain
            Path chain = directory.resolve("cert-chain.pem");
            PemFiles.write(chain, PemFiles.certificates(intermediates));
            command.addAll(List.of("-cert_chain", chain.toString()));
        }
        command.addAll(List.of(options));
        return new OpenSslServer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static boolean installed() {
        try {
            Process version = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** What s_server printed so far (its errors name the reason, e.g. {@code no shared cipher}). */
    public String output() {
        return output.toString();
    }

    /** Waits up to 5 s for s_server to print a line containing {@code text}. */
    public boolean awaitOutput(String text) throws InterruptedException {
        for (int i = 0; i < 100 && !output().contains(text); i++) {
            Thread.sleep(50);
        }
        return output().contains(text);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

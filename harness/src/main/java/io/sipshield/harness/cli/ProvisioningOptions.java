package io.sipshield.harness.cli;

import io.sipshield.certs.format.CertificateAndKey;
import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.PrivateKeys;
import io.sipshield.harness.provisioning.ProvisioningRequest.Transport;
import io.sipshield.harness.provisioning.ProvisioningServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code serve} options of the provisioning server ({@code --provisioning DIR} and its ports
 * and HTTPS certificate), and starting it from them. Each answered request is logged as one line
 * ({@code provisioning HTTP 10.0.0.5:40000 GET /ITLFile.tlv: SERVED (200), 4512 bytes}).
 */
final class ProvisioningOptions {

    @Option(names = "--provisioning", paramLabel = "DIR",
            description = "Also (or only) serve this directory read-only over HTTP, HTTPS and TFTP, as a Cisco phone's "
                    + "provisioning server (trust lists, SEP<MAC>.cnf.xml[.sgn], ...).")
    private Path directory;

    @Option(names = "--http-port", paramLabel = "N", description = "Provisioning HTTP port (default 6970; 0: a free one).")
    private Integer httpPort;

    @Option(names = "--https-port", paramLabel = "N",
            description = "Provisioning HTTPS port (default 6971; 0: a free one). Needs --https-cert.")
    private Integer httpsPort;

    @Option(names = "--https-cert", paramLabel = "FILE",
            description = "Serve HTTPS with this certificate (PEM/DER/PKCS#12; chain sent in file order). Cisco phones "
                    + "want an EC key in the ITL with the TFTP role. SEP<MAC>.cnf.xml.sgn is answered with the unsigned file.")
    private Path httpsCert;

    @Option(names = "--https-key", paramLabel = "FILE",
            description = "The private key of --https-cert (default: the key inside --https-cert).")
    private Path httpsKey;

    @Option(names = "--tftp-port", paramLabel = "N",
            description = "Provisioning TFTP port (default 69, which needs root or CAP_NET_BIND_SERVICE; 0: a free one).")
    private Integer tftpPort;

    /** True when {@code --provisioning} was given. */
    boolean requested() {
        return directory != null;
    }

    /**
     * Checks the options, starts the server on {@code bindAddress} (null: every address) and prints
     * where it listens.
     *
     * @throws UnusableInput naming the option at fault, or the port that could not be bound
     */
    ProvisioningServer start(String bindAddress, PrintWriter out) throws UnusableInput {
        if (directory == null) {
            List<String> stray = new ArrayList<>();
            if (httpPort != null) {
                stray.add("--http-port");
            }
            if (httpsPort != null) {
                stray.add("--https-port");
            }
            if (httpsCert != null) {
                stray.add("--https-cert");
            }
            if (httpsKey != null) {
                stray.add("--https-key");
            }
            if (tftpPort != null) {
                stray.add("--tftp-port");
            }
            if (!stray.isEmpty()) {
                throw new UnusableInput(String.join(", ", stray) + " belong(s) to the provisioning server: add --provisioning DIR");
            }
            return null;
        }
        if (!Files.isDirectory(directory)) {
            throw new UnusableInput("--provisioning " + directory + ": not a directory");
        }
        if (httpsCert == null && (httpsPort != null || httpsKey != null)) {
            throw new UnusableInput((httpsPort != null ? "--https-port" : "--https-key") + " needs --https-cert FILE");
        }
        ProvisioningServer.Builder builder = ProvisioningServer.builder().directory(directory);
        try {
            if (bindAddress != null) {
                builder.bindAddress(bindAddress);
            }
            if (httpPort != null) {
                builder.httpPort(httpPort);
            }
            if (tftpPort != null) {
                builder.tftpPort(tftpPort);
            }
            if (httpsPort != null) {
                builder.httpsPort(httpsPort);
            }
        } catch (IllegalArgumentException e) {
            throw new UnusableInput(e.getMessage().replaceFirst("^(http|https|tftp)Port", "--$1-port"));
        }
        if (httpsCert != null) {
            CertificateAndKey certificate = httpsCertificate();
            builder.httpsCertificate(certificate);
            if (!"EC".equals(certificate.certificate().getPublicKey().getAlgorithm())) {
                out.println("warning: --https-cert has a " + certificate.certificate().getPublicKey().getAlgorithm()
                        + " key: Cisco phones accept only an EC key on the HTTPS provisioning port (DEVICES.md §A.3)");
            }
        }
        builder.onRequest(request -> {
            out.println("provisioning " + request.toLine());
            out.flush();
        });
        ProvisioningServer server;
        try {
            server = builder.build().start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnusableInput("--provisioning: " + e.getMessage());
        }
        StringBuilder line = new StringBuilder("provisioning server for ").append(directory).append(':');
        for (Transport transport : Transport.values()) {
            if (server.serves(transport)) {
                var address = server.address(transport);
                line.append(' ').append(transport).append(' ').append(address.getAddress().getHostAddress()).append(':')
                        .append(address.getPort());
            }
        }
        out.println(line);
        out.flush();
        return server;
    }

    private CertificateAndKey httpsCertificate() throws UnusableInput {
        CertificateFileContents certFile = UnusableInput.readCertificateFile(httpsCert);
        List<X509Certificate> chain = certFile.certificates();
        if (chain.isEmpty()) {
            throw new UnusableInput("--https-cert " + httpsCert + ": holds no certificate");
        }
        CertificateFileContents keyFile = httpsKey != null ? UnusableInput.readCertificateFile(httpsKey) : certFile;
        PrivateKey key = keyFile.key().orElseThrow(() -> new UnusableInput(httpsKey != null
                ? "--https-key " + httpsKey + ": holds no private key"
                : "--https-cert " + httpsCert + ": holds no private key; give it with --https-key FILE"));
        if (!PrivateKeys.matches(key, chain.get(0).getPublicKey())) {
            throw new UnusableInput("--https-key: the private key does not belong to the first certificate of --https-cert "
                    + httpsCert + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        return new CertificateAndKey(chain, key);
    }
}

package io.sipshield.harness.docker;

import io.sipshield.harness.run.AsteriskConfigExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A real Asterisk in Docker playing a scenario's server, from the directory {@code sipshield asterisk-config}
 * wrote ({@link AsteriskConfigExport}, generated with {@code --asterisk-dir /etc/asterisk/keys}): its
 * pjsip.conf and extensions.conf replace the image's, its {@code keys/} go to {@code /etc/asterisk/keys}.
 * The image's other files (modules.conf, rtp.conf, asterisk.conf...) stay, which is why single files are
 * copied rather than a directory mounted over {@code /etc/asterisk}.
 *
 * <p>Host networking, because RTP is UDP: Testcontainers maps TCP ports only (testcontainers-java issue
 * #554), and behind Docker's NAT the SDP Asterisk sends would name the container's address, not one the
 * phones can reach. So the transport binds a port of the host ({@code --bind 127.0.0.1:PORT}), and
 * readiness is that port accepting connections ({@link TcpPortWaitStrategy}). Host networking needs a
 * Linux Docker engine (Docker Desktop only in recent versions, as an opt-in).
 *
 * <p>The image is {@value #IMAGE_PROPERTY} or {@value #IMAGE_ENV}, else {@value #DEFAULT_IMAGE} ([GUESS]
 * a commonly used public image with PJSIP, OpenSSL and res_srtp; any image with Asterisk in
 * {@code /etc/asterisk} that runs it in the foreground will do).
 */
public final class AsteriskContainer extends GenericContainer<AsteriskContainer> {

    public static final String IMAGE_PROPERTY = "sipshield.asterisk.image";
    public static final String IMAGE_ENV = "SIPSHIELD_ASTERISK_IMAGE";
    public static final String DEFAULT_IMAGE = "andrius/asterisk:latest";
    /** Where the generated configuration must say the keys are ({@code --asterisk-dir}). */
    public static final String KEYS_IN_CONTAINER = "/etc/asterisk/keys";

    private final int port;

    /**
     * @param config a directory written by {@link AsteriskConfigExport} with {@code asteriskDirectory(KEYS_IN_CONTAINER)}
     * @param port   the host port its transport binds (the export's {@code bind})
     */
    public AsteriskContainer(Path config, int port) {
        super(DockerImageName.parse(image()));
        this.port = port;
        withNetworkMode("host");
        withCopyFileToContainer(MountableFile.forHostPath(config.resolve("pjsip.conf"), 0644), "/etc/asterisk/pjsip.conf");
        withCopyFileToContainer(MountableFile.forHostPath(config.resolve("extensions.conf"), 0644),
                "/etc/asterisk/extensions.conf");
        try (Stream<Path> keys = Files.list(config.resolve(AsteriskConfigExport.KEYS))) {
            // 0644 inside the throwaway container: the image may run Asterisk as a user other than root
            keys.forEach(file -> withCopyFileToContainer(MountableFile.forHostPath(file, 0644),
                    KEYS_IN_CONTAINER + "/" + file.getFileName()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + config.resolve(AsteriskConfigExport.KEYS), e);
        }
        waitingFor(new TcpPortWaitStrategy("127.0.0.1", port).withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** The host port the TLS transport listens on. */
    public int tlsPort() {
        return port;
    }

    /** The image to run: the system property, the environment variable, or the default. */
    public static String image() {
        String property = System.getProperty(IMAGE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(IMAGE_ENV);
        return env != null && !env.isBlank() ? env : DEFAULT_IMAGE;
    }
}

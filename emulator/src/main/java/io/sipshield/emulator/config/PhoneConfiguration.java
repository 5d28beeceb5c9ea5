package io.sipshield.emulator.config;

import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the emulator takes from one vendor configuration file (or Algo device tree): the account,
 * the server the phone registers with, the CAs loaded on it, its client certificate, the wildcard
 * setting, how the file changes the device profile, and a warning for everything it does not model.
 *
 * <pre>{@code
 * PhoneConfiguration config = PhoneConfigurations.read(Path.of("algo/8301"));
 * DeviceProfile profile = config.profile().resolve(DeviceProfiles.ALGO_8301_3_1);
 * PhoneSettings.Builder settings = PhoneSettings.builder();
 * config.applyTo(settings);            // or applyTo(settings, address) to reach serverHost elsewhere
 * Phone phone = Phone.create(profile, settings.build(), loops);
 * }</pre>
 *
 * @param source            the file or directory read, as the user named it
 * @param kind              which reader produced it
 * @param account           the account; empty when the file carries none (the caller supplies it)
 * @param serverHost        the host the phone dials: request URIs and the certificate identity check use it
 * @param serverPort        the server's SIP-TLS port
 * @param trustAnchors      the CA certificates the file loads onto the phone, with their files
 * @param clientCredentials the certificate and key the phone presents when asked (Algo sipclient.pem), if any
 * @param allowWildcards    {@code tls_allow_wildcard_certs}; honoured only on firmware that has it
 * @param profile           how the file decides the device profile
 * @param warnings          every setting read but not modelled, in file order
 * @param alternate         the server the phone fails over to when the primary cannot be reached (a Digium
 *                          {@code <host_alternate>}), if the file names one
 */
public record PhoneConfiguration(String source, Kind kind, Optional<Account> account, String serverHost, int serverPort,
                                 List<LoadedCertificate> trustAnchors, Optional<ClientCredentials> clientCredentials,
                                 boolean allowWildcards, ProfileChoice profile, List<ConfigProblem> warnings,
                                 Optional<Server> alternate) {

    /**
     * A server the file names besides the primary.
     *
     * @param host the host name (SNI, request URIs, identity check)
     * @param port its SIP-TLS port
     */
    public record Server(String host, int port) {
        public Server {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: expected 1-65535, got " + port);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** A file that names no alternate server. */
    public PhoneConfiguration(String source, Kind kind, Optional<Account> account, String serverHost, int serverPort,
                              List<LoadedCertificate> trustAnchors, Optional<ClientCredentials> clientCredentials,
                              boolean allowWildcards, ProfileChoice profile, List<ConfigProblem> warnings) {
        this(source, kind, account, serverHost, serverPort, trustAnchors, clientCredentials, allowWildcards, profile,
                warnings, Optional.empty());
    }

    /** The readers. */
    public enum Kind {
        /** A Digium D-Series XML configuration ({@link DigiumXmlConfig}). */
        DIGIUM_XML,
        /** A DPMA res_digium_phone.conf ({@link DpmaConfig}). */
        DIGIUM_DPMA,
        /** An Algo device tree: config.txt and certs/ ({@link AlgoConfig}). */
        ALGO
    }

    public PhoneConfiguration {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(serverHost, "serverHost");
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("serverPort: expected 1-65535, got " + serverPort);
        }
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(clientCredentials, "clientCredentials");
        Objects.requireNonNull(profile, "profile");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(alternate, "alternate");
    }

    /**
     * Sets what the file decides on {@code builder}: account (when the file has one), server host,
     * server address ({@code serverHost:serverPort}, resolved when the phone connects), every trust
     * anchor, the wildcard setting and the client certificate. Everything else keeps the builder's value.
     */
    public PhoneSettings.Builder applyTo(PhoneSettings.Builder builder) {
        return applyTo(builder, InetSocketAddress.createUnresolved(serverHost, serverPort));
    }

    /**
     * As {@link #applyTo(PhoneSettings.Builder)}, but reaches {@code serverHost} at {@code address} on the
     * file's port: a lab whose DNS does not know the file's host name, or a mock on loopback.
     */
    public PhoneSettings.Builder applyTo(PhoneSettings.Builder builder, InetAddress address) {
        return applyTo(builder, new InetSocketAddress(address, serverPort));
    }

    private PhoneSettings.Builder applyTo(PhoneSettings.Builder builder, InetSocketAddress connectTo) {
        account.ifPresent(a -> builder.account(a.user(), a.password()));
        builder.serverHost(serverHost).serverAddress(connectTo).allowWildcards(allowWildcards);
        alternate.ifPresent(server -> builder.alternateServer(io.sipshield.emulator.AlternateServer.of(server.host(),
                InetSocketAddress.createUnresolved(server.host(), server.port()))));
        trustAnchors.forEach(anchor -> builder.trust(anchor.certificate()));
        clientCredentials.ifPresent(builder::clientCredentials);
        return builder;
    }

    /**
     * The file's warnings plus those that depend on the profile the phone finally runs: a
     * {@code tls_allow_wildcard_certs=1} on firmware without the setting (before D6x 2_9_2 / D80 1_12_1)
     * is ignored by the phone.
     */
    public List<ConfigProblem> warningsFor(DeviceProfile resolved) {
        List<ConfigProblem> all = new ArrayList<>(warnings);
        if (allowWildcards && !resolved.wildcardSetting()) {
            all.add(ConfigProblem.warning(source, 0, "tls_allow_wildcard_certs",
                    "ignored by " + resolved.name() + ": the setting exists from D6x 2_9_2 / D80 1_12_1"));
        }
        return all;
    }
}

package io.sipshield.harness.load;

import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAor;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.mock.ServerSessionResumption;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The mock a load run talks to when it runs in a JVM of its own ({@code sipshield bench load-server}):
 * the same endpoints as the embedded one ({@link EmbeddedMock}: one per phone of {@code users}, the
 * password {@link LoadRun#MOCK_PASSWORD_TEMPLATE}, optimistic SDES, {@code minimum_expiration=1},
 * Answer()+Echo() on the extension), on an address and port of the caller's choice, with its own
 * event loops, and the TLS session resumption it is asked for. Phones in another JVM reach it with
 * {@code load --target HOST:PORT --trust <the root> --server-name }{@value EmbeddedMock#SERVER_NAME}.
 *
 * @param users      the phones' users (as {@code load} numbers them)
 * @param extension  the echo extension
 * @param bind       the address to listen on
 * @param port       the port (0: a free one)
 * @param resumption which resumptions the transport grants
 */
public record LoadMock(PhoneRange users, String extension, String bind, int port,
                       ServerSessionResumption resumption) {

    /** The name phones dial and the mock's certificate is issued for. */
    public static final String SERVER_NAME = EmbeddedMock.SERVER_NAME;

    public LoadMock {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(resumption, "resumption");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: expected 0 to 65535, got " + port);
        }
    }

    /** The certificate the mock presents (the test PKI's {@code pbx-server}, for {@link #SERVER_NAME}). */
    public static IssuedCertificate certificate(FixtureCatalog pki) {
        return pki.get(FixtureName.PBX_SERVER);
    }

    /** The CA phones must trust to accept {@link #certificate}. */
    public static X509Certificate root(FixtureCatalog pki) {
        return pki.get(FixtureName.TEST_ROOT).certificate();
    }

    /** Starts the mock on {@code group}; the caller closes it (and the group). */
    public MockAsterisk start(FixtureCatalog pki, EventLoopGroup group) {
        MockAsterisk.Builder builder = MockAsterisk.builder().certificate(certificate(pki))
                .bindAddress(bind).port(port).eventLoopGroup(group)
                .extension(extension, DialplanApp.ECHO)
                .sessionResumption(resumption);
        MockAor aor = MockAor.onePhone().withExpirations(3600, 1, 7200);
        for (long number = users.first(); number <= users.last(); number++) {
            String user = users.userPrefix() + number;
            builder.endpoint(new MockEndpoint(user, LoadRun.MOCK_PASSWORD_TEMPLATE.replace("{user}", user),
                    MediaEncryption.SDES).withAor(aor).withMediaEncryptionOptimistic(true));
        }
        return builder.build().start();
    }
}

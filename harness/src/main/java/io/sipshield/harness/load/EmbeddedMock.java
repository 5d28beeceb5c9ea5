package io.sipshield.harness.load;

import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAor;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;

/**
 * The mock Asterisk a load run starts in its own JVM: 127.0.0.1, a free port, the phones' event
 * loops (so it owns no thread per connection either), the test PKI's {@code pbx.sip.test}
 * certificate, one endpoint per phone with the password {@link LoadRun#MOCK_PASSWORD_TEMPLATE}
 * and {@code media_encryption=sdes} with {@code media_encryption_optimistic=yes} (so a profile that
 * offers plain RTP can call too), and Answer()+Echo() on the run's extension.
 *
 * <p>Each endpoint's AOR is the reference one (max_contacts=1, remove_existing=yes) except
 * {@code minimum_expiration=1} instead of Asterisk's 60, so a short run can exercise re-registration
 * with a few seconds' expiry.
 */
final class EmbeddedMock {

    /** The host name the phones dial: the test PKI's server certificate is issued for it. */
    static final String SERVER_NAME = "pbx.sip.test";

    private EmbeddedMock() {
    }

    static MockAsterisk start(LoadRun run, FixtureCatalog pki, EventLoopGroup group) {
        MockAsterisk.Builder builder = MockAsterisk.builder()
                .certificate(pki.get(FixtureName.PBX_SERVER))
                .bindAddress("127.0.0.1").port(0).eventLoopGroup(group)
                .extension(run.extension(), DialplanApp.ECHO)
                .faults(run.faults());
        MockAor aor = MockAor.onePhone().withExpirations(3600, 1, 7200);
        for (int i = 0; i < run.phones(); i++) {
            String user = run.user(i);
            builder.endpoint(new MockEndpoint(user, LoadRun.MOCK_PASSWORD_TEMPLATE.replace("{user}", user),
                    MediaEncryption.SDES).withAor(aor).withMediaEncryptionOptimistic(true));
        }
        return builder.build().start();
    }
}

package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.harness.mock.config.DialplanApplicationParser;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.dialplan.DialplanSyntaxException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link MockAsterisk} for a test class, listening on TLS at 127.0.0.1 port 0 with the test PKI's
 * {@code pbx.sip.test} certificate and its own two-thread event loop, that hands out emulated phones
 * already connected to it. The test scripts the mock (endpoints, extensions, dials), exercises it with
 * the phones, and verifies what they saw (STYLE.md §2):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestPbx PBX = TestPbx.with(mock -> mock
 *         .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
 *         .extension("600", DialplanApp.ECHO));
 *
 * @Test void echo() throws Exception {
 *     try (Phone phone = PBX.phone("101")) {
 *         assertEquals(200, phone.call("600").get(10, TimeUnit.SECONDS).status());
 *     }
 * }
 * }</pre>
 *
 * <p>As a JUnit 5 extension on a static field it starts before the class's first test and closes after its
 * last; on an instance field, one mock per test. Outside JUnit, {@link #start()} and {@link #close()}
 * (try-with-resources) do the same. A phone's password is {@code "pass" + user}, the convention every
 * endpoint in these tests follows.
 */
final class TestPbx implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {

    /** The name on the mock's certificate ({@link FixtureName#PBX_SERVER}), which phones check. */
    static final String SERVER_HOST = "pbx.sip.test";

    private static final long WAIT_SECONDS = 10;

    /** Scripts the mock: endpoints, extensions, dials and any other {@link MockAsterisk.Builder} option. */
    @FunctionalInterface
    interface Script {
        void configure(MockAsterisk.Builder mock) throws Exception;
    }

    private final FixtureCatalog pki;
    private final Script script;
    private EventLoopGroup loops;
    private MockAsterisk mock;
    private boolean perTest;

    private TestPbx(FixtureCatalog pki, Script script) {
        this.pki = Objects.requireNonNull(pki, "pki");
        this.script = Objects.requireNonNull(script, "script");
    }

    /** A mock scripted by {@code script}, not started: register it with {@code @RegisterExtension}, or {@link #start()} it. */
    static TestPbx with(Script script) {
        return new TestPbx(FixtureCatalog.create(), script);
    }

    /** As {@link #with(Script)}, with certificates from {@code pki}: several mocks in one class share one PKI. */
    static TestPbx with(FixtureCatalog pki, Script script) {
        return new TestPbx(pki, script);
    }

    /** Builds the scripted mock on its own event loop and starts listening; refused while it is running. */
    TestPbx start() throws Exception {
        if (mock != null) {
            throw new IllegalStateException("TestPbx already started at " + mock.address());
        }
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            MockAsterisk.Builder builder = MockAsterisk.builder()
                    .certificate(pki.get(FixtureName.PBX_SERVER))
                    .port(0)
                    .eventLoopGroup(loops);
            script.configure(builder);
            mock = builder.build().start();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** On an instance field (no {@link #beforeAll} call), starts one mock for this test. */
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (mock == null) {
            start();
            perTest = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
            perTest = false;
        }
    }

    /** Closes the mock, then its event loop; a second call does nothing. */
    @Override
    public void close() {
        if (mock != null) {
            mock.close();
            mock = null;
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            loops = null;
        }
    }

    /** The running mock, for what this fixture does not wrap (registrar, channels, requests, faults). */
    MockAsterisk mock() {
        return started();
    }

    InetSocketAddress address() {
        return started().address();
    }

    /** The event loop the mock and the phones run on, for raw clients in the same test. */
    EventLoopGroup loops() {
        started();
        return loops;
    }

    /** Settings for {@code user} (password {@code "pass" + user}) at this mock, trusting the test root; add to them and build. */
    PhoneSettings.Builder settings(String user) {
        return PhoneSettings.builder()
                .account(user, "pass" + user)
                .serverHost(SERVER_HOST)
                .serverAddress(address())
                .trust(pki.get(FixtureName.TEST_ROOT).certificate());
    }

    /** A Digium D-Series (2.9.2) for {@code user}, its TLS connection to the mock established. */
    Phone phone(String user) throws Exception {
        return phone(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(user).build());
    }

    /** A phone of {@code profile} with {@code settings}, its TLS connection to the mock established. */
    Phone phone(DeviceProfile profile, PhoneSettings settings) throws Exception {
        Phone phone = Phone.create(profile, settings, loops());
        try {
            assertTrue(phone.connect().get(WAIT_SECONDS, TimeUnit.SECONDS).established(),
                    settings.user() + " connects to the mock over TLS");
        } catch (Exception | Error e) {
            phone.close();
            throw e;
        }
        return phone;
    }

    /** {@link #phone(DeviceProfile, PhoneSettings)}, then REGISTER answered 200. */
    Phone registered(DeviceProfile profile, PhoneSettings settings) throws Exception {
        Phone phone = phone(profile, settings);
        try {
            assertEquals(200, phone.register().get(WAIT_SECONDS, TimeUnit.SECONDS).status(),
                    settings.user() + " registers");
        } catch (Exception | Error e) {
            phone.close();
            throw e;
        }
        return phone;
    }

    /** A connected D-Series for {@code user} whose REGISTER was answered 200, so the mock can dial it. */
    Phone registered(String user) throws Exception {
        return registered(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(user).build());
    }

    /**
     * One extension's priorities, each parsed as the application of an extensions.conf {@code same => n,}
     * line ({@link DialplanApplicationParser}), e.g. {@code plan("Dial(PJSIP/102,5)", "Busy()")}.
     */
    static List<DialplanApplication> plan(String... applications) throws DialplanSyntaxException {
        List<DialplanApplication> priorities = new ArrayList<>();
        for (String application : applications) {
            priorities.add(DialplanApplicationParser.parse(application));
        }
        return priorities;
    }

    /** Waits (up to 5 s, polling every 20 ms) for the one call the mock makes to {@code callee}, and returns it. */
    static Call incomingCall(Phone callee, String what) throws InterruptedException {
        eventually(() -> callee.incomingCalls().size() == 1, what);
        return callee.incomingCalls().values().iterator().next();
    }

    /** Polls {@code condition} every 20 ms for up to 5 s; fails with {@code what} if it never holds. */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private MockAsterisk started() {
        if (mock == null) {
            throw new IllegalStateException("TestPbx is not running: register it with @RegisterExtension "
                    + "on a static field, or call start()");
        }
        return mock;
    }
}

package io.sipshield.emulator.tls;

import io.netty.handler.ssl.SslContext;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client TLS contexts shared by the phones whose TLS configuration is the same
 * ({@link TlsContextKey}): a load run of 10,000 D-Series builds one context instead of 10,000;
 * likewise one certificate validator per distinct trust ({@link #validator}).
 * Owned by whoever runs the phones (a load run, a scenario runner) and handed to
 * {@code Phone.create(profile, settings, group, pool)}; no state is shared beyond the pool.
 *
 * <p>What stays per phone: the server-certificate verdict and its bitmask (judged per connection
 * after the handshake, {@link ServerCertificateCheckHandler}), the session it resumes (its own
 * {@link TlsContextLease#sessionSlot()}), and a capture's key log (a capturing phone does not use
 * the pool). Each session slot is used by one phone only, so a context holds at most one session
 * per phone; slots are not reused.
 */
public final class TlsContextPool {

    /** Peer-port hints run from here; above the 16-bit range, so they never look like the server's own port. */
    static final int FIRST_SLOT = 65_536;

    private final Map<TlsContextKey, Pooled> contexts = new ConcurrentHashMap<>();
    private final Map<ValidatorKey, CertificateValidator> validators = new ConcurrentHashMap<>();

    /** The shared context for {@code profile} with {@code settings}, built on first use, and a session slot of its own. */
    public TlsContextLease lease(DeviceProfile profile, PhoneSettings settings) {
        TlsContextKey key = TlsContextKey.of(profile, settings);
        Pooled pooled = contexts.computeIfAbsent(key, k -> new Pooled(PhoneSslContexts.forKey(profile.name(), k)));
        return new TlsContextLease(pooled.context, pooled.nextSlot.getAndIncrement(), key.resumption());
    }

    /**
     * The certificate validator for {@code profile} with {@code settings}' trust, shared by the phones
     * that trust the same ({@link ProfileValidators#forProfile}). Building one parses every anchor,
     * and a D-Series or Algo 3.1 trusts the JDK's public roots too (some 140 certificates): per
     * connection that was most of a load run's CPU and heap per phone. A validator keeps no state
     * between validations, so phones share it; each verdict is still the phone's own.
     */
    public CertificateValidator validator(DeviceProfile profile, PhoneSettings settings) {
        ValidatorKey key = new ValidatorKey(profile, settings.trustAnchors(), settings.trustList(),
                settings.allowWildcards());
        return validators.computeIfAbsent(key, k -> ProfileValidators.forProfile(profile, settings.trustAnchors(),
                settings.trustList(), settings.allowWildcards()));
    }

    /** How many distinct validators were built. */
    public int validatorCount() {
        return validators.size();
    }

    /** How many distinct contexts were built. */
    public int size() {
        return contexts.size();
    }

    private record ValidatorKey(DeviceProfile profile, List<X509Certificate> anchors, List<TrustListEntry> trustList,
                                boolean allowWildcards) {
    }

    private static final class Pooled {
        final SslContext context;
        final AtomicInteger nextSlot = new AtomicInteger(FIRST_SLOT);

        Pooled(SslContext context) {
            this.context = context;
        }
    }
}

package io.sipshield.harness.load;

import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsResumption;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.net.IoTransport;
import io.sipshield.emulator.ua.ReconnectPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One load run: {@code phones} emulated phones of one device profile, started at {@code rate} per
 * second, each holding one persistent TLS connection, registering with digest auth, refreshing its
 * registration before it expires, sending RFC 5626 CRLF keep-alives, and optionally placing
 * {@code callsPerPhone} SRTP calls to an echo extension, one after the other.
 *
 * <pre>{@code
 * LoadResult result = LoadRun.builder().phones(200).rate(100).target(LoadTarget.mock())
 *         .callsPerPhone(1).callDuration(Duration.ofSeconds(2)).build()
 *         .run(snapshot -> System.err.println(snapshot.registered() + " registered"));
 * }</pre>
 *
 * <p>Phone {@code i} (from 0) is user {@code userPrefix + (firstNumber + phoneOffset + i)} ({@link PhoneRange})
 * with the password
 * {@code passwordTemplate} gives once every {@code {user}} in it is replaced by that user. Against
 * the embedded mock every endpoint's password is {@link #MOCK_PASSWORD_TEMPLATE}; a different
 * template makes every registration fail (the test of a wrong password).
 *
 * <p>Without a {@code duration} the run ends {@code hold} (default 0) after every phone has
 * registered and made its calls (or failed); with one, it holds every phone (re-registering,
 * keeping alive) until then.
 */
public final class LoadRun {

    /** The password of each embedded-mock endpoint, and the default template: {@code pass1000} for 1000. */
    public static final String MOCK_PASSWORD_TEMPLATE = "pass{user}";
    /** The echo extension of the embedded mock, and the default: Asterisk's sample extensions.conf has Echo() on 600. */
    public static final String DEFAULT_EXTENSION = "600";

    private final int phones;
    private final double rate;
    private final DeviceProfile profile;
    private final LoadTarget target;
    private final int callsPerPhone;
    private final Duration callDuration;
    private final MediaKind media;
    private final Duration duration;
    private final Duration hold;
    private final String userPrefix;
    private final int firstNumber;
    private final int phoneOffset;
    private final ReconnectPolicy reconnect;
    private final java.util.List<ServerFault> faults;
    private final String passwordTemplate;
    private final String extension;
    private final String mediaAddress;
    private final int registerExpires;
    private final double reRegisterAt;
    private final Duration keepAliveInterval;
    private final Duration stepTimeout;
    private final int threads;
    private final IoTransport transport;
    private final MediaClocking mediaClocking;
    private final Duration progressInterval;
    private final boolean measureHeap;
    private final boolean unregisterAtEnd;
    private final TlsResumption tlsResumption;

    private LoadRun(Builder b) {
        this.phones = b.phones;
        this.rate = b.rate;
        this.profile = b.profile;
        this.target = b.target;
        this.callsPerPhone = b.callsPerPhone;
        this.callDuration = b.callDuration;
        this.media = b.media;
        this.duration = b.duration;
        this.hold = b.hold;
        this.userPrefix = b.userPrefix;
        this.firstNumber = b.firstNumber;
        this.phoneOffset = b.phoneOffset;
        this.reconnect = b.reconnect;
        this.faults = java.util.List.copyOf(b.faults);
        this.passwordTemplate = b.passwordTemplate;
        this.extension = b.extension;
        this.mediaAddress = b.mediaAddress;
        this.registerExpires = b.registerExpires;
        this.reRegisterAt = b.reRegisterAt;
        this.keepAliveInterval = b.keepAliveInterval;
        this.stepTimeout = b.stepTimeout;
        this.threads = b.threads;
        this.transport = b.transport;
        this.mediaClocking = b.mediaClocking;
        this.progressInterval = b.progressInterval;
        this.measureHeap = b.measureHeap;
        this.unregisterAtEnd = b.unregisterAtEnd;
        this.tlsResumption = b.tlsResumption;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the load in the calling thread, which samples progress; {@code progress} gets a snapshot each interval. */
    public LoadResult run(Consumer<LoadSnapshot> progress) {
        return new LoadDriver(this, progress).run();
    }

    /** The SIP user of phone {@code index} (from 0). */
    public String user(int index) {
        return userPrefix + ((long) firstNumber + phoneOffset + index);
    }

    /** How each phone recovers a failed connection (RFC 5626 §4.5); {@link ReconnectPolicy#NONE} by default. */
    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** Faults the embedded mock plays (a restart, closed connections); empty by default, ignored for a remote target. */
    public java.util.List<ServerFault> faults() {
        return faults;
    }

    /** The users this run's phones register as. */
    public PhoneRange users() {
        return new PhoneRange(userPrefix, firstNumber, phoneOffset, phones);
    }

    /** The password phone {@code user} registers with. */
    public String password(String user) {
        return passwordTemplate.replace("{user}", user);
    }

    public int phones() {
        return phones;
    }

    public double rate() {
        return rate;
    }

    public DeviceProfile profile() {
        return profile;
    }

    public LoadTarget target() {
        return target;
    }

    public int callsPerPhone() {
        return callsPerPhone;
    }

    public Duration callDuration() {
        return callDuration;
    }

    public MediaKind media() {
        return media;
    }

    /** How long to hold the phones, or null: until every phone is done. */
    public Duration duration() {
        return duration;
    }

    /** Without a duration: how long to hold the phones once every one is done (default 0). */
    public Duration hold() {
        return hold;
    }

    public String extension() {
        return extension;
    }

    public String mediaAddress() {
        return mediaAddress;
    }

    public int registerExpires() {
        return registerExpires;
    }

    /** The fraction of the granted expiry after which a phone refreshes its registration. */
    public double reRegisterAt() {
        return reRegisterAt;
    }

    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    public Duration stepTimeout() {
        return stepTimeout;
    }

    public int threads() {
        return threads;
    }

    /** The transport the run's event loops use (default {@link IoTransport#best()}). */
    public IoTransport transport() {
        return transport;
    }

    /** How the calls keep their 20 ms clocks (default {@link MediaClocking#SHARED}). */
    public MediaClocking mediaClocking() {
        return mediaClocking;
    }

    public Duration progressInterval() {
        return progressInterval;
    }

    public boolean measureHeap() {
        return measureHeap;
    }

    /** How the phones resume TLS sessions on a reconnect, or null: as the device does ({@link TlsResumption#forProfile}). */
    public TlsResumption tlsResumption() {
        return tlsResumption;
    }

    public boolean unregisterAtEnd() {
        return unregisterAtEnd;
    }

    /** Builds a {@link LoadRun}; {@link #build()} names the first setting out of range. */
    public static final class Builder {
        private int phones = 1;
        private double rate = 50;
        private DeviceProfile profile = DeviceProfiles.DIGIUM_D6X_2_9_2;
        private LoadTarget target = LoadTarget.mock();
        private int callsPerPhone;
        private Duration callDuration = Duration.ofSeconds(5);
        private MediaKind media = MediaKind.TONE;
        private Duration duration;
        private Duration hold = Duration.ZERO;
        private String userPrefix = "";
        private int firstNumber = 1000;
        private int phoneOffset;
        private ReconnectPolicy reconnect = ReconnectPolicy.NONE;
        private final java.util.List<ServerFault> faults = new java.util.ArrayList<>();
        private String passwordTemplate = MOCK_PASSWORD_TEMPLATE;
        private String extension = DEFAULT_EXTENSION;
        private String mediaAddress = "127.0.0.1";
        private int registerExpires = 300;
        private double reRegisterAt = 0.85;
        private Duration keepAliveInterval = Duration.ofSeconds(120);
        private Duration stepTimeout = Duration.ofSeconds(10);
        private int threads = Runtime.getRuntime().availableProcessors();
        private IoTransport transport = IoTransport.best();
        private MediaClocking mediaClocking = MediaClocking.SHARED;
        private Duration progressInterval = Duration.ofSeconds(1);
        private boolean measureHeap;
        private boolean unregisterAtEnd = true;
        private TlsResumption tlsResumption;

        private Builder() {
        }

        /** How many phones (1 to 100,000). */
        public Builder phones(int count) {
            this.phones = count;
            return this;
        }

        /** Phones started per second (more than 0, at most 100,000). */
        public Builder rate(double perSecond) {
            this.rate = perSecond;
            return this;
        }

        /** The device every phone plays (default: Digium D6x 2.9.2). */
        public Builder profile(DeviceProfile device) {
            this.profile = Objects.requireNonNull(device, "profile");
            return this;
        }

        /** Where the phones connect (default: the embedded mock). */
        public Builder target(LoadTarget where) {
            this.target = Objects.requireNonNull(where, "target");
            return this;
        }

        /** Echo calls each phone places once registered, one after the other (default 0). */
        public Builder callsPerPhone(int calls) {
            this.callsPerPhone = calls;
            return this;
        }

        /** How long each call sends media (default 5 s); the echo of the last packets is awaited up to 1 s more. */
        public Builder callDuration(Duration length) {
            this.callDuration = Objects.requireNonNull(length, "callDuration");
            return this;
        }

        /** What calls send (default: a 1 kHz tone). */
        public Builder media(MediaKind kind) {
            this.media = Objects.requireNonNull(kind, "media");
            return this;
        }

        /** Hold the phones this long from the start (default: null, end once every phone is done). */
        public Builder duration(Duration length) {
            this.duration = length;
            return this;
        }

        /**
         * Without a duration: once every phone has registered and made its calls (or failed), hold
         * the registered ones this long (re-registering, keeping alive) before stopping (default 0).
         */
        public Builder hold(Duration length) {
            this.hold = Objects.requireNonNull(length, "hold");
            return this;
        }

        /** Put before each number to make the SIP user (default: none, so users are 1000, 1001, ...). */
        public Builder userPrefix(String prefix) {
            this.userPrefix = Objects.requireNonNull(prefix, "userPrefix");
            return this;
        }

        /** The number of the first phone (default 1000). */
        public Builder firstNumber(int number) {
            this.firstNumber = number;
            return this;
        }

        /**
         * Added to every phone's number (default 0): machine {@code k} of N, each running M phones, uses
         * offset {@code k * M} so their users do not overlap ({@link PhoneRange}).
         */
        public Builder phoneOffset(int offset) {
            this.phoneOffset = offset;
            return this;
        }

        /**
         * How a phone whose connection fails recovers: {@link ReconnectPolicy#rfc5626()} reconnects with
         * backoff and registers again, and the summary counts drops and recoveries; {@link ReconnectPolicy#NONE}
         * (the default) ends the phone, counted as "connection closed".
         */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "reconnect");
            return this;
        }

        /** Faults the embedded mock plays, e.g. {@code new RestartServer(after, downtime)}; added to those given before. */
        public Builder faults(java.util.List<? extends ServerFault> serverFaults) {
            serverFaults.forEach(fault -> faults.add(Objects.requireNonNull(fault, "fault")));
            return this;
        }

        /** The password, {@code {user}} standing for each phone's user (default {@code pass{user}}). */
        public Builder passwordTemplate(String template) {
            this.passwordTemplate = Objects.requireNonNull(template, "password");
            return this;
        }

        /** The echo extension calls dial (default 600). */
        public Builder extension(String dialled) {
            this.extension = Objects.requireNonNull(dialled, "extension");
            return this;
        }

        /** The address the phones offer for RTP (default 127.0.0.1). */
        public Builder mediaAddress(String address) {
            this.mediaAddress = Objects.requireNonNull(address, "mediaAddress");
            return this;
        }

        /** The Expires the phones ask for, seconds (default 300, the D-Series default). */
        public Builder registerExpires(int seconds) {
            this.registerExpires = seconds;
            return this;
        }

        /**
         * Refresh a registration once this fraction of the granted expiry has passed (default 0.85).
         * [GUESS] no device source gives the D-Series' own margin; RFC 3261 §10.2.4 only says "before it expires".
         */
        public Builder reRegisterAt(double fraction) {
            this.reRegisterAt = fraction;
            return this;
        }

        /**
         * The CRLF keep-alive interval (default 120 s; each wait is drawn between 80% and 100% of it, as
         * RFC 5626 §4.4.1 asks for connection-oriented transports).
         */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = Objects.requireNonNull(interval, "keepAliveInterval");
            return this;
        }

        /** How long one step (connect, REGISTER, INVITE, BYE) may take before it counts as a timeout (default 10 s). */
        public Builder stepTimeout(Duration timeout) {
            this.stepTimeout = Objects.requireNonNull(timeout, "stepTimeout");
            return this;
        }

        /** Event loop threads shared by every phone and the embedded mock (default: available processors). */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        /**
         * The event loops' transport (default {@link IoTransport#best()}: native epoll on Linux x86_64, else NIO).
         * {@link #build()} rejects one that cannot run on this machine.
         */
        public Builder transport(IoTransport ioTransport) {
            this.transport = Objects.requireNonNull(ioTransport, "transport");
            return this;
        }

        /** How the calls keep their 20 ms clocks: one per event loop (default) or one per call. */
        public Builder mediaClocking(MediaClocking clocking) {
            this.mediaClocking = Objects.requireNonNull(clocking, "mediaClocking");
            return this;
        }

        /** How often progress is sampled (default 1 s); the chart has one point per sample. */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = Objects.requireNonNull(interval, "progressInterval");
            return this;
        }

        /** Measure used heap after a GC before the phones start and while they are held (for benchmarks). */
        public Builder measureHeap(boolean measure) {
            this.measureHeap = measure;
            return this;
        }

        /** Unregister each registered phone (Expires: 0) before closing it (default true). */
        /**
         * How every phone resumes its TLS session when it connects again (default null: as the device
         * does); {@link TlsResumption#none()} forces full handshakes. The phones share their TLS
         * contexts either way; each resumes only its own session.
         */
        public Builder tlsResumption(TlsResumption resumption) {
            this.tlsResumption = resumption;
            return this;
        }

        public Builder unregisterAtEnd(boolean unregister) {
            this.unregisterAtEnd = unregister;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting out of range and what was expected */
        public LoadRun build() {
            require(phones >= 1 && phones <= 100_000, "phones must be 1 to 100000, got " + phones);
            require(rate > 0 && rate <= 100_000, "rate must be more than 0 and at most 100000 per second, got " + rate);
            require(callsPerPhone >= 0 && callsPerPhone <= 10_000, "calls per phone must be 0 to 10000, got "
                    + callsPerPhone);
            require(!callDuration.isNegative() && callDuration.compareTo(Duration.ofHours(1)) <= 0,
                    "call duration must be 0 to 3600 s, got " + callDuration.toMillis() / 1000.0 + " s");
            require(duration == null || duration.compareTo(Duration.ofMillis(100)) >= 0,
                    "duration must be at least 0.1 s, got " + (duration == null ? "" : duration.toMillis() / 1000.0 + " s"));
            require(!hold.isNegative(), "hold must be 0 or more");
            require(firstNumber >= 0, "the first number must be 0 or more, got " + firstNumber);
            require(phoneOffset >= 0, "the phone offset must be 0 or more, got " + phoneOffset);
            require(registerExpires >= 1, "register expires must be at least 1 s, got " + registerExpires);
            require(reRegisterAt > 0 && reRegisterAt < 1, "the re-register fraction must lie between 0 and 1, got "
                    + reRegisterAt);
            require(keepAliveInterval.compareTo(Duration.ofMillis(100)) >= 0, "the keep-alive interval must be at least"
                    + " 0.1 s, got " + keepAliveInterval.toMillis() / 1000.0 + " s");
            require(stepTimeout.compareTo(Duration.ofMillis(100)) >= 0, "the step timeout must be at least 0.1 s");
            require(threads >= 1 && threads <= 256, "threads must be 1 to 256, got " + threads);
            require(transport.isAvailable(), "the " + transport + " transport is not available on this machine: "
                    + transport.unavailabilityCause().map(Throwable::toString).orElse(""));
            require(progressInterval.compareTo(Duration.ofMillis(50)) >= 0, "the progress interval must be at least 50 ms");
            require(!extension.isBlank(), "the extension must not be empty");
            return new LoadRun(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}

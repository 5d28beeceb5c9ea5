package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** res_pjsip_registrar's rules, without a network. */
class RegistrarTest {

    private static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.1", 40000);
    private static final String A = "sip:101@127.0.0.1:40000;transport=TLS";
    private static final String B = "sip:101@127.0.0.1:40001;transport=TLS";
    private static final String C = "sip:101@127.0.0.1:40002;transport=TLS";

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final TestClock clock = new TestClock();
    private final Registrar registrar = new Registrar(clock);
    private final Object connection = new Object();

    private Registrar.Outcome register(MockAor aor, Object over, Registrar.ContactRequest... contacts) {
        return registrar.register("101", aor, List.of(contacts), false, over, SOURCE, "test-phone");
    }

    private static Registrar.ContactRequest contact(String uri, int expires) {
        return new Registrar.ContactRequest(uri, expires);
    }

    @Test
    void maxContactsZeroMeansNoRegistrationAtAll() {
        Registrar.Outcome outcome = register(MockAor.asteriskDefaults(), connection, contact(A, 300));
        assertTrue(((Registrar.Forbidden) outcome).why().contains("no configured max_contacts"), outcome::toString);
        assertTrue(registrar.bindings().isEmpty());
    }

    @Test
    void anExpiryBelowTheMinimumIsTooBriefAndBindsNothing() {
        MockAor aor = MockAor.onePhone().withExpirations(3600, 120, 7200);
        assertEquals(new Registrar.IntervalTooBrief(120), register(aor, connection, contact(A, 119)));
        assertTrue(registrar.bindings().isEmpty());
        assertInstanceOf(Registrar.Registered.class, register(aor, connection, contact(A, 120)));
    }

    @Test
    void noExpiryTakesTheDefaultAndALongOneIsCutToTheMaximum() {
        MockAor aor = MockAor.onePhone().withMaxContacts(2).withExpirations(900, 60, 1800);
        register(aor, connection, contact(A, -1), contact(B, 86400));
        List<Registrar.Binding> bindings = registrar.bindings();
        assertEquals(clock.instant().plusSeconds(900), bindings.get(0).expiresAt());
        assertEquals(clock.instant().plusSeconds(1800), bindings.get(1).expiresAt());
        assertEquals("test-phone", bindings.get(0).userAgent());
    }

    @Test
    void expiresZeroUnregistersAndAStarRemovesEverything() {
        MockAor aor = MockAor.onePhone().withMaxContacts(3);
        register(aor, connection, contact(A, 300), contact(B, 300));
        register(aor, connection, contact(A, 0));
        assertEquals(List.of(B), registrar.bindings().stream().map(Registrar.Binding::contact).toList());
        register(aor, connection, contact(C, 0));
        assertEquals(1, registrar.bindings().size(), "removing a contact that is not there is forgiven");
        registrar.register("101", aor, List.of(), true, connection, SOURCE, null);
        assertTrue(registrar.bindings().isEmpty());
    }

    @Test
    void withoutRemoveExistingOneContactTooManyIsForbidden() {
        MockAor aor = MockAor.onePhone().withRemoveExisting(false);
        register(aor, connection, contact(A, 300));
        Registrar.Outcome second = register(aor, new Object(), contact(B, 300));
        assertTrue(((Registrar.Forbidden) second).why().contains("exceed max_contacts of 1"), second::toString);
        assertEquals(A, registrar.lookup("101").orElseThrow().contact());
        assertInstanceOf(Registrar.Registered.class, register(aor, connection, contact(A, 600)),
                "refreshing the contact already bound does not add one");
    }

    @Test
    void removeExistingDropsTheSoonestToExpire() {
        MockAor aor = MockAor.onePhone().withMaxContacts(2);
        register(aor, connection, contact(A, 100));
        register(aor, connection, contact(B, 300));
        Registrar.Registered third = (Registrar.Registered) register(aor, connection, contact(C, 300));
        assertEquals(List.of(B, C), third.contacts().stream().map(Registrar.Binding::contact).toList());
    }

    @Test
    void aContactLapsesAndOneBoundOverAClosedConnectionIsGone() {
        MockAor aor = MockAor.onePhone().withMaxContacts(2);
        Object other = new Object();
        register(aor, connection, contact(A, 60));
        register(aor, other, contact(B, 300));
        registrar.connectionClosed(other);
        assertEquals(List.of(A), registrar.bindings().stream().map(Registrar.Binding::contact).toList());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(registrar.bindings().isEmpty());
        assertTrue(registrar.lookup("101").isEmpty());
    }

    @Test
    void closingAConnectionRemovesOnlyTheContactsStillBoundOverIt() {
        MockAor aor = MockAor.onePhone().withMaxContacts(2);
        Object first = new Object();
        Object second = new Object();
        registrar.register("101", aor, List.of(contact(A, 300)), false, first, SOURCE, "p");
        registrar.register("102", aor, List.of(contact(B, 300)), false, first, SOURCE, "p");
        registrar.register("103", aor, List.of(contact(C, 300)), false, second, SOURCE, "p");
        // 102 re-registers the same contact over the second connection: the first no longer owns it
        registrar.register("102", aor, List.of(contact(B, 300)), false, second, SOURCE, "p");

        registrar.connectionClosed(first);
        assertEquals(List.of("102", "103"), registrar.bindings().stream().map(Registrar.Binding::aor).sorted().toList());
        registrar.connectionClosed(first); // twice, or a connection that never registered: nothing happens
        registrar.connectionClosed(new Object());
        assertEquals(2, registrar.bindings().size());

        registrar.connectionClosed(second);
        assertTrue(registrar.bindings().isEmpty());
    }

    @Test
    void contactsShowsQualifyStatusLikeTheCli() {
        register(MockAor.onePhone().withQualifyFrequency(30), connection, contact(A, 300));
        assertEquals(Registrar.Availability.Unknown, registrar.contacts().get(0).status());
        registrar.qualified("101", A, Duration.ofMillis(12));
        Registrar.ContactStatus status = registrar.contacts().get(0);
        assertEquals(Registrar.Availability.Avail, status.status());
        assertTrue(status.toCliLine().matches("\\s+Contact:\\s+101/" + java.util.regex.Pattern.quote(A)
                + "\\s+Avail\\s+12\\.000"), status.toCliLine());
        registrar.qualified("101", A, null);
        assertEquals(Registrar.Availability.Unavail, registrar.contacts().get(0).status());
    }

    @Test
    void unqualifiedContactsAreNonQual() {
        register(MockAor.onePhone(), connection, contact(A, 300));
        assertEquals(Registrar.Availability.NonQual, registrar.contacts().get(0).status());
        assertTrue(registrar.contacts().get(0).toCliLine().endsWith("nan"));
    }

    @Test
    void inconsistentAorOptionsAreRefusedByName() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> MockAor.onePhone().withExpirations(30, 60, 7200));
        assertTrue(range.getMessage().contains("default_expiration (30)"), range.getMessage());
        IllegalArgumentException minimum = assertThrows(IllegalArgumentException.class,
                () -> MockAor.onePhone().withExpirations(3600, 8000, 7200));
        assertTrue(minimum.getMessage().contains("minimum_expiration (8000)"), minimum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MockAor.onePhone().withMaxContacts(-1));
    }
}

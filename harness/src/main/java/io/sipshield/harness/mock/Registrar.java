package io.sipshield.harness.mock;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mock's location service, as res_pjsip_registrar keeps it: contacts per AOR under the AOR's
 * {@code max_contacts}, {@code remove_existing}, expirations and {@code qualify_frequency}; a contact
 * disappears when its expiry passes, when the phone unregisters it, and as soon as the TLS
 * connection it registered over closes (Asterisk monitors reliable transports and deletes their
 * contacts on shutdown). Thread-safe: phones register from connections on different event loops.
 */
public final class Registrar {

    /**
     * @param aor       the AOR (endpoint id)
     * @param contact   the stored contact URI (rewritten to the connection's source address when rewrite_contact=yes)
     * @param expiresAt when the binding lapses
     * @param userAgent the User-Agent of the REGISTER, or null
     * @param source    the address of the connection it was registered over
     */
    public record Binding(String aor, String contact, Instant expiresAt, String userAgent, InetSocketAddress source) {
    }

    /** A contact's qualify state, as {@code pjsip show contacts} names it. */
    public enum Availability {
        /** qualify_frequency=0: never asked. */
        NonQual,
        /** Qualify enabled, no answer yet. */
        Unknown,
        /** Answered the last OPTIONS. */
        Avail,
        /** Did not answer the last OPTIONS in time. */
        Unavail
    }

    /**
     * One row of {@code pjsip show contacts}.
     *
     * @param rtt the round trip of the last answered OPTIONS, or null
     */
    public record ContactStatus(Binding binding, Availability status, Duration rtt) {

        /** The row as the Asterisk CLI prints it: {@code Contact:  101/sip:...  Avail  12.345}. */
        public String toCliLine() {
            String rttText = rtt == null ? "nan" : String.format(java.util.Locale.ROOT, "%.3f", rtt.toNanos() / 1e6);
            return String.format(java.util.Locale.ROOT, "  Contact:  %-60s %-8s %s",
                    binding.aor() + "/" + binding.contact(), status, rttText);
        }
    }

    /** What the registrar decided about one REGISTER. */
    sealed interface Outcome permits Registered, IntervalTooBrief, Forbidden {
    }

    /** 200: the AOR's contacts after the request. */
    record Registered(List<Binding> contacts) implements Outcome {
    }

    /** 423 with Min-Expires. */
    record IntervalTooBrief(int minExpires) implements Outcome {
    }

    /** 403, with why (Asterisk logs it). */
    record Forbidden(String why) implements Outcome {
    }

    /**
     * One Contact of a REGISTER.
     *
     * @param uri     the URI to store (already rewritten when rewrite_contact=yes)
     * @param expires its expires parameter, else the request's Expires header, else negative
     */
    record ContactRequest(String uri, int expires) {
    }

    private static final class Entry {
        final Binding binding;
        final Object connection;
        Availability status;
        Duration rtt;

        Entry(Binding binding, Object connection, Availability status) {
            this.binding = binding;
            this.connection = connection;
            this.status = status;
        }
    }

    private final Map<String, Map<String, Entry>> aors = new LinkedHashMap<>();
    /**
     * The AORs that got a contact over each connection, so a closed connection costs its own AORs and
     * not a walk over every AOR (10,000 phones closing would otherwise cost 10,000 x 10,000 checks).
     * May name AORs whose contact has since moved or expired: {@link #connectionClosed} checks the entry.
     */
    private final Map<Object, Set<String>> aorsByConnection = new IdentityHashMap<>();
    private final Clock clock;

    Registrar(Clock clock) {
        this.clock = clock;
    }

    /**
     * res_pjsip_registrar's register_aor_core for one REGISTER.
     *
     * @param star       the request's Contact was {@code *} (remove every contact)
     * @param connection the connection it came over; its contacts go when it closes
     */
    synchronized Outcome register(String aorName, MockAor aor, List<ContactRequest> requested, boolean star,
                                  Object connection, InetSocketAddress source, String userAgent) {
        if (aor.maxContacts() == 0) {
            return new Forbidden("AOR '" + aorName + "' has no configured max_contacts");
        }
        Map<String, Entry> contacts = live(aorName);
        if (star) {
            contacts.clear();
            return new Registered(List.of());
        }
        int added = 0;
        int deleted = 0;
        for (ContactRequest contact : requested) {
            int expiration = aor.expiration(contact.expires());
            if (expiration != 0 && expiration < aor.minimumExpiration()) {
                return new IntervalTooBrief(aor.minimumExpiration());
            }
            boolean exists = contacts.containsKey(contact.uri());
            if (!exists && expiration != 0) {
                added++;
            } else if (exists && expiration == 0) {
                deleted++;
            }
        }
        int existing = aor.removeExisting() ? 0 : contacts.size();
        if (Math.max(added - deleted, 0) + existing > aor.maxContacts()) {
            return new Forbidden("registration to AOR '" + aorName + "' would exceed max_contacts of " + aor.maxContacts());
        }
        Instant now = clock.instant();
        Set<String> touched = new HashSet<>();
        for (ContactRequest contact : requested) {
            int expiration = aor.expiration(contact.expires());
            if (expiration == 0) {
                contacts.remove(contact.uri());
                continue;
            }
            Binding binding = new Binding(aorName, contact.uri(), now.plusSeconds(expiration), userAgent, source);
            Entry previous = contacts.get(contact.uri());
            Entry entry = new Entry(binding, connection, aor.qualifyFrequency() > 0 ? Availability.Unknown
                    : Availability.NonQual);
            if (previous != null && previous.connection == connection) {
                entry.status = previous.status;
                entry.rtt = previous.rtt;
            }
            contacts.put(contact.uri(), entry);
            aorsByConnection.computeIfAbsent(connection, c -> new HashSet<>()).add(aorName);
            touched.add(contact.uri());
        }
        if (aor.removeExisting() && contacts.size() > aor.maxContacts()) {
            List<Entry> removable = contacts.values().stream()
                    .filter(entry -> !touched.contains(entry.binding.contact()))
                    .sorted(Comparator.comparing(entry -> entry.binding.expiresAt())).toList();
            for (Entry entry : removable) {
                if (contacts.size() <= aor.maxContacts()) {
                    break;
                }
                contacts.remove(entry.binding.contact());
            }
        }
        return new Registered(contacts.values().stream().map(entry -> entry.binding).toList());
    }

    /** The AOR's contacts with the expired ones dropped. */
    private Map<String, Entry> live(String aorName) {
        Map<String, Entry> contacts = aors.computeIfAbsent(aorName, name -> new LinkedHashMap<>());
        Instant now = clock.instant();
        contacts.values().removeIf(entry -> !entry.binding.expiresAt().isAfter(now));
        return contacts;
    }

    /**
     * Forgets every contact, for a restart. Real Asterisk keeps contacts in astdb across a restart, but a
     * contact reached over a TLS connection is useless once that connection is gone, so the phone must
     * register again either way; the mock models that as lost registrations ([GUESS] for the astdb part).
     */
    synchronized void clear() {
        aors.clear();
        aorsByConnection.clear();
    }

    /** Deletes every contact registered over {@code connection}. */
    synchronized void connectionClosed(Object connection) {
        Set<String> touched = aorsByConnection.remove(connection);
        if (touched == null) {
            return;
        }
        for (String aorName : touched) {
            Map<String, Entry> contacts = aors.get(aorName);
            if (contacts != null) {
                contacts.values().removeIf(entry -> entry.connection == connection);
            }
        }
    }

    /** Whether the contact is still bound over {@code connection}. */
    synchronized boolean boundOver(String aorName, String contact, Object connection) {
        Entry entry = live(aorName).get(contact);
        return entry != null && entry.connection == connection;
    }

    /** Records the outcome of a qualify OPTIONS: the round trip, or null when it went unanswered. */
    synchronized void qualified(String aorName, String contact, Duration rtt) {
        Entry entry = live(aorName).get(contact);
        if (entry != null) {
            entry.status = rtt == null ? Availability.Unavail : Availability.Avail;
            entry.rtt = rtt;
        }
    }

    /** Seconds left on a binding, rounded down, as Asterisk reports it in the 200 (300 asked, 299 shown). */
    int secondsLeft(Binding binding) {
        long millis = binding.expiresAt().toEpochMilli() - clock.millis();
        return (int) Math.max(0, Math.floorDiv(millis - 1, 1000));
    }

    /** The live bindings (expired ones are not counted), AOR by AOR. */
    public synchronized List<Binding> bindings() {
        List<Binding> all = new ArrayList<>();
        for (String aor : List.copyOf(aors.keySet())) {
            live(aor).values().forEach(entry -> all.add(entry.binding));
        }
        return all;
    }

    /** An AOR's first live binding. */
    public synchronized Optional<Binding> lookup(String aor) {
        return live(aor).values().stream().map(entry -> entry.binding).findFirst();
    }

    /**
     * A contact and the connection it registered over, where requests to the phone go.
     *
     * @param connection the mock's connection object (its Netty channel)
     */
    record Reachable(Binding binding, Object connection) {
    }

    /** The AOR's first live contact with its connection, for Dial(). */
    synchronized Optional<Reachable> reachable(String aor) {
        return live(aor).values().stream().map(entry -> new Reachable(entry.binding, entry.connection)).findFirst();
    }

    /** {@code pjsip show contacts}: every live contact with its qualify state. */
    public synchronized List<ContactStatus> contacts() {
        List<ContactStatus> all = new ArrayList<>();
        for (String aor : List.copyOf(aors.keySet())) {
            live(aor).values().forEach(entry -> all.add(new ContactStatus(entry.binding, entry.status, entry.rtt)));
        }
        return all;
    }
}

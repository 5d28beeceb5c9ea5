package io.sipshield.emulator.cisco;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every fetch a provisioning run made and what the phone decided about it, in order: the record a
 * report prints. Thread-safe (entries arrive from the event loop).
 */
public final class ProvisioningLog {

    /** What the phone did with a fetched file, or with a failed fetch. */
    public enum Decision {
        /** A trust list stored on first sight. */
        INSTALLED,
        /** A trust list replaced by a version a known SAST signed. */
        REPLACED,
        /** The same trust list as the stored one. */
        UNCHANGED,
        /** A configuration file taken. */
        ACCEPTED,
        /** The file was refused (bad signature, wrong name, unknown SAST, unsigned, too many SAST). */
        REJECTED,
        /** The file was not considered (ITLFile.tlv under an ITLSEP&lt;MAC&gt;.tlv). */
        IGNORED,
        /** The server has no such file: normal for a trust list. */
        ABSENT,
        /** This transport failed; the phone tries the next one. */
        FALLBACK,
        /** Every transport failed. */
        FAILED
    }

    /**
     * One line of the log.
     *
     * @param file      the file asked for
     * @param transport how
     * @param status    what the server returned
     * @param decision  what the phone did
     * @param reason    why, for a person
     */
    public record Entry(String file, ProvisioningTransport transport, FetchResult.Status status, Decision decision,
                        String reason) {
        public Entry {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return String.format("%-28s %-5s %-11s %-9s %s", file, transport, status, decision, reason);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry entry) {
        entries.add(Objects.requireNonNull(entry, "entry"));
    }

    void add(FetchResult fetch, Decision decision, String reason) {
        add(new Entry(fetch.file(), fetch.transport(), fetch.status(), decision, reason));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The last entry about this file, if it was asked for. */
    public synchronized Optional<Entry> last(String file) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).file().equals(file)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(entry).append('\n'));
        return text.toString();
    }
}

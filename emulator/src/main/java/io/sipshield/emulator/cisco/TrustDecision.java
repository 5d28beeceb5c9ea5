package io.sipshield.emulator.cisco;

import java.util.Objects;

/**
 * What the phone did with one trust list it was offered, and why: an event for reports.
 *
 * @param file    the file name the phone asked for (e.g. {@code ITLSEP001122334455.tlv})
 * @param kind    CTL or ITL
 * @param verdict what happened
 * @param reason  one sentence for a person, naming the rule (DEVICES.md §A.3) that decided it
 */
public record TrustDecision(String file, TrustListKind kind, Verdict verdict, String reason) {

    /** The outcomes of offering a trust list to a phone. */
    public enum Verdict {
        /** First install into an empty slot: the leap of faith. */
        INSTALLED,
        /** A new version signed by a SAST the phone already knew. */
        REPLACED,
        /** The same bytes as the stored list. */
        UNCHANGED,
        /** Refused; the stored list (if any) stays. */
        REJECTED,
        /** Not considered: an ITLFile.tlv while an ITLSEP&lt;MAC&gt;.tlv is installed. */
        IGNORED,
        /** The phone's trust store was emptied (factory reset). */
        RESET
    }

    public TrustDecision {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the offered list is now (or still is) the stored one. */
    public boolean accepted() {
        return verdict == Verdict.INSTALLED || verdict == Verdict.REPLACED || verdict == Verdict.UNCHANGED;
    }

    @Override
    public String toString() {
        return file + ": " + verdict + " (" + reason + ")";
    }
}

package io.sipshield.emulator.cisco;

import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.SignatureVerification;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListFormatException;
import io.sipshield.certs.cisco.TrustListRecord;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.tls.TrustListEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The trust lists one Cisco phone has stored, persisted per MAC under a state directory
 * ({@code <state>/<MAC>/ITLSEP<MAC>.tlv}, {@code ITLFile.tlv}, {@code CTLSEP<MAC>.tlv}), so a
 * phone emulated again in a later run remembers what it trusted, as a real phone does across reboots.
 *
 * <p>Installation rules (DEVICES.md §A.3):
 * <ul>
 *   <li>A list is read as tlvfile reads it; a malformed one is rejected.</li>
 *   <li>At most two SAST records per list (device-security.html); more: rejected.</li>
 *   <li>First install into an empty slot is a leap of faith (Cisco Preferred Architecture guide):
 *       stored, provided its own SAST record verifies its signature, as {@code tlvfile --parse} checks.</li>
 *   <li>A later version replaces the stored list only if a SAST certificate of the <em>stored</em>
 *       list signed it (device-security.html); otherwise rejected and the stored list stays.</li>
 *   <li>ITLSEP&lt;MAC&gt;.tlv overrides ITLFile.tlv (device-security.html): both fill the one ITL slot,
 *       and an ITLFile.tlv offered while an ITLSEP&lt;MAC&gt;.tlv is installed is ignored.</li>
 *   <li>The CTL adds records: the effective store is the union of CTL and ITL records, keyed by role.
 *       [GUESS] No source states how the phone merges them.</li>
 *   <li>[GUESS] The header's FILENAME must be the name asked for or the generic one (per-phone lists
 *       carry {@code ITLFile.tlv}/{@code CTLFile.tlv}, DEVICES.md §A.2); another name is rejected.</li>
 * </ul>
 * Each decision is a {@link TrustDecision} with its reason, kept in {@link #events()}.
 * {@link #factoryReset()} is the way out when the SAST key is lost ([GUESS], DEVICES.md §A.3).
 * Thread-safe.
 */
public final class CiscoTrustStore {

    private final Path directory;
    private final CiscoMac mac;
    private final Map<TrustListKind, Installed> slots = new EnumMap<>(TrustListKind.class);
    private final List<TrustDecision> events = new ArrayList<>();

    /** A stored list and the name it was fetched under. */
    private record Installed(String origin, byte[] bytes, TrustListFile list) {
    }

    private CiscoTrustStore(Path directory, CiscoMac mac) {
        this.directory = directory;
        this.mac = mac;
    }

    /**
     * Opens (and loads) the store of the phone with this MAC under {@code stateDirectory}.
     *
     * @throws IOException when a stored list cannot be read or is no longer a well-formed trust list (naming the file)
     */
    public static CiscoTrustStore open(Path stateDirectory, CiscoMac mac) throws IOException {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(mac, "mac");
        CiscoTrustStore store = new CiscoTrustStore(stateDirectory.resolve(mac.hex()), mac);
        store.load();
        return store;
    }

    private void load() throws IOException {
        for (TrustListKind kind : TrustListKind.values()) {
            Path perPhone = directory.resolve(kind.perPhoneName(mac));
            Path generic = directory.resolve(kind.genericName());
            Path chosen = Files.isRegularFile(perPhone) ? perPhone : generic;
            if (!Files.isRegularFile(chosen)) {
                continue;
            }
            if (chosen == perPhone) {
                Files.deleteIfExists(generic);   // a replacement interrupted before the old file was removed
            }
            byte[] bytes = Files.readAllBytes(chosen);
            try {
                slots.put(kind, new Installed(chosen.getFileName().toString(), bytes,
                        TrustListFile.parse(chosen.toString(), bytes)));
            } catch (TrustListFormatException e) {
                throw new IOException("stored trust list " + chosen + " is damaged: " + e.getMessage()
                        + "; delete it or call factoryReset()", e);
            }
        }
    }

    /** The phone this store belongs to. */
    public CiscoMac mac() {
        return mac;
    }

    /** Where the lists are kept: {@code <state>/<MAC>}. */
    public Path directory() {
        return directory;
    }

    /**
     * Offers a trust list the phone fetched under {@code requestedName} (CTLSEP&lt;MAC&gt;.tlv,
     * ITLSEP&lt;MAC&gt;.tlv or ITLFile.tlv) and applies the rules above.
     *
     * @throws IllegalArgumentException for a name that is not a CTL or ITL file
     * @throws IOException when an accepted list cannot be written
     */
    public synchronized TrustDecision offer(String requestedName, byte[] bytes) throws IOException {
        TrustListKind kind = TrustListKind.ofFileName(requestedName).orElseThrow(() -> new IllegalArgumentException(
                "'" + requestedName + "' is not a trust list name: expected CTL*.tlv or ITL*.tlv"));
        TrustDecision decision = decide(kind, requestedName, bytes);
        events.add(decision);
        return decision;
    }

    private TrustDecision decide(TrustListKind kind, String name, byte[] bytes) throws IOException {
        TrustListFile list;
        try {
            list = TrustListFile.parse(name, bytes);
        } catch (TrustListFormatException e) {
            return reject(kind, name, "not a well-formed trust list: " + e.getMessage());
        }
        Optional<String> embedded = list.header().filename();
        if (embedded.isPresent() && !embedded.get().equals(name) && !embedded.get().equals(kind.genericName())) {
            return reject(kind, name, "the header's FILENAME is '" + embedded.get() + "' but the phone asked for '"
                    + name + "' (accepted: that name or " + kind.genericName() + ")");
        }
        int sast = list.records(TrustListRole.SAST).size();
        if (sast > 2) {
            return reject(kind, name, sast + " SAST records; a phone accepts at most 2 per list (device-security.html)");
        }
        Installed stored = slots.get(kind);
        boolean generic = name.equals(kind.genericName());
        if (kind == TrustListKind.ITL && generic && stored != null && stored.origin().equals(kind.perPhoneName(mac))) {
            return new TrustDecision(name, kind, TrustDecision.Verdict.IGNORED, stored.origin()
                    + " is installed and overrides " + name + " for this phone (device-security.html)");
        }
        if (stored != null && stored.origin().equals(name) && Arrays.equals(stored.bytes(), bytes)) {
            return new TrustDecision(name, kind, TrustDecision.Verdict.UNCHANGED, "the same list as the stored one");
        }
        if (stored == null) {
            SignatureVerification own = list.verify();
            if (!own.isValid()) {
                return reject(kind, name, "first install, but its own SAST record does not verify its signature: " + own);
            }
            install(kind, name, bytes, list);
            return new TrustDecision(name, kind, TrustDecision.Verdict.INSTALLED, "first " + kind
                    + " on this phone: trusted on first sight (leap of faith, Cisco PA guide); "
                    + list.records().size() + " record(s), signed by " + list.header().signerName().orElse("(unnamed)"));
        }
        List<X509Certificate> knownSast = stored.list().records(TrustListRole.SAST).stream()
                .map(TrustListRecord::certificate).toList();
        SignatureVerification known = list.verify(knownSast);
        if (!known.isValid()) {
            return reject(kind, name, "not signed by a SAST of the stored " + kind + " (" + stored.origin()
                    + "): " + known + "; the stored list stays (factory reset is the way out)");
        }
        install(kind, name, bytes, list);
        return new TrustDecision(name, kind, TrustDecision.Verdict.REPLACED, "replaces the stored " + stored.origin()
                + ": signed by a SAST the phone already knew (" + known.detail() + ")");
    }

    private static TrustDecision reject(TrustListKind kind, String name, String reason) {
        return new TrustDecision(name, kind, TrustDecision.Verdict.REJECTED, reason);
    }

    private void install(TrustListKind kind, String name, byte[] bytes, TrustListFile list) throws IOException {
        Installed previous = slots.get(kind);
        AtomicFiles.write(directory.resolve(name), bytes);
        if (previous != null && !previous.origin().equals(name)) {
            Files.deleteIfExists(directory.resolve(previous.origin()));
        }
        slots.put(kind, new Installed(name, bytes.clone(), list));
    }

    /** The stored CTL, if any. */
    public synchronized Optional<TrustListFile> ctl() {
        return Optional.ofNullable(slots.get(TrustListKind.CTL)).map(Installed::list);
    }

    /** The stored ITL (from ITLSEP&lt;MAC&gt;.tlv or ITLFile.tlv), if any. */
    public synchronized Optional<TrustListFile> itl() {
        return Optional.ofNullable(slots.get(TrustListKind.ITL)).map(Installed::list);
    }

    /** The name the stored list of this kind was fetched under. */
    public synchronized Optional<String> origin(TrustListKind kind) {
        return Optional.ofNullable(slots.get(kind)).map(Installed::origin);
    }

    /** Whether any trust list is installed. */
    public synchronized boolean isEmpty() {
        return slots.isEmpty();
    }

    /** The stored ITL's SIGNER_VERSION; 1.1 enables HTTPS provisioning (http-provisioning.html). */
    public synchronized Optional<FormatVersion> itlSignerVersion() {
        return itl().flatMap(list -> list.header().signerVersion());
    }

    /**
     * The effective trust store: every record of the CTL and the ITL with a known role, each
     * (role, certificate) pair once, CTL first. [GUESS] union keyed by role (DEVICES.md §A.3).
     */
    public synchronized List<TrustListEntry> entries() {
        List<TrustListEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TrustListKind kind : TrustListKind.values()) {
            Installed installed = slots.get(kind);
            if (installed == null) {
                continue;
            }
            for (TrustListRecord record : installed.list().records()) {
                Optional<TrustListRole> role = record.role();
                X509Certificate certificate = record.certificate();
                if (role.isPresent() && seen.add(role.get() + "/" + fingerprint(certificate))) {
                    entries.add(new TrustListEntry(certificate, role.get()));
                }
            }
        }
        return List.copyOf(entries);
    }

    /** The effective store's certificates with this role. */
    public List<X509Certificate> certificates(TrustListRole role) {
        return entries().stream().filter(entry -> entry.role() == role).map(TrustListEntry::certificate).toList();
    }

    /**
     * Whether a TFTP or CCM+TFTP record is installed: then the phone asks for signed files and
     * refuses unsigned ones (device-security.html: "You only need to sign files if the TFTP role has
     * been included").
     */
    public boolean hasProvisioningSigner() {
        return entries().stream().anyMatch(entry -> entry.role().signsProvisioningFiles());
    }

    /** Every decision since this store was opened, in order. */
    public synchronized List<TrustDecision> events() {
        return List.copyOf(events);
    }

    /**
     * Forgets every stored list, on disk and in memory: the phone's factory reset, the only way out
     * when the SAST key is lost ([GUESS], DEVICES.md §A.3).
     */
    public synchronized void factoryReset() throws IOException {
        for (TrustListKind kind : TrustListKind.values()) {
            Installed removed = slots.remove(kind);
            Files.deleteIfExists(directory.resolve(kind.perPhoneName(mac)));
            Files.deleteIfExists(directory.resolve(kind.genericName()));
            if (removed != null) {
                events.add(new TrustDecision(removed.origin(), kind, TrustDecision.Verdict.RESET,
                        "factory reset: the stored " + kind + " was deleted"));
            }
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    @Override
    public synchronized String toString() {
        return "CiscoTrustStore[" + mac + ", " + slots.keySet() + "]";
    }
}

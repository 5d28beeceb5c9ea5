package io.sipshield.emulator.cisco;

import static io.sipshield.emulator.cisco.CiscoTestPki.ASTERISK;
import static io.sipshield.emulator.cisco.CiscoTestPki.MAC;
import static io.sipshield.emulator.cisco.CiscoTestPki.ROGUE_SAST;
import static io.sipshield.emulator.cisco.CiscoTestPki.SAST;
import static io.sipshield.emulator.cisco.CiscoTestPki.SAST_2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRecord;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.tls.TrustListEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiscoTrustStoreTest {

    private static final String ITLSEP = MAC.itlFileName();
    private static final String CTLSEP = MAC.ctlFileName();

    @TempDir
    Path state;

    private CiscoTrustStore open() throws IOException {
        return CiscoTrustStore.open(state, MAC);
    }

    @Test
    void firstInstallIsALeapOfFaithAndIsStoredUnderTheMac() throws IOException {
        CiscoTrustStore store = open();
        byte[] itl = CiscoTestPki.itl("ITLFile.tlv").build().toBytes();

        TrustDecision decision = store.offer("ITLFile.tlv", itl);

        assertEquals(TrustDecision.Verdict.INSTALLED, decision.verdict(), decision::toString);
        assertTrue(decision.reason().contains("leap of faith"), decision::toString);
        assertArrayEquals(itl, Files.readAllBytes(state.resolve("001122334455").resolve("ITLFile.tlv")));
        assertEquals(List.of(ASTERISK.certificate()), store.certificates(TrustListRole.CCM));
        assertTrue(store.hasProvisioningSigner());
        assertEquals(FormatVersion.SIGNER_1_1, store.itlSignerVersion().orElseThrow());
        assertEquals(List.of(decision), store.events());
    }

    @Test
    void aRogueReSignedListIsRejectedAndTheStoredOneStays() throws IOException {
        CiscoTrustStore store = open();
        store.offer("ITLFile.tlv", CiscoTestPki.ccmOnlyItl().toBytes());
        // Same subject "SAST" but another key: what an attacker who lacks the SAST key can build
        TrustListFile rogue = TrustListFile.builder().signedBy(ROGUE_SAST)
                .add(TrustListRole.CCM, ROGUE_SAST.certificate()).filename("ITLFile.tlv").build();

        TrustDecision decision = store.offer("ITLFile.tlv", rogue.toBytes());

        assertEquals(TrustDecision.Verdict.REJECTED, decision.verdict(), decision::toString);
        assertTrue(decision.reason().contains("not signed by a SAST of the stored ITL"), decision::toString);
        assertEquals(List.of(ASTERISK.certificate()), store.certificates(TrustListRole.CCM));
        assertEquals(List.of(ASTERISK.certificate()), open().certificates(TrustListRole.CCM));
    }

    @Test
    void anUpdateSignedByAKnownSastReplacesTheStoredList() throws IOException {
        CiscoTrustStore store = open();
        // the first list names SAST_2 as its second SAST, so a list SAST_2 signs is an accepted update
        store.offer("ITLFile.tlv", TrustListFile.builder().signedBy(SAST).add(TrustListRole.SAST, SAST_2.certificate())
                .add(TrustListRole.CCM, ASTERISK.certificate()).filename("ITLFile.tlv").build().toBytes());
        TrustListFile update = TrustListFile.builder().signedBy(SAST_2)
                .add(TrustListRole.CCM_TFTP, ASTERISK.certificate()).filename("ITLFile.tlv").build();

        TrustDecision decision = store.offer("ITLFile.tlv", update.toBytes());

        assertEquals(TrustDecision.Verdict.REPLACED, decision.verdict(), decision::toString);
        assertEquals(List.of(ASTERISK.certificate()), store.certificates(TrustListRole.CCM_TFTP));
        assertTrue(store.certificates(TrustListRole.CCM).isEmpty());
        assertEquals(TrustDecision.Verdict.UNCHANGED, store.offer("ITLFile.tlv", update.toBytes()).verdict());
    }

    @Test
    void aListWithThreeSastRecordsIsRejectedEvenOnFirstInstall() throws IOException {
        TrustListFile two = TrustListFile.builder().signedBy(SAST).add(TrustListRole.SAST, SAST_2.certificate())
                .filename("ITLFile.tlv").build();
        List<TrustListRecord> records = new ArrayList<>(two.records());
        records.add(TrustListRecord.of(TrustListRole.SAST, ROGUE_SAST.certificate()));
        byte[] three = new TrustListFile(two.header(), records).toBytes();

        TrustDecision decision = open().offer("ITLFile.tlv", three);

        assertEquals(TrustDecision.Verdict.REJECTED, decision.verdict(), decision::toString);
        assertTrue(decision.reason().startsWith("3 SAST records"), decision::toString);
    }

    @Test
    void itlsepOverridesItlFile() throws IOException {
        CiscoTrustStore store = open();
        store.offer("ITLFile.tlv", CiscoTestPki.ccmOnlyItl().toBytes());
        TrustListFile perPhone = CiscoTestPki.itl("ITLFile.tlv").build();   // built with --filename ITLFile.tlv

        TrustDecision override = store.offer(ITLSEP, perPhone.toBytes());
        TrustDecision generic = store.offer("ITLFile.tlv", CiscoTestPki.ccmOnlyItl().toBytes());

        assertEquals(TrustDecision.Verdict.REPLACED, override.verdict(), override::toString);
        assertEquals(TrustDecision.Verdict.IGNORED, generic.verdict(), generic::toString);
        assertTrue(generic.reason().contains("overrides"), generic::toString);
        assertEquals(ITLSEP, store.origin(TrustListKind.ITL).orElseThrow());
        assertFalse(Files.exists(store.directory().resolve("ITLFile.tlv")));
        assertEquals(2, store.certificates(TrustListRole.TFTP).size());
    }

    @Test
    void theCtlAddsRecordsToTheItl() throws IOException {
        CiscoTrustStore store = open();
        store.offer("ITLFile.tlv", CiscoTestPki.ccmOnlyItl().toBytes());
        TrustListFile ctl = TrustListFile.builder().signedBy(SAST_2)
                .add(TrustListRole.CAPF, SAST_2.certificate()).filename("CTLFile.tlv").build();

        TrustDecision decision = store.offer(CTLSEP, ctl.toBytes());

        assertEquals(TrustDecision.Verdict.INSTALLED, decision.verdict(), decision::toString);
        List<TrustListEntry> entries = store.entries();
        assertTrue(entries.contains(new TrustListEntry(SAST_2.certificate(), TrustListRole.CAPF)), entries::toString);
        assertTrue(entries.contains(new TrustListEntry(ASTERISK.certificate(), TrustListRole.CCM)), entries::toString);
        assertEquals(List.of(SAST_2.certificate(), SAST.certificate()), store.certificates(TrustListRole.SAST));
    }

    @Test
    void aListClaimingAnotherNameIsRejected() throws IOException {
        byte[] named = CiscoTestPki.itl("CTLFile.tlv").build().toBytes();

        TrustDecision decision = open().offer(ITLSEP, named);

        assertEquals(TrustDecision.Verdict.REJECTED, decision.verdict(), decision::toString);
        assertTrue(decision.reason().contains("FILENAME is 'CTLFile.tlv'"), decision::toString);
    }

    @Test
    void aTamperedFirstListAndGarbageAreRejected() throws IOException {
        byte[] tampered = CiscoTestPki.itl("ITLFile.tlv").build().toBytes();
        tampered[tampered.length - 40] ^= 1;
        CiscoTrustStore store = open();

        TrustDecision bad = store.offer("ITLFile.tlv", tampered);
        TrustDecision garbage = store.offer("ITLFile.tlv", new byte[] {1, 2, 3});

        assertEquals(TrustDecision.Verdict.REJECTED, bad.verdict(), bad::toString);
        assertTrue(bad.reason().contains("its own SAST record does not verify"), bad::toString);
        assertEquals(TrustDecision.Verdict.REJECTED, garbage.verdict(), garbage::toString);
        assertTrue(garbage.reason().startsWith("not a well-formed trust list"), garbage::toString);
        assertTrue(store.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.offer("SEP001122334455.cnf.xml", tampered));
    }

    @Test
    void theStorePersistsAcrossInstancesUntilAFactoryReset() throws IOException {
        CiscoTrustStore first = open();
        first.offer(ITLSEP, CiscoTestPki.itl("ITLFile.tlv").build().toBytes());
        first.offer(CTLSEP, TrustListFile.builder().signedBy(SAST_2).filename("CTLFile.tlv").build().toBytes());

        CiscoTrustStore second = open();
        assertEquals(first.entries(), second.entries());
        assertEquals(ITLSEP, second.origin(TrustListKind.ITL).orElseThrow());
        // the reopened phone still rejects a list its stored SAST did not sign
        assertEquals(TrustDecision.Verdict.REJECTED, second.offer("ITLSEP001122334455.tlv",
                TrustListFile.builder().signedBy(ROGUE_SAST).filename("ITLFile.tlv").build().toBytes()).verdict());

        second.factoryReset();

        assertTrue(second.isEmpty());
        assertTrue(open().isEmpty());
        assertEquals(TrustDecision.Verdict.RESET, second.events().get(second.events().size() - 1).verdict());
        TrustDecision afterReset = second.offer(ITLSEP, TrustListFile.builder().signedBy(ROGUE_SAST).filename("ITLFile.tlv").build().toBytes());
        assertEquals(TrustDecision.Verdict.INSTALLED, afterReset.verdict(), afterReset::toString);
    }

    @Test
    void aDamagedStoredListFailsToOpenNamingTheFile() throws IOException {
        Files.createDirectories(state.resolve("001122334455"));
        Files.write(state.resolve("001122334455").resolve("ITLFile.tlv"), new byte[] {9, 9, 9});

        IOException e = assertThrows(IOException.class, this::open);

        assertTrue(e.getMessage().contains("ITLFile.tlv is damaged"), e::getMessage);
    }

    @Test
    void theRealItlFileFromSharedIsAcceptedAsAFirstInstall() throws IOException {
        Path real = Path.of("..", "..", "shared", "fixtures", "cisco", "ITLFile.tlv");
        CiscoTrustStore store = open();

        TrustDecision decision = store.offer("ITLFile.tlv", Files.readAllBytes(real));

        assertEquals(TrustDecision.Verdict.INSTALLED, decision.verdict(), decision::toString);
        assertEquals(2, store.certificates(TrustListRole.CCM).size());
        assertEquals(2, store.certificates(TrustListRole.APP_SERVER).size());
        assertEquals(1, store.certificates(TrustListRole.SAST).size());
        assertFalse(store.hasProvisioningSigner());
        assertEquals(FormatVersion.SIGNER_1_0, store.itlSignerVersion().orElseThrow());
    }

    @Test
    void macsParseInTheUsualSpellingsAndRejectOthers() {
        assertEquals("001122334455", CiscoMac.parse("00:11:22:33:44:55").hex());
        assertEquals("00112233AABB", CiscoMac.parse("sep00112233aabb").hex());
        assertEquals("SEP00112233AABB.cnf.xml", CiscoMac.parse("00-11-22-33-aa-bb").configFileName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CiscoMac.parse("00:11:22"));
        assertTrue(e.getMessage().contains("expected 12 hex digits"), e::getMessage);
    }
}

package io.sipshield.emulator.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultVocabularyTest {

    private static final List<Fault> ONE_OF_EACH = List.of(
            CloseConnection.at(FaultMoment.ON_REGISTER),
            new Stall(FaultMoment.AFTER_HANDSHAKE, Duration.ZERO),
            new TinyRecords(1),
            new CoalescedMessages(100),
            new RestartServer(Duration.ofSeconds(5), Duration.ofSeconds(1)),
            new OversizedChain(200),
            new ManySans(10_000),
            new EndlessHeader(1 << 20),
            new GarbageAfterHandshake(4096, 7),
            new PacketLoss(5, 1),
            new Reorder(5, 3, 1),
            new Duplicate(5, 1),
            new RocWrap(50),
            new TamperSrtp(10),
            new ReplaySrtp(10, 5));

    @Test
    void everyPermittedFaultHasItsOwnKebabCaseName() {
        Set<String> names = new HashSet<>();
        for (Fault fault : ONE_OF_EACH) {
            assertTrue(fault.name().matches("[a-z]+(-[a-z0-9]+)*"), fault.name());
            assertTrue(names.add(fault.name()), "duplicate name " + fault.name());
            assertTrue(!fault.describe().isBlank(), fault.name());
        }
        int permitted = ServerFault.class.getPermittedSubclasses().length + MediaFault.class.getPermittedSubclasses().length;
        assertEquals(permitted, names.size(), "one of each permitted fault in this test");
    }

    @Test
    void momentsReadBackFromTheirLabels() {
        for (FaultMoment moment : FaultMoment.values()) {
            assertEquals(moment, FaultMoment.fromLabel(moment.label()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultMoment.fromLabel("mid-register"));
        assertTrue(e.getMessage().contains("on-register"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedNamingFaultAndField() {
        assertEquals("tiny-records: record-bytes must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new TinyRecords(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PacketLoss(0, 1)).getMessage()
                .startsWith("packet-loss: percent"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PacketLoss(101, 1)).getMessage()
                .startsWith("packet-loss: percent"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CoalescedMessages(1)).getMessage()
                .startsWith("coalesced-messages: count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RocWrap(70_000)).getMessage()
                .startsWith("roc-wrap"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CloseConnection(FaultMoment.IN_CALL, Duration.ofSeconds(-1), 1, false)).getMessage()
                .startsWith("close-connection: delay"));
        assertThrows(NullPointerException.class, () -> new Stall(null, Duration.ZERO));
    }

    @Test
    void rocWrapStartsBelowTheWrap() {
        assertEquals(65_486, new RocWrap(50).firstSequenceNumber());
        assertEquals(65_535, new RocWrap(1).firstSequenceNumber());
    }
}

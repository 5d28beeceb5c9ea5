package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

    @Test
    void parsesOneBasedIndexOverCount() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        assertEquals(new Shard(1, 1), Shard.parse(" 1 / 1 "));
        assertEquals("2/4", Shard.parse("2/4").toString());
        assertTrue(Shard.parse("1/1").whole());
        assertFalse(Shard.parse("1/2").whole());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/4", "5/4", "x/y", "4", "1/0", "", "-1/4", "2/4/6", "1.5/4"})
    void refusesAnythingButIOverNWithTheExpectedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(Shard.FORM), e.getMessage());
    }

    @Test
    void theConstructorRefusesAnIndexOutsideTheCount() {
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Shard(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new Shard(1, 0));
    }

    @Test
    void positionsAreDealtOutInTurn() {
        Shard second = new Shard(2, 3);
        assertFalse(second.owns(0));
        assertTrue(second.owns(1));
        assertFalse(second.owns(2));
        assertTrue(second.owns(4));
        assertThrows(IllegalArgumentException.class, () -> second.owns(-1));
    }
}

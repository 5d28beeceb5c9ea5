package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyStrengthTest {

    @Test
    void rsaSecurityBitsFollowOpenSsl() {
        assertEquals(56, KeyStrength.ifcSecurityBits(512));
        assertEquals(72, KeyStrength.ifcSecurityBits(768));
        assertEquals(80, KeyStrength.ifcSecurityBits(1024));
        assertEquals(112, KeyStrength.ifcSecurityBits(2048));
        assertEquals(152, KeyStrength.ifcSecurityBits(4096));
        assertEquals(0, KeyStrength.ifcSecurityBits(4));
    }

    @Test
    void levelsCompareWithOpenSslsMinimumBits() {
        assertTrue(KeyStrength.meetsLevel(80, 1));
        assertFalse(KeyStrength.meetsLevel(79, 1));
        assertFalse(KeyStrength.meetsLevel(80, 2));
        assertTrue(KeyStrength.meetsLevel(0, 0), "level 0 checks nothing");
        assertFalse(KeyStrength.meetsLevel(255, 9), "levels above 5 count as 5");
    }
}

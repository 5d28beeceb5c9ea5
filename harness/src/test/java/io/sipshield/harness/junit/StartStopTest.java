package io.sipshield.harness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class StartStopTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @StartStop
    static final MockAsterisk SHARED = mock();

    @StartStop
    final MockAsterisk perTest = mock();

    private static MockAsterisk mock() {
        return MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER)).port(0)
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES)).build();
    }

    @Test
    void bothMocksAreListening() throws Exception {
        try (Socket shared = new Socket(SHARED.address().getAddress(), SHARED.address().getPort());
             Socket own = new Socket(perTest.address().getAddress(), perTest.address().getPort())) {
            assertTrue(shared.isConnected() && own.isConnected());
        }
        assertNotEquals(SHARED.address(), perTest.address());
    }

    @Test
    void eachTestGetsItsOwnInstanceMock() {
        assertEquals(0, perTest.registrar().bindings().size());
    }
}

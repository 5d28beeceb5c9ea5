package io.sipshield.certs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module README keeps up with the catalogue: every fixture and CRL id is documented. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    @Test
    void everyFixtureAndCrlIdIsInTheReadme() throws Exception {
        String readme = Files.readString(README);
        for (FixtureName name : FixtureName.values()) {
            boolean inDepthRange = name.id().startsWith("pbx-server-chain-depth-");
            String documented = inDepthRange ? "`pbx-server-chain-depth-2` ... `pbx-server-chain-depth-12`" : "`" + name.id() + "`";
            assertTrue(readme.contains(documented), name.id() + " is not in " + README.toAbsolutePath());
        }
        for (CrlName name : CrlName.values()) {
            assertTrue(readme.contains("| `" + name.id() + "` |"), name.id());
        }
    }

    @Test
    void theNameConstraintsThatTheReadmeExplainsAreTheOnesApplied() throws Exception {
        String readme = Files.readString(README);
        for (String value : CertificateSpec.TEST_PERMITTED_DNS) {
            assertTrue(readme.contains("`" + value + "`"), value);
        }
        for (String value : CertificateSpec.TEST_PERMITTED_IP) {
            assertTrue(readme.contains("`" + value + "`"), value);
        }
    }
}

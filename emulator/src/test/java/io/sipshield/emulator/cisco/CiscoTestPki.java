package io.sipshield.emulator.cisco;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRole;
import java.nio.charset.StandardCharsets;

/**
 * The certificates the Cisco provisioning tests share, made once per run as usecallmanager's setup
 * makes them (seed 000): a self-signed SAST, a second SAST for re-signing, a rogue SAST nobody
 * trusts, an RSA Asterisk certificate for CCM and TFTP, and an EC one for HTTPS provisioning.
 */
final class CiscoTestPki {

    static final CiscoMac MAC = CiscoMac.parse("00:11:22:33:44:55");
    static final IssuedCertificate SAST = CertificateSpec.root("SAST").build();
    static final IssuedCertificate SAST_2 = CertificateSpec.root("SAST 2").build();
    static final IssuedCertificate ROGUE_SAST = CertificateSpec.root("SAST").build();
    static final IssuedCertificate ASTERISK = CertificateSpec.leaf("127.0.0.1").sanIp("127.0.0.1").serverAuth()
            .issuedBy(SAST).build();
    static final IssuedCertificate APACHE_EC = CertificateSpec.leaf("127.0.0.1").sanIp("127.0.0.1").serverAuth()
            .keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(SAST).build();

    private CiscoTestPki() {
    }

    /** The ITL of seed 000: Asterisk as CCM and TFTP (RSA, signs files), Apache as TFTP (EC, HTTPS). */
    static TrustListFile.Builder itl(String filename) {
        return TrustListFile.builder().signedBy(SAST)
                .add(TrustListRole.CCM, ASTERISK.certificate())
                .add(TrustListRole.TFTP, ASTERISK.certificate())
                .add(TrustListRole.TFTP, APACHE_EC.certificate())
                .signerVersion(FormatVersion.SIGNER_1_1)
                .filename(filename);
    }

    /** An ITL with only a CCM record: no TFTP role, so unsigned files are taken. */
    static TrustListFile ccmOnlyItl() {
        return TrustListFile.builder().signedBy(SAST).add(TrustListRole.CCM, ASTERISK.certificate())
                .filename("ITLFile.tlv").build();
    }

    static final String CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <device>
              <deviceProtocol>SIP</deviceProtocol>
              <devicePool><callManagerGroup><members>
                <member priority="0"><callManager>
                  <ports><sipPort>5060</sipPort><securedSipPort>5061</securedSipPort></ports>
                  <processNodeName>pbx.sip.test</processNodeName>
                </callManager></member>
              </members></callManagerGroup></devicePool>
              <deviceSecurityMode>3</deviceSecurityMode>
              <transportLayerProtocol>3</transportLayerProtocol>
            </device>
            """;

    static byte[] config() {
        return CONFIG.getBytes(StandardCharsets.UTF_8);
    }

    /** SEP&lt;MAC&gt;.cnf.xml.sgn signed by the Asterisk (TFTP) key, as sgnfile builds it. */
    static SignedFile signedConfig(String embeddedName) {
        return SignedFile.builder().signedBy(ASTERISK).payload(config()).filename(embeddedName).build();
    }
}

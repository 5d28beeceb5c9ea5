package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 6188 §7: the AES-256 and AES-192 counter-mode keystreams (§7.1, §7.3, the RFC 3711 B.2 test
 * with the longer keys) and the AES_256_CM_PRF / AES_192_CM_PRF key derivations (§7.2, §7.4).
 */
class Rfc6188KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int SEGMENT = 65282 * 16; // counters ...0000 to ...FF01, as in RFC 3711 B.2

    private static byte[] hex(String text) {
        return HEX.parseHex(text.replace(" ", ""));
    }

    private static byte[] keystream(String key) {
        AesCounterMode cm = new AesCounterMode(hex(key));
        byte[] out = new byte[SEGMENT];
        cm.xorKeystream(hex("f0f1f2f3f4f5f6f7f8f9fafbfcfd0000"), out, 0, out.length);
        return out;
    }

    private static String first48(byte[] stream) {
        return HEX.formatHex(Arrays.copyOf(stream, 48));
    }

    private static String last48(byte[] stream) {
        return HEX.formatHex(Arrays.copyOfRange(stream, stream.length - 48, stream.length));
    }

    @Test
    void section7_1Aes256KeystreamSegment() {
        byte[] stream = keystream("57f82fe3613fd170a85ec93c40b1f092 2ec4cb0dc025b58272147cc438944a98");
        assertEquals("92bdd28a93c3f52511c677d08b5515a4" + "9da71b2378a854f67050756ded165bac"
                + "63c4868b7096d88421b563b8c94c9a31", first48(stream));
        assertEquals("cea518c90fd91ced9cbb18c078a54711" + "3dbc4814f4da5f00a08772b63c6a046d"
                + "6eb246913062a16891433e97dd01a57f", last48(stream));
    }

    @Test
    void section7_3Aes192KeystreamSegment() {
        byte[] stream = keystream("eab234764e517b2d3d160d587d8c86219740f65f99b6bcf7");
        assertEquals("35096cba4610028dc1b57503804ce37c" + "5de986291dcce161d5165ec4568f5c9a"
                + "474a40c77894bc17180202272a4c264d", first48(stream));
        assertEquals("d108d1a31a00bad6367ec23eb044b415" + "c8f57129fdeb970b59f917b257662d4c"
                + "a5dab625811034e8cebdfeb6dc158dd3", last48(stream));
    }

    @Test
    void section7_2Aes256KeyDerivation() {
        SrtpKdf kdf = SrtpKdf.create(new SrtpMasterKey(
                hex("f0f04914b513f2763a1b1fa130f10e29 98f6f6e43e4309d1e622a0e332b9f1b6"),
                hex("3b04803de51ee7c96423ab5b78d2")));
        assertEquals("5ba1064e30ec51613cad926c5a28ef73" + "1ec7fb397f70a960653caf06554cd8c4",
                HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_ENCRYPTION, 32)));
        assertEquals("fa31791685ca444a9e07c6c64e93", HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_SALT, 14)));
        assertEquals("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05",
                HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_AUTHENTICATION, 20)));
    }

    @Test
    void section7_4Aes192KeyDerivation() {
        SrtpKdf kdf = SrtpKdf.create(new SrtpMasterKey(
                hex("73edc66c4fa15776fb57f9505c171365 50ffda71f3e8e5f1"), hex("c8522f3acd4ce86d5add78edbb11")));
        assertEquals("31874736a8f1143870c26e4857d8a5b2c4a354407faadabb",
                HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_ENCRYPTION, 24)));
        assertEquals("2372b82d639b6d8503a47adc0a6c", HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_SALT, 14)));
        assertEquals("355b10973cd95b9eacf4061c7e1a7151e7cfbfcb",
                HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_AUTHENTICATION, 20)));
    }

    @Test
    void aes256SuiteDerivesItsSessionKeysWithTheAes256Prf() {
        SrtpMasterKey master = new SrtpMasterKey(
                hex("f0f04914b513f2763a1b1fa130f10e29 98f6f6e43e4309d1e622a0e332b9f1b6"),
                hex("3b04803de51ee7c96423ab5b78d2"));
        SrtpSessionKeys keys = SrtpSessionKeys.forRtp(SrtpCryptoSuite.AES_256_CM_HMAC_SHA1_80, master);
        assertEquals("5ba1064e30ec51613cad926c5a28ef73" + "1ec7fb397f70a960653caf06554cd8c4",
                HEX.formatHex(keys.encryptionKey()));
        assertEquals("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05", HEX.formatHex(keys.authenticationKey()));
    }
}

package io.sipshield.emulator.srtp;

/** The key derivation labels of RFC 3711 §4.3.1 (SRTP) and §4.3.2 (SRTCP). */
public enum SrtpKeyLabel {
    RTP_ENCRYPTION(0x00),
    RTP_AUTHENTICATION(0x01),
    RTP_SALT(0x02),
    RTCP_ENCRYPTION(0x03),
    RTCP_AUTHENTICATION(0x04),
    RTCP_SALT(0x05);

    private final int value;

    SrtpKeyLabel(int value) {
        this.value = value;
    }

    /** The label byte placed in the key_id. */
    public int value() {
        return value;
    }
}

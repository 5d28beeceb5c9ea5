package io.sipshield.harness.mock.config;

/** The codecs of the mock's subset of endpoint {@code allow}/{@code disallow}. */
public enum Codec {
    /** {@code ulaw}: G.711 µ-law, RTP payload type 0. */
    ULAW("ulaw", 0),
    /** {@code alaw}: G.711 A-law, RTP payload type 8. */
    ALAW("alaw", 8);

    private final String configName;
    private final int payloadType;

    Codec(String configName, int payloadType) {
        this.configName = configName;
        this.payloadType = payloadType;
    }

    /** The name as written in pjsip.conf. */
    public String configName() {
        return configName;
    }

    /** The static RTP payload type (RFC 3551). */
    public int payloadType() {
        return payloadType;
    }
}

package io.sipshield.emulator.profile;

/** Which certificate a phone presents when a TLS server sends a CertificateRequest. */
public enum ClientCertificateSource {
    /** None can be loaded; the phone sends an empty Certificate message. */
    NONE("none"),
    /** Algo: the factory device certificate (CN = MAC). */
    FACTORY_DEVICE("factory device certificate (CN = MAC)"),
    /** Algo: certs/sipclient.pem. */
    SIPCLIENT_PEM("certs/sipclient.pem"),
    /** Cisco: the Manufacturer Installed Certificate. */
    MIC("MIC (Cisco Manufacturing CA)"),
    /** Cisco: the Locally Significant Certificate from CAPF. */
    LSC("LSC (issued by CAPF)");

    private final String label;

    ClientCertificateSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

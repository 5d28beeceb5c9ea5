package io.sipshield.emulator.cisco;

/** How a Cisco phone fetches a provisioning file (http-provisioning.html, DEVICES.md §A.3). */
public enum ProvisioningTransport {
    /** HTTP on port 6970: the first try for every file. */
    HTTP(6970),
    /** HTTPS on port 6971: SEP&lt;MAC&gt;.cnf.xml only, when the ITL's signer version is 1.1. */
    HTTPS(6971),
    /** TFTP (RFC 1350) on port 69: the fallback when HTTP cannot be reached. */
    TFTP(69);

    private final int defaultPort;

    ProvisioningTransport(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}

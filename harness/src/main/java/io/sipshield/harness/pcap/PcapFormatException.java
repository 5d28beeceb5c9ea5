package io.sipshield.harness.pcap;

import java.io.IOException;

/** A capture file that is not classic pcap or pcapng, or is broken; the message says where (byte offset) and what. */
public final class PcapFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
        super(message);
    }
}

package io.sipshield.emulator.fault;

/**
 * A fault played by the server end of the phone's TLS connection: misbehaviour of the PBX or of the
 * network between it and the phone (connection faults), or a hostile server (oversized chain, a
 * certificate with thousands of SANs, a header that never ends, garbage after the handshake). The phone
 * must report what happened and move on; it never hangs or crashes.
 */
public sealed interface ServerFault extends Fault
        permits CloseConnection, Stall, TinyRecords, CoalescedMessages, RestartServer,
                OversizedChain, ManySans, EndlessHeader, GarbageAfterHandshake {
}

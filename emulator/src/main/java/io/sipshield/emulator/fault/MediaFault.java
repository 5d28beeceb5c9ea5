package io.sipshield.emulator.fault;

/**
 * A fault on the media path: UDP impairment between the phones and the server ({@link PacketLoss},
 * {@link Reorder}, {@link Duplicate}: the receiver counts them right and has no authentication failure),
 * or an SRTP sender's misbehaviour ({@link TamperSrtp}, {@link ReplaySrtp}: counted and never played;
 * {@link RocWrap}: the 16-bit sequence number wraps mid-call and the rollover counter must follow,
 * RFC 3711 §3.3.1).
 */
public sealed interface MediaFault extends Fault
        permits PacketLoss, Reorder, Duplicate, RocWrap, TamperSrtp, ReplaySrtp {
}

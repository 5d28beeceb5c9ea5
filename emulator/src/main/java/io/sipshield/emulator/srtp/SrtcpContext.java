package io.sipshield.emulator.srtp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * SRTCP for one direction of one session (RFC 3711 §3.4): everything after the first 8 bytes of
 * a compound RTCP packet is encrypted; the trailer {@code E || SRTCP index} (1 + 31 bits) and an
 * 80-bit tag over header, encrypted part and trailer are appended.
 *
 * <p>The sender numbers each SSRC's packets from 0, adding one per packet modulo 2^31 (§3.4).
 * The receiver keeps a replay list per SSRC over the explicit index, checks it before the tag,
 * and updates it only after the tag is verified. A packet with E clear is authenticated but not
 * decrypted. Not thread-safe: confine a context to one event loop.
 */
public final class SrtcpContext {

    private static final int HEADER = 8;
    private static final int TRAILER = 4;

    private final SrtpCryptoSuite suite;
    private final int replayWindow;
    private final AesCounterMode cipher;
    private final HmacSha1Authenticator authenticator;
    private final byte[] sessionSalt;
    private final int tagLength;
    private final byte[] iv = new byte[AesCounterMode.BLOCK];
    private final Map<Integer, int[]> nextIndex = new HashMap<>();
    private final Map<Integer, ReplayWindow> replayLists = new HashMap<>();
    private final SrtpStats stats = new SrtpStats();

    private SrtcpContext(Builder builder) {
        this.suite = builder.suite;
        this.replayWindow = builder.replayWindow;
        SrtpSessionKeys keys = SrtpSessionKeys.forRtcp(suite, builder.masterKey);
        this.cipher = new AesCounterMode(keys.encryptionKey());
        this.authenticator = new HmacSha1Authenticator(keys.authenticationKey(), suite.srtcpAuthTagLength());
        this.sessionSalt = keys.salt();
        this.tagLength = suite.srtcpAuthTagLength();
    }

    /** A context with the default replay window. */
    public static SrtcpContext create(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        return builder().suite(suite).masterKey(masterKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public SrtpCryptoSuite suite() {
        return suite;
    }

    /** Bytes added by protection: the {@code E || index} word and the tag. */
    public int overhead() {
        return TRAILER + tagLength;
    }

    /** The counters as they are now. Call on the context's thread. */
    public SrtpStats.Snapshot stats() {
        return stats.snapshot();
    }

    /**
     * Protects a compound RTCP packet into a new array.
     *
     * @throws IllegalArgumentException if the bytes do not start with a version 2 RTCP header
     */
    public byte[] protect(byte[] rtcpPacket) {
        byte[] out = Arrays.copyOf(rtcpPacket, rtcpPacket.length + overhead());
        protectInPlace(out, 0, rtcpPacket.length);
        return out;
    }

    /**
     * Protects {@code buffer[offset..offset+length)} in place, appending trailer and tag; the buffer
     * needs {@link #overhead()} free bytes after the packet.
     *
     * @return the SRTCP packet length
     */
    public int protectInPlace(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length < HEADER || (buffer[offset] & 0xC0) != 0x80) {
            throw new IllegalArgumentException("rtcpPacket: expected a version 2 RTCP header of 8 bytes, got "
                    + length + " bytes" + (length > 0 ? " starting 0x" + Integer.toHexString(buffer[offset] & 0xFF) : ""));
        }
        if (buffer.length - offset - length < overhead()) {
            throw new IllegalArgumentException("buffer: needs " + overhead() + " free bytes after the packet");
        }
        int ssrc = PacketFields.readInt(buffer, offset + 4);
        int[] counter = nextIndex.computeIfAbsent(ssrc, key -> new int[1]);
        int index = counter[0];
        counter[0] = (index + 1) & 0x7FFFFFFF;
        AesCounterMode.packetIv(sessionSalt, ssrc, index, iv);
        cipher.xorKeystream(iv, buffer, offset + HEADER, length - HEADER);
        PacketFields.writeInt(buffer, offset + length, 0x80000000 | index);
        authenticator.tagRtcp(buffer, offset, length + TRAILER, buffer, offset + length + TRAILER);
        stats.recordProtected();
        return length + overhead();
    }

    /** Unprotects an SRTCP packet; the input array is left as it was. */
    public SrtpResult unprotect(byte[] srtcpPacket) {
        byte[] copy = srtcpPacket.clone();
        SrtpStatus status = unprotectInPlace(copy, 0, copy.length);
        return status == SrtpStatus.OK
                ? SrtpResult.ok(Arrays.copyOf(copy, copy.length - overhead()))
                : SrtpResult.failed(status);
    }

    /**
     * Unprotects {@code buffer[offset..offset+length)} in place. When the status is
     * {@link SrtpStatus#OK} the RTCP packet is the first {@code length - overhead()} bytes;
     * otherwise the buffer is unchanged.
     */
    public SrtpStatus unprotectInPlace(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        SrtpStatus status = unprotectChecked(buffer, offset, length);
        stats.record(status);
        return status;
    }

    private SrtpStatus unprotectChecked(byte[] buffer, int offset, int length) {
        int authenticated = length - tagLength;
        if (authenticated < HEADER + TRAILER || (buffer[offset] & 0xC0) != 0x80) {
            return SrtpStatus.MALFORMED;
        }
        int trailer = PacketFields.readInt(buffer, offset + authenticated - TRAILER);
        boolean encrypted = trailer < 0;
        int index = trailer & 0x7FFFFFFF;
        int ssrc = PacketFields.readInt(buffer, offset + 4);
        ReplayWindow replay = replayLists.get(ssrc);
        if (replay != null) {
            SrtpStatus seen = replay.check(index);
            if (seen != SrtpStatus.OK) {
                return seen;
            }
        }
        if (!authenticator.verifyRtcp(buffer, offset, authenticated)) {
            return SrtpStatus.AUTH_FAIL;
        }
        if (encrypted) {
            AesCounterMode.packetIv(sessionSalt, ssrc, index, iv);
            cipher.xorKeystream(iv, buffer, offset + HEADER, authenticated - TRAILER - HEADER);
        }
        if (replay == null) {
            replay = new ReplayWindow(replayWindow);
            replayLists.put(ssrc, replay);
        }
        replay.accept(index);
        return SrtpStatus.OK;
    }

    /** Settings for an {@link SrtcpContext}. */
    public static final class Builder {
        private SrtpCryptoSuite suite;
        private SrtpMasterKey masterKey;
        private int replayWindow = SrtpContext.DEFAULT_REPLAY_WINDOW;

        private Builder() {
        }

        public Builder suite(SrtpCryptoSuite suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
            return this;
        }

        public Builder masterKey(SrtpMasterKey masterKey) {
            this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
            return this;
        }

        /** Replay list size in packets, 64 to 32768 (RFC 3711 §3.3.2). */
        public Builder replayWindow(int packets) {
            this.replayWindow = SrtpContext.checkReplayWindow(packets);
            return this;
        }

        public SrtcpContext build() {
            SrtpContext.checkSettings(suite, masterKey);
            return new SrtcpContext(this);
        }
    }
}

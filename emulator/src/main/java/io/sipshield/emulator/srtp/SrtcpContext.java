package io.sipshield.emulator.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * SRTCP for one direction of one session (RFC 3711 §3.4): everything after the first 8 bytes of
 * a compound RTCP packet is encrypted; the trailer {@code E || SRTCP index} (1 + 31 bits), the MKI
 * if any, and the tag are appended.
 *
 * <p>Layout: {@code header || encrypted || E+index || MKI || tag} for AES-CM, where the tag covers
 * header, encrypted part and trailer (§3.4); {@code header || encrypted || tag || E+index || MKI}
 * for AES-GCM, where header and trailer are the associated data (RFC 7714 §9).
 *
 * <p>The sender numbers each SSRC's packets from {@link Builder#initialIndex} (0 by default), one
 * more per packet; the index never wraps: after 2^31 - 1, or once the key's lifetime (at most
 * 2^31 packets, RFC 3711 §9.2) is used up, {@code protect} throws {@link SrtpKeyExpiredException}
 * and {@code unprotect} returns {@link SrtpStatus#KEY_EXPIRED}. The receiver keeps a replay list per
 * SSRC over the explicit index, checks it before the tag, and updates it only after the tag is
 * verified. A packet with E clear is authenticated but not decrypted; {@link Builder#encrypt}
 * {@code false} sends such packets (RFC 4568 UNENCRYPTED_SRTCP). Not thread-safe: confine a context
 * to one event loop.
 */
public final class SrtcpContext {

    /** RFC 3711 §9.2: at most 2^31 SRTCP packets per master key. */
    public static final long MAX_KEY_LIFETIME = 1L << 31;
    static final int HEADER = 8;
    private static final int TRAILER = 4;

    private final SrtpCryptoSuite suite;
    private final int replayWindow;
    private final int initialIndex;
    private final boolean encrypt;
    private final MasterKeys keys;
    private final int tagLength;
    private final int mkiLength;
    private final boolean aead;
    private final SsrcMap<Stream> streams = new SsrcMap<>();
    private final SrtpStats stats = new SrtpStats();

    private SrtcpContext(Builder builder) {
        this.suite = builder.suite;
        this.replayWindow = builder.replayWindow;
        this.initialIndex = builder.initialIndex;
        this.encrypt = builder.encrypt;
        this.keys = builder.keys.build(suite,
                masterKey -> PacketCipher.create(suite, SrtpSessionKeys.forRtcp(suite, masterKey), true));
        this.tagLength = suite.srtcpAuthTagLength();
        this.mkiLength = keys.mkiLength();
        this.aead = suite.isAead();
    }

    /** A context with the default replay window and one master key without MKI. */
    public static SrtcpContext create(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        return builder().suite(suite).masterKey(masterKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public SrtpCryptoSuite suite() {
        return suite;
    }

    /** Bytes added by protection: the {@code E || index} word, the MKI if any, and the tag. */
    public int overhead() {
        return TRAILER + mkiLength + tagLength;
    }

    /** The counters as they are now. Call on the context's thread. */
    public SrtpStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** Sends with the master key named by this MKI from the next packet on. */
    public void useMasterKey(SrtpMki mki) {
        keys.send(Objects.requireNonNull(mki, "mki"));
    }

    /**
     * Protects a compound RTCP packet into a new array.
     *
     * @throws IllegalArgumentException if the bytes do not start with a version 2 RTCP header
     * @throws SrtpKeyExpiredException  if the key or the SSRC's index space is used up
     */
    public byte[] protect(byte[] rtcpPacket) {
        byte[] out = Arrays.copyOf(rtcpPacket, rtcpPacket.length + overhead());
        protectInPlace(out, 0, rtcpPacket.length);
        return out;
    }

    /**
     * Protects {@code buffer[offset..offset+length)} in place, appending trailer, MKI and tag; the
     * buffer needs {@link #overhead()} free bytes after the packet.
     *
     * @return the SRTCP packet length
     * @throws SrtpKeyExpiredException if the key or the SSRC's index space is used up
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
        Stream stream = streams.get(ssrc);
        long index = stream == null ? initialIndex : stream.nextIndex;
        MasterKeys.Entry key = keys.sending();
        if (index > Integer.MAX_VALUE) {
            stats.record(SrtpStatus.KEY_EXPIRED);
            throw new SrtpKeyExpiredException("rtcpPacket: SSRC " + Integer.toUnsignedString(ssrc)
                    + " has used every 31-bit SRTCP index (RFC 3711 §3.4); rekey");
        }
        if (keys.expired(key)) {
            stats.record(SrtpStatus.KEY_EXPIRED);
            throw new SrtpKeyExpiredException("masterKey: its lifetime of " + KeySettings.describe(keys.lifetime())
                    + " SRTCP packets is used up (RFC 3711 §9.2); rekey or switch keys by MKI");
        }
        if (stream == null) {
            stream = new Stream(new ReplayWindow(replayWindow));
            streams.put(ssrc, stream);
        }
        stream.nextIndex = index + 1;
        int trailerAt = offset + length + (aead ? tagLength : 0);
        int tagAt = aead ? offset + length : offset + length + TRAILER + mkiLength;
        PacketFields.writeInt(buffer, trailerAt, (encrypt ? 0x80000000 : 0) | (int) index);
        key.cipher.protectRtcp(buffer, offset, length, ssrc, (int) index, encrypt, trailerAt, tagAt);
        if (mkiLength > 0) {
            key.mki.writeTo(buffer, trailerAt + TRAILER);
        }
        key.packets++;
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
        int rtcpLength = length - overhead();
        if (rtcpLength < HEADER || (buffer[offset] & 0xC0) != 0x80) {
            return SrtpStatus.MALFORMED;
        }
        int trailerAt = offset + rtcpLength + (aead ? tagLength : 0);
        int tagAt = aead ? offset + rtcpLength : offset + rtcpLength + TRAILER + mkiLength;
        MasterKeys.Entry key = keys.find(buffer, trailerAt + TRAILER);
        if (key == null) {
            return SrtpStatus.AUTH_FAIL;
        }
        if (keys.expired(key)) {
            return SrtpStatus.KEY_EXPIRED;
        }
        int trailer = PacketFields.readInt(buffer, trailerAt);
        boolean encrypted = trailer < 0;
        int index = trailer & 0x7FFFFFFF;
        int ssrc = PacketFields.readInt(buffer, offset + 4);
        Stream stream = streams.get(ssrc);
        if (stream != null) {
            SrtpStatus seen = stream.replay.check(index);
            if (seen != SrtpStatus.OK) {
                return seen;
            }
        }
        if (!key.cipher.verifyRtcp(buffer, offset, rtcpLength, encrypted, trailerAt, tagAt)) {
            return SrtpStatus.AUTH_FAIL;
        }
        if (encrypted) {
            key.cipher.decryptRtcp(buffer, offset, rtcpLength, ssrc, index);
        }
        if (stream == null) {
            stream = new Stream(new ReplayWindow(replayWindow));
            streams.put(ssrc, stream);
        }
        stream.replay.accept(index);
        key.packets++;
        return SrtpStatus.OK;
    }

    /** Per-SSRC state: the next index to send and the replay list of received indices. */
    private static final class Stream {
        long nextIndex;
        final ReplayWindow replay;

        Stream(ReplayWindow replay) {
            this.replay = replay;
        }
    }

    /** Settings for an {@link SrtcpContext}. */
    public static final class Builder {
        private SrtpCryptoSuite suite;
        private final KeySettings keys = new KeySettings(MAX_KEY_LIFETIME, "RFC 3711 §9.2");
        private int replayWindow = SrtpContext.DEFAULT_REPLAY_WINDOW;
        private int initialIndex;
        private boolean encrypt = true;

        private Builder() {
        }

        public Builder suite(SrtpCryptoSuite suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
            return this;
        }

        /** The master key, without MKI (replaces one given before). */
        public Builder masterKey(SrtpMasterKey masterKey) {
            keys.key(Objects.requireNonNull(masterKey, "masterKey"));
            return this;
        }

        /** One more master key, named by an MKI (see {@link SrtpContext.Builder#masterKey(SrtpMasterKey, SrtpMki)}). */
        public Builder masterKey(SrtpMasterKey masterKey, SrtpMki mki) {
            keys.key(Objects.requireNonNull(masterKey, "masterKey"), Objects.requireNonNull(mki, "mki"));
            return this;
        }

        /** How many SRTCP packets each master key may process: 1 to 2^31, the default. */
        public Builder keyLifetime(long packets) {
            keys.lifetime(packets);
            return this;
        }

        /** Replay list size in packets, 64 to 32768 (RFC 3711 §3.3.2). */
        public Builder replayWindow(int packets) {
            this.replayWindow = SrtpContext.checkReplayWindow(packets);
            return this;
        }

        /** The SRTCP index of the first packet sent for each SSRC, 0 (the default) to 2^31 - 1. */
        public Builder initialIndex(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("initialIndex: expected 0 to 2^31 - 1, got " + index);
            }
            this.initialIndex = index;
            return this;
        }

        /**
         * Whether to encrypt what is sent (default true). False sends authenticated packets with
         * the E flag clear, as negotiated by RFC 4568's UNENCRYPTED_SRTCP.
         */
        public Builder encrypt(boolean encrypt) {
            this.encrypt = encrypt;
            return this;
        }

        public SrtcpContext build() {
            return new SrtcpContext(this);
        }
    }
}

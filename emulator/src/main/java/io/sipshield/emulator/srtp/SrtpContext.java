package io.sipshield.emulator.srtp;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * SRTP for one direction of one session (RFC 3711 §3.3): protects outgoing RTP or unprotects
 * incoming SRTP for any number of SSRCs that share the master keys, each with its own rollover
 * counter, highest sequence number and replay list.
 *
 * <p>{@link #unprotectInPlace} finds the master key (by MKI when in use), estimates the packet
 * index (§3.3.1, Appendix A), rejects replays and packets behind the window before authenticating
 * (§3.3.2), checks the tag, then decrypts; the ROC, the highest index, the replay list and the
 * key's packet count change only after the tag has been verified. The RTP header, CSRCs and header
 * extension stay in the clear; only the payload is encrypted (for AES-GCM the header is the
 * associated data, RFC 7714 §8.2).
 *
 * <p>Packet layout: {@code header || payload || MKI || tag} for AES-CM (RFC 3711 §3.1),
 * {@code header || payload || tag || MKI} for AES-GCM (RFC 7714 §8, as libsrtp writes it).
 *
 * <p>Key lifetime (§9.2): each master key may process at most {@link Builder#keyLifetime} packets
 * (2^48 by default); after that {@code protect} throws {@link SrtpKeyExpiredException} and
 * {@code unprotect} returns {@link SrtpStatus#KEY_EXPIRED}. So does a packet whose index would
 * pass 2^48 - 1 (the ROC is 32 bits).
 *
 * <p>The in-place methods allocate nothing once an SSRC is known. Not thread-safe: confine a
 * context to one event loop. Counters are in {@link #stats()}.
 */
public final class SrtpContext {

    /** RFC 3711 §3.3.2: a replay list of at least 64 packets. */
    public static final int DEFAULT_REPLAY_WINDOW = 64;
    /** RFC 3711 §9.2: at most 2^48 SRTP packets per master key. */
    public static final long MAX_KEY_LIFETIME = 1L << 48;
    static final int MAX_REPLAY_WINDOW = 32768;
    static final long MAX_ROC = 0xFFFFFFFFL;
    private static final long LAST_INDEX = (1L << 48) - 1;

    private final SrtpCryptoSuite suite;
    private final int replayWindow;
    private final long initialRoc;
    private final MasterKeys keys;
    private final int tagLength;
    private final int mkiLength;
    private final boolean aead;
    private final SsrcMap<Stream> streams = new SsrcMap<>();
    private final SrtpStats stats = new SrtpStats();
    private Stream lastStream;

    private SrtpContext(Builder builder) {
        this.suite = builder.suite;
        this.replayWindow = builder.replayWindow;
        this.initialRoc = builder.initialRoc;
        this.keys = builder.keys.build(suite,
                masterKey -> PacketCipher.create(suite, SrtpSessionKeys.forRtp(suite, masterKey), false));
        this.tagLength = suite.authTagLength();
        this.mkiLength = keys.mkiLength();
        this.aead = suite.isAead();
    }

    /** A context with the default replay window and one master key without MKI. */
    public static SrtpContext create(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        return builder().suite(suite).masterKey(masterKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public SrtpCryptoSuite suite() {
        return suite;
    }

    public int replayWindow() {
        return replayWindow;
    }

    /** Bytes protection adds to an RTP packet: the MKI, if any, and the tag. */
    public int overhead() {
        return tagLength + mkiLength;
    }

    /** The counters as they are now. Call on the context's thread. */
    public SrtpStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** The rollover counter of an SSRC this context has protected or accepted, if any. */
    public OptionalLong rolloverCounter(long ssrc) {
        Stream stream = streams.get((int) ssrc);
        return stream == null ? OptionalLong.empty() : OptionalLong.of(stream.highestIndex >>> 16);
    }

    /**
     * Sends with the master key named by this MKI from the next packet on (a rekey). Received
     * packets are always checked with the key their MKI names.
     *
     * @throws IllegalArgumentException if no master key of this context has that MKI
     */
    public void useMasterKey(SrtpMki mki) {
        keys.send(Objects.requireNonNull(mki, "mki"));
    }

    /**
     * Protects an RTP packet: a new array holding the header, the encrypted payload, the MKI if
     * any and the authentication tag.
     *
     * @throws IllegalArgumentException if the bytes are not a version 2 RTP packet
     * @throws SrtpKeyExpiredException  if the sending key may not protect another packet
     */
    public byte[] protect(byte[] rtpPacket) {
        byte[] out = Arrays.copyOf(rtpPacket, rtpPacket.length + overhead());
        protectInPlace(out, 0, rtpPacket.length);
        return out;
    }

    /**
     * Protects the RTP packet in {@code buffer[offset..offset+length)} in place and appends MKI and
     * tag; the buffer needs {@link #overhead()} free bytes after the packet.
     *
     * @return the SRTP packet length
     * @throws IllegalArgumentException if the bytes are not a version 2 RTP packet, or the buffer has no room for the tag
     * @throws SrtpKeyExpiredException  if the sending key may not protect another packet
     */
    public int protectInPlace(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int headerLength = PacketFields.rtpHeaderLength(buffer, offset, length);
        if (headerLength == PacketFields.MALFORMED) {
            throw new IllegalArgumentException("rtpPacket: not a version 2 RTP packet whose header fits in "
                    + length + " bytes");
        }
        if (buffer.length - offset - length < overhead()) {
            throw new IllegalArgumentException("buffer: needs " + overhead()
                    + " free bytes after the packet for the MKI and tag");
        }
        int ssrc = PacketFields.rtpSsrc(buffer, offset);
        int seq = PacketFields.rtpSequence(buffer, offset);
        Stream stream = stream(ssrc);
        long index = stream == null ? firstIndex(seq) : stream.estimateIndex(seq);
        if (index < 0) {
            throw new IllegalArgumentException("rtpPacket: sequence " + seq
                    + " lies before the first packet protected for SSRC " + Integer.toUnsignedString(ssrc));
        }
        MasterKeys.Entry key = keys.sending();
        if (index > LAST_INDEX) {
            stats.record(SrtpStatus.KEY_EXPIRED);
            throw new SrtpKeyExpiredException("rtpPacket: sequence " + seq + " needs ROC 2^32, beyond the 48-bit "
                    + "SRTP index (RFC 3711 §3.3.1); rekey");
        }
        if (keys.expired(key)) {
            stats.record(SrtpStatus.KEY_EXPIRED);
            throw new SrtpKeyExpiredException("masterKey: its lifetime of " + KeySettings.describe(keys.lifetime())
                    + " packets is used up (RFC 3711 §9.2); rekey or switch keys by MKI");
        }
        if (stream == null) {
            stream = new Stream(ssrc, index, new ReplayWindow(replayWindow));
            streams.put(ssrc, stream);
            lastStream = stream;
        } else if (index > stream.highestIndex) {
            stream.highestIndex = index;
        }
        int tagAt = offset + length + (aead ? 0 : mkiLength);
        key.cipher.protectRtp(buffer, offset, headerLength, length, ssrc, index, tagAt);
        if (mkiLength > 0) {
            key.mki.writeTo(buffer, offset + length + (aead ? tagLength : 0));
        }
        key.packets++;
        stats.recordProtected();
        return length + overhead();
    }

    /** Unprotects an SRTP packet; the input array is left as it was. */
    public SrtpResult unprotect(byte[] srtpPacket) {
        byte[] copy = srtpPacket.clone();
        SrtpStatus status = unprotectInPlace(copy, 0, copy.length);
        return status == SrtpStatus.OK
                ? SrtpResult.ok(Arrays.copyOf(copy, copy.length - overhead()))
                : SrtpResult.failed(status);
    }

    /**
     * Unprotects {@code buffer[offset..offset+length)} in place. When the status is
     * {@link SrtpStatus#OK} the RTP packet is the first {@code length - overhead()} bytes;
     * otherwise the buffer is unchanged.
     */
    public SrtpStatus unprotectInPlace(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        SrtpStatus status = unprotectChecked(buffer, offset, length);
        stats.record(status);
        return status;
    }

    private SrtpStatus unprotectChecked(byte[] buffer, int offset, int length) {
        int rtpLength = length - tagLength - mkiLength;
        int headerLength = PacketFields.rtpHeaderLength(buffer, offset, rtpLength);
        if (headerLength == PacketFields.MALFORMED) {
            return SrtpStatus.MALFORMED;
        }
        int mkiAt = offset + (aead ? length - mkiLength : rtpLength);
        MasterKeys.Entry key = keys.find(buffer, mkiAt);
        if (key == null) {
            return SrtpStatus.AUTH_FAIL;
        }
        if (keys.expired(key)) {
            return SrtpStatus.KEY_EXPIRED;
        }
        int ssrc = PacketFields.rtpSsrc(buffer, offset);
        int seq = PacketFields.rtpSequence(buffer, offset);
        Stream stream = stream(ssrc);
        long index = stream == null ? firstIndex(seq) : stream.estimateIndex(seq);
        if (index < 0) {
            return SrtpStatus.TOO_OLD;
        }
        if (index > LAST_INDEX) {
            return SrtpStatus.KEY_EXPIRED;
        }
        if (stream != null) {
            SrtpStatus replay = stream.replay.check(index);
            if (replay != SrtpStatus.OK) {
                return replay;
            }
        }
        int tagAt = offset + rtpLength + (aead ? 0 : mkiLength);
        if (!key.cipher.verifyRtp(buffer, offset, headerLength, rtpLength, ssrc, index, tagAt)) {
            return SrtpStatus.AUTH_FAIL;
        }
        key.cipher.decryptRtp(buffer, offset, headerLength, rtpLength, ssrc, index);
        if (stream == null) {
            stream = new Stream(ssrc, index, new ReplayWindow(replayWindow));
            streams.put(ssrc, stream);
            lastStream = stream;
        }
        stream.replay.accept(index);
        if (index > stream.highestIndex) {
            stream.highestIndex = index;
        }
        key.packets++;
        return SrtpStatus.OK;
    }

    /** The index of the first packet of an SSRC: the initial ROC with its sequence number. */
    private long firstIndex(int seq) {
        return (initialRoc << 16) | seq;
    }

    private Stream stream(int ssrc) {
        Stream last = lastStream;
        if (last != null && last.ssrc == ssrc) {
            return last;
        }
        Stream found = streams.get(ssrc);
        if (found != null) {
            lastStream = found;
        }
        return found;
    }

    /** Per-SSRC state: the highest index seen ({@code ROC << 16 | s_l}) and the replay list. */
    private static final class Stream {
        final int ssrc;
        long highestIndex;
        final ReplayWindow replay;

        Stream(int ssrc, long highestIndex, ReplayWindow replay) {
            this.ssrc = ssrc;
            this.highestIndex = highestIndex;
            this.replay = replay;
        }

        /** RFC 3711 Appendix A: the index of {@code seq} given ROC and s_l; -1 if before index 0. */
        long estimateIndex(int seq) {
            long roc = highestIndex >>> 16;
            int highestSeq = (int) (highestIndex & 0xFFFF);
            long v;
            if (highestSeq < 32768) {
                v = seq - highestSeq > 32768 ? roc - 1 : roc;
            } else {
                v = highestSeq - 32768 > seq ? roc + 1 : roc;
            }
            return v < 0 ? -1 : (v << 16) | seq;
        }
    }

    /** Settings for an {@link SrtpContext}. */
    public static final class Builder {
        private SrtpCryptoSuite suite;
        private final KeySettings keys = new KeySettings(MAX_KEY_LIFETIME, "RFC 3711 §9.2");
        private int replayWindow = DEFAULT_REPLAY_WINDOW;
        private long initialRoc;

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

        /**
         * One more master key, named by an MKI that every packet will carry (RFC 3711 §3.1). Call
         * once per key; all MKIs have the same length. The first key sends until
         * {@link SrtpContext#useMasterKey} picks another.
         */
        public Builder masterKey(SrtpMasterKey masterKey, SrtpMki mki) {
            keys.key(Objects.requireNonNull(masterKey, "masterKey"), Objects.requireNonNull(mki, "mki"));
            return this;
        }

        /**
         * How many packets each master key may process, as negotiated (SDES lifetime, RFC 4568
         * §6.1); 1 to 2^48, the default.
         */
        public Builder keyLifetime(long packets) {
            keys.lifetime(packets);
            return this;
        }

        /** Replay list size in packets, 64 (the default) to 32768 (RFC 3711 §3.3.2). */
        public Builder replayWindow(int packets) {
            this.replayWindow = checkReplayWindow(packets);
            return this;
        }

        /**
         * The rollover counter assumed for the first packet of every SSRC (default 0): for joining
         * a stream that has wrapped already, as {@code srtp_set_stream_roc} does in libsrtp.
         */
        public Builder initialRolloverCounter(long roc) {
            if (roc < 0 || roc > MAX_ROC) {
                throw new IllegalArgumentException("initialRolloverCounter: expected 0 to 2^32 - 1, got " + roc);
            }
            this.initialRoc = roc;
            return this;
        }

        public SrtpContext build() {
            return new SrtpContext(this);
        }
    }

    static int checkReplayWindow(int packets) {
        if (packets < DEFAULT_REPLAY_WINDOW || packets > MAX_REPLAY_WINDOW) {
            throw new IllegalArgumentException("replayWindow: expected " + DEFAULT_REPLAY_WINDOW + " to "
                    + MAX_REPLAY_WINDOW + " packets (RFC 3711 §3.3.2 requires at least 64), got " + packets);
        }
        return packets;
    }
}

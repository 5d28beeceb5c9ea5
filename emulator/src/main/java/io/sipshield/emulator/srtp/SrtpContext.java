package io.sipshield.emulator.srtp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * SRTP for one direction of one session (RFC 3711 §3.3): protects outgoing RTP or unprotects
 * incoming SRTP for any number of SSRCs that share the master key, each with its own rollover
 * counter, highest sequence number and replay list.
 *
 * <p>{@link #unprotect} estimates the packet index (§3.3.1, Appendix A), rejects replays and packets
 * behind the window before authenticating (§3.3.2), checks the tag, then decrypts; the ROC, the
 * highest index and the replay list change only after the tag has been verified. The RTP header,
 * CSRCs and header extension stay in the clear; only the payload is encrypted.
 *
 * <p>Not thread-safe: confine a context to one event loop. Counters are in {@link #stats()}.
 */
public final class SrtpContext {

    /** RFC 3711 §3.3.2: a replay list of at least 64 packets. */
    public static final int DEFAULT_REPLAY_WINDOW = 64;
    static final int MAX_REPLAY_WINDOW = 32768;

    private final SrtpCryptoSuite suite;
    private final int replayWindow;
    private final AesCounterMode cipher;
    private final HmacSha1Authenticator authenticator;
    private final byte[] sessionSalt;
    private final int tagLength;
    private final byte[] iv = new byte[AesCounterMode.BLOCK];
    private final Map<Integer, Stream> streams = new HashMap<>();
    private final SrtpStats stats = new SrtpStats();
    private Stream lastStream;

    // The packet that passed authenticate() and awaits commit().
    private Stream pendingStream;
    private int pendingSsrc;
    private long pendingIndex;
    private int pendingHeaderLength;

    private SrtpContext(Builder builder) {
        this.suite = builder.suite;
        this.replayWindow = builder.replayWindow;
        SrtpSessionKeys keys = SrtpSessionKeys.forRtp(suite, builder.masterKey);
        this.cipher = new AesCounterMode(keys.encryptionKey());
        this.authenticator = new HmacSha1Authenticator(keys.authenticationKey(), suite.authTagLength());
        this.sessionSalt = keys.salt();
        this.tagLength = suite.authTagLength();
    }

    /** A context with the default replay window. */
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
     * Protects an RTP packet: a new array holding the header, the encrypted payload and the
     * authentication tag.
     *
     * @throws IllegalArgumentException if the bytes are not a version 2 RTP packet
     */
    public byte[] protect(byte[] rtpPacket) {
        byte[] out = Arrays.copyOf(rtpPacket, rtpPacket.length + tagLength);
        protectInPlace(out, 0, rtpPacket.length);
        return out;
    }

    /**
     * Protects the RTP packet in {@code buffer[offset..offset+length)} in place and writes the tag
     * after it; the buffer needs {@code suite().authTagLength()} free bytes there.
     *
     * @return the SRTP packet length
     * @throws IllegalArgumentException if the bytes are not a version 2 RTP packet, or the buffer has no room for the tag
     */
    public int protectInPlace(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int headerLength = PacketFields.rtpHeaderLength(buffer, offset, length);
        if (headerLength == PacketFields.MALFORMED) {
            throw new IllegalArgumentException("rtpPacket: not a version 2 RTP packet whose header fits in "
                    + length + " bytes");
        }
        if (buffer.length - offset - length < tagLength) {
            throw new IllegalArgumentException("buffer: needs " + tagLength + " free bytes after the packet for the tag");
        }
        int ssrc = PacketFields.rtpSsrc(buffer, offset);
        int seq = PacketFields.rtpSequence(buffer, offset);
        Stream stream = stream(ssrc);
        long index;
        if (stream == null) {
            stream = new Stream(ssrc, seq, null);
            streams.put(ssrc, stream);
            lastStream = stream;
            index = seq;
        } else {
            index = stream.estimateIndex(seq);
            if (index < 0) {
                throw new IllegalArgumentException("rtpPacket: sequence " + seq
                        + " lies before the first packet protected for SSRC " + Integer.toUnsignedString(ssrc));
            }
            if (index > stream.highestIndex) {
                stream.highestIndex = index;
            }
        }
        AesCounterMode.packetIv(sessionSalt, ssrc, index, iv);
        cipher.xorKeystream(iv, buffer, offset + headerLength, length - headerLength);
        authenticator.tagRtp(buffer, offset, length, index >>> 16, buffer, offset + length);
        stats.recordProtected();
        return length + tagLength;
    }

    /** Unprotects an SRTP packet; the input array is left as it was. */
    public SrtpResult unprotect(byte[] srtpPacket) {
        SrtpStatus status = authenticate(srtpPacket, 0, srtpPacket.length);
        if (status != SrtpStatus.OK) {
            stats.record(status);
            return SrtpResult.failed(status);
        }
        byte[] plain = Arrays.copyOf(srtpPacket, srtpPacket.length - tagLength);
        commit(plain, 0, plain.length);
        stats.record(SrtpStatus.OK);
        return SrtpResult.ok(plain);
    }

    /**
     * Unprotects {@code buffer[offset..offset+length)} in place. When the status is
     * {@link SrtpStatus#OK} the RTP packet is the first {@code length - suite().authTagLength()}
     * bytes; otherwise the buffer is unchanged.
     */
    public SrtpStatus unprotectInPlace(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        SrtpStatus status = authenticate(buffer, offset, length);
        if (status == SrtpStatus.OK) {
            commit(buffer, offset, length - tagLength);
        }
        stats.record(status);
        return status;
    }

    /** Steps 1-5 of RFC 3711 §3.3: index, replay check, tag check. Changes no stream state. */
    private SrtpStatus authenticate(byte[] packet, int offset, int length) {
        int authenticated = length - tagLength;
        int headerLength = PacketFields.rtpHeaderLength(packet, offset, authenticated);
        if (headerLength == PacketFields.MALFORMED) {
            return SrtpStatus.MALFORMED;
        }
        int ssrc = PacketFields.rtpSsrc(packet, offset);
        int seq = PacketFields.rtpSequence(packet, offset);
        Stream stream = stream(ssrc);
        long index = stream == null ? seq : stream.estimateIndex(seq);
        if (index < 0) {
            return SrtpStatus.TOO_OLD;
        }
        if (stream != null) {
            SrtpStatus replay = stream.replay.check(index);
            if (replay != SrtpStatus.OK) {
                return replay;
            }
        }
        if (!authenticator.verifyRtp(packet, offset, authenticated, index >>> 16)) {
            return SrtpStatus.AUTH_FAIL;
        }
        pendingStream = stream;
        pendingSsrc = ssrc;
        pendingIndex = index;
        pendingHeaderLength = headerLength;
        return SrtpStatus.OK;
    }

    /** Steps 6-7 of RFC 3711 §3.3: decrypt, then update ROC, highest index and replay list. */
    private void commit(byte[] packet, int offset, int rtpLength) {
        AesCounterMode.packetIv(sessionSalt, pendingSsrc, pendingIndex, iv);
        cipher.xorKeystream(iv, packet, offset + pendingHeaderLength, rtpLength - pendingHeaderLength);
        Stream stream = pendingStream;
        if (stream == null) {
            stream = new Stream(pendingSsrc, pendingIndex, new ReplayWindow(replayWindow));
            streams.put(pendingSsrc, stream);
            lastStream = stream;
        }
        stream.replay.accept(pendingIndex);
        if (pendingIndex > stream.highestIndex) {
            stream.highestIndex = pendingIndex;
        }
        pendingStream = null;
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

    /** Per-SSRC state: the highest index seen ({@code ROC << 16 | s_l}) and, when receiving, the replay list. */
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
        private SrtpMasterKey masterKey;
        private int replayWindow = DEFAULT_REPLAY_WINDOW;

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

        /** Replay list size in packets, 64 (the default) to 32768 (RFC 3711 §3.3.2). */
        public Builder replayWindow(int packets) {
            this.replayWindow = checkReplayWindow(packets);
            return this;
        }

        public SrtpContext build() {
            checkSettings(suite, masterKey);
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

    static void checkSettings(SrtpCryptoSuite suite, SrtpMasterKey masterKey) {
        if (suite == null) {
            throw new IllegalStateException("suite: required");
        }
        if (masterKey == null) {
            throw new IllegalStateException("masterKey: required");
        }
        if (!masterKey.fits(suite)) {
            throw new IllegalArgumentException("masterKey: " + suite.sdpName() + " needs a "
                    + suite.masterKeyLength() + "-byte key and a " + suite.masterSaltLength() + "-byte salt, got "
                    + masterKey.keyLength() + " and " + masterKey.saltLength());
        }
    }
}

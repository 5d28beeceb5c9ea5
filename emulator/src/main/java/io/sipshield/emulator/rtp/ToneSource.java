package io.sipshield.emulator.rtp;

import java.util.Objects;

/**
 * A continuous sine tone in G.711, by default 1 kHz at 0 dBm0 in µ-law (the digital milliwatt of
 * ITU-T G.711 Tables 5/6, which Asterisk's Milliwatt application plays).
 *
 * <p>The frequency is a whole number of hertz, so the signal repeats after at most 50 frames: those
 * frames are computed once at build time and replayed, keeping the media path free of trigonometry.
 */
public final class ToneSource implements MediaSource {

    private final int frequency;
    private final double peak;
    private final G711 codec;
    private final byte[] cycle;
    private int position;

    private ToneSource(Builder builder) {
        this.frequency = builder.frequency;
        this.codec = builder.codec;
        this.peak = builder.amplitude >= 0 ? builder.amplitude : codec.peakAmplitude(builder.dbm0);
        if (peak > Short.MAX_VALUE) {
            throw new IllegalArgumentException("level: " + builder.dbm0 + " dBm0 is a peak of " + Math.round(peak)
                    + ", past the 16-bit range of " + codec);
        }
        int period = G711.CLOCK_RATE / gcd(frequency, G711.CLOCK_RATE);
        int frames = period / gcd(period, SAMPLES_PER_FRAME);
        this.cycle = new byte[frames * SAMPLES_PER_FRAME];
        double step = 2 * Math.PI * frequency / G711.CLOCK_RATE;
        for (int n = 0; n < cycle.length; n++) {
            cycle[n] = codec.encode((int) Math.round(peak * Math.sin(builder.initialPhase + step * n)));
        }
    }

    /** A 1 kHz tone at 0 dBm0 in this law. */
    public static ToneSource milliwatt(G711 codec) {
        return builder().codec(codec).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int frequency() {
        return frequency;
    }

    /** The 16-bit peak amplitude. */
    public double peakAmplitude() {
        return peak;
    }

    public G711 codec() {
        return codec;
    }

    @Override
    public byte[] nextFrame() {
        byte[] frame = new byte[SAMPLES_PER_FRAME];
        System.arraycopy(cycle, position, frame, 0, SAMPLES_PER_FRAME);
        position = (position + SAMPLES_PER_FRAME) % cycle.length;
        return frame;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Tone settings. Level is either {@link #levelDbm0} or {@link #amplitude}, whichever is set last. */
    public static final class Builder {
        private int frequency = 1000;
        private double dbm0 = 0;
        private int amplitude = -1;
        private double initialPhase;
        private G711 codec = G711.PCMU;

        private Builder() {
        }

        /** Frequency in whole hertz, 1 to 3999 (below the 4 kHz Nyquist limit). Default 1000. */
        public Builder frequency(int hertz) {
            this.frequency = G711.requireCarriedFrequency(hertz);
            return this;
        }

        /** Level in dBm0 (G.711 relative level). Default 0 dBm0. */
        public Builder levelDbm0(double dbm0) {
            if (!Double.isFinite(dbm0)) {
                throw new IllegalArgumentException("level: expected a finite dBm0 value, got " + dbm0);
            }
            this.dbm0 = dbm0;
            this.amplitude = -1;
            return this;
        }

        /** Peak amplitude as a 16-bit linear value, 0 to 32767. */
        public Builder amplitude(int peak) {
            if (peak < 0 || peak > Short.MAX_VALUE) {
                throw new IllegalArgumentException("amplitude: expected 0-32767, got " + peak);
            }
            this.amplitude = peak;
            return this;
        }

        /** Phase of the first sample in radians. Default 0. */
        public Builder initialPhase(double radians) {
            if (!Double.isFinite(radians)) {
                throw new IllegalArgumentException("initialPhase: expected a finite value, got " + radians);
            }
            this.initialPhase = radians;
            return this;
        }

        /** The law to encode with. Default PCMU. */
        public Builder codec(G711 codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public ToneSource build() {
            return new ToneSource(this);
        }
    }
}

package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.RtpPacket;
import java.util.Optional;

/**
 * Checks that received audio carries a tone, without knowing its bytes: each G.711 packet is
 * decoded and run through a Goertzel filter at the tone's frequency. A packet holds the tone when
 * that frequency carries most of its energy ({@code purity}, 1.0 for a pure tone) and its level
 * is above a floor in dBm0. So media from a real peer (a PBX playing Milliwatt(), a phone's
 * dial tone) can be judged as well as an echo.
 *
 * <pre>{@code
 * ToneDetector tone = ToneDetector.builder().frequency(1000).build();
 * call.addSink(tone);
 * call.sendMedia(...).join();
 * assert tone.report().present();
 * }</pre>
 *
 * A sink: called on the media event loop; {@link #report()} may be called from any thread.
 */
public final class ToneDetector implements MediaSink {

    private final int frequency;
    private final double minPurity;
    private final double minLevelDbm0;
    private long frames;
    private long toneFrames;
    private long undecodable;
    private double levelSum;
    private long run;
    private long longestRun;
    private double[] samples = new double[G711.CLOCK_RATE / 50];

    private ToneDetector(Builder builder) {
        this.frequency = builder.frequency;
        this.minPurity = builder.minPurity;
        this.minLevelDbm0 = builder.minLevelDbm0;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void received(RtpPacket packet, long arrivalNanos) {
        Optional<G711> law = G711.forPayloadType(packet.payloadType());
        byte[] payload = packet.payload();
        if (law.isEmpty() || payload.length == 0) {
            undecodable++;
            return;
        }
        frames++;
        if (samples.length < payload.length) {
            samples = new double[payload.length];
        }
        for (int i = 0; i < payload.length; i++) {
            samples[i] = law.get().decode(payload[i]);
        }
        Measurement m = measure(samples, payload.length, frequency);
        double level = m.level(law.get());
        if (m.purity() >= minPurity && level >= minLevelDbm0) {
            toneFrames++;
            levelSum += level;
            longestRun = Math.max(longestRun, ++run);
        } else {
            run = 0;
        }
    }

    /**
     * The Goertzel filter (a single DFT bin, any real frequency) over {@code samples[0..n)}.
     * Purity is the share of the frame's energy at that frequency: {@code 2|X|^2 / (n * sum x^2)},
     * 1 for a pure tone at the frequency, near 0 for other sounds.
     */
    static Measurement measure(double[] samples, int n, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / G711.CLOCK_RATE);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = 0; i < n; i++) {
            double s = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += samples[i] * samples[i];
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        double purity = energy == 0 ? 0 : Math.min(1, 2 * power / (n * energy));
        double amplitude = 2 * Math.sqrt(Math.max(0, power)) / n;
        return new Measurement(purity, amplitude);
    }

    /** The outcome so far. */
    public synchronized ToneReport report() {
        return new ToneReport(frequency, frames, toneFrames, undecodable, longestRun,
                toneFrames == 0 ? Double.NaN : levelSum / toneFrames);
    }

    /** One frame through the filter: the energy share at the frequency and the tone's peak amplitude. */
    record Measurement(double purity, double amplitude) {

        /** The tone's level in dBm0 for this law (0 dBm0 being the digital milliwatt). */
        double level(G711 law) {
            return amplitude == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(amplitude / law.peakAmplitude(0));
        }
    }

    /** What to listen for. */
    public static final class Builder {
        private int frequency = 1000;
        private double minPurity = 0.5;
        private double minLevelDbm0 = -40;

        private Builder() {
        }

        /** The tone's frequency in Hz, 1 to 3999. Default 1000 (Asterisk's Milliwatt()). */
        public Builder frequency(int hertz) {
            this.frequency = G711.requireCarriedFrequency(hertz);
            return this;
        }

        /** The share of a frame's energy the tone must carry, above 0 and at most 1. Default 0.5. */
        public Builder minPurity(double share) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("minPurity: expected a share above 0 and at most 1, got " + share);
            }
            this.minPurity = share;
            return this;
        }

        /** The lowest level that counts as a tone, in dBm0. Default -40 dBm0. */
        public Builder minLevelDbm0(double dbm0) {
            if (!Double.isFinite(dbm0)) {
                throw new IllegalArgumentException("minLevelDbm0: expected a finite level, got " + dbm0);
            }
            this.minLevelDbm0 = dbm0;
            return this;
        }

        public ToneDetector build() {
            return new ToneDetector(this);
        }
    }
}

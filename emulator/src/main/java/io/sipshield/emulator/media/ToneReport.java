package io.sipshield.emulator.media;

/**
 * What a {@link ToneDetector} heard.
 *
 * @param frequency      the tone listened for, Hz
 * @param frames         G.711 packets analysed
 * @param toneFrames     packets that carried the tone
 * @param undecodable    packets that were not G.711 (another payload type) or empty
 * @param longestRun     the most consecutive packets with the tone
 * @param meanLevelDbm0  the tone's mean level over the packets that carried it, NaN when none did
 */
public record ToneReport(int frequency, long frames, long toneFrames, long undecodable, long longestRun,
                         double meanLevelDbm0) {

    /** The share of analysed packets that carried the tone (0 when none was analysed). */
    public double fraction() {
        return frames == 0 ? 0 : (double) toneFrames / frames;
    }

    /** Whether the tone was there in more than half of the packets. */
    public boolean present() {
        return frames > 0 && 2 * toneFrames > frames;
    }
}

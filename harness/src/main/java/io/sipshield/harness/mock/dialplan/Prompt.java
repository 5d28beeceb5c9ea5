package io.sipshield.harness.mock.dialplan;

import io.sipshield.emulator.rtp.MediaSource;

/**
 * A sound Playback() can play: its frames and how many 20 ms frames it lasts.
 *
 * @param name   the name Playback() was given
 * @param source the audio, in the call's law
 * @param frames its length in 20 ms frames
 */
public record Prompt(String name, MediaSource source, int frames) {
}

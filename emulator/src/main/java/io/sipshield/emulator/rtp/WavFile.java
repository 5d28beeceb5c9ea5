package io.sipshield.emulator.rtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RIFF/WAVE files of 16-bit linear PCM, the format telephony tools exchange audio in: reading the
 * 8 kHz mono files a phone can play, writing what a phone recorded. Reading walks the chunks
 * (skipping LIST, fact and the like), accepts WAVE_FORMAT_PCM and WAVE_FORMAT_EXTENSIBLE with the
 * PCM subformat, and says exactly what is wrong with any other file.
 */
public final class WavFile {

    /** The only sample rate a G.711 stream carries. */
    public static final int TELEPHONY_RATE = G711.CLOCK_RATE;

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int HEADER_LENGTH = 44;
    private static final String NEEDED = "8000 Hz 16-bit mono PCM";

    private WavFile() {
    }

    /**
     * The samples of an 8 kHz, 16-bit, mono PCM WAV file.
     *
     * @throws IOException if the file cannot be read, or naming what differs from 8000 Hz 16-bit mono PCM
     */
    public static short[] readTelephonyPcm(Path file) throws IOException {
        return decodeTelephonyPcm(Files.readAllBytes(file), file.toString());
    }

    /**
     * The samples of an 8 kHz, 16-bit, mono PCM WAV file held in memory.
     *
     * @param name how to call the file in error messages
     * @throws IOException naming what is wrong
     */
    public static short[] decodeTelephonyPcm(byte[] wav, String name) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || in.getInt(0) != 0x4646_4952 || in.getInt(8) != 0x4556_4157) {
            throw new IOException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        int at = 12;
        boolean formatSeen = false;
        while (at + 8 <= wav.length) {
            int id = in.getInt(at);
            long size = in.getInt(at + 4) & 0xFFFF_FFFFL;
            int body = at + 8;
            if (id == 0x2074_6D66) { // "fmt "
                checkFormat(in, body, size, name);
                formatSeen = true;
            } else if (id == 0x6174_6164) { // "data"
                if (!formatSeen) {
                    throw new IOException(name + ": the data chunk comes before the fmt chunk");
                }
                int available = (int) Math.min(size, wav.length - body);
                short[] samples = new short[available / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = in.getShort(body + 2 * i);
                }
                return samples;
            }
            at = (int) Math.min(wav.length, body + size + (size & 1));
        }
        throw new IOException(name + (formatSeen ? ": no data chunk" : ": no fmt chunk"));
    }

    private static void checkFormat(ByteBuffer in, int body, long size, String name) throws IOException {
        if (size < 16 || body + 16 > in.capacity()) {
            throw new IOException(name + ": fmt chunk of " + size + " bytes, expected at least 16");
        }
        int format = in.getShort(body) & 0xFFFF;
        int channels = in.getShort(body + 2) & 0xFFFF;
        int rate = in.getInt(body + 4);
        int bits = in.getShort(body + 14) & 0xFFFF;
        if (format == WAVE_FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= in.capacity()) {
            format = in.getShort(body + 24) & 0xFFFF; // the first two bytes of the SubFormat GUID
        }
        if (format != WAVE_FORMAT_PCM) {
            throw new IOException(name + ": encoding " + formatName(format) + "; a phone plays " + NEEDED);
        }
        if (rate != TELEPHONY_RATE) {
            throw new IOException(name + ": sample rate " + rate + " Hz; a phone plays " + NEEDED + " (resample it first)");
        }
        if (bits != 16) {
            throw new IOException(name + ": " + bits + " bits per sample; a phone plays " + NEEDED);
        }
        if (channels != 1) {
            throw new IOException(name + ": " + channels + " channels; a phone plays " + NEEDED + " (mix it down first)");
        }
    }

    private static String formatName(int format) {
        return switch (format) {
            case 3 -> "IEEE float (format 3)";
            case 6 -> "A-law (format 6)";
            case 7 -> "µ-law (format 7)";
            case 0x11 -> "IMA ADPCM (format 0x11)";
            case 0x55 -> "MP3 (format 0x55)";
            default -> "format " + format;
        };
    }

    /** A WAV file (16-bit mono PCM at {@code sampleRate}) holding {@code samples[0..count)}. */
    public static byte[] encode(short[] samples, int count, int sampleRate) {
        if (count < 0 || count > samples.length) {
            throw new IllegalArgumentException("count: expected 0 to " + samples.length + ", got " + count);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + 2 * count).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x4646_4952).putInt(36 + 2 * count).putInt(0x4556_4157);
        out.putInt(0x2074_6D66).putInt(16).putShort((short) WAVE_FORMAT_PCM).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        out.putInt(0x6174_6164).putInt(2 * count);
        for (int i = 0; i < count; i++) {
            out.putShort(samples[i]);
        }
        return out.array();
    }

    /** Writes {@code samples} as an 8 kHz 16-bit mono PCM WAV file. */
    public static void write(Path file, short[] samples) throws IOException {
        Files.write(file, encode(samples, samples.length, TELEPHONY_RATE));
    }
}

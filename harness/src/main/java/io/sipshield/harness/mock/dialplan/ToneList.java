package io.sipshield.harness.mock.dialplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tone list as {@code Playtones()} and indications.conf write it, read the way main/indications.c
 * ({@code ast_playtones_start}, {@code ast_tone_zone_part_parse}) reads it: parts separated by
 * {@code ,} (or {@code |} when the list holds one), each {@code [!]f1[+f2][/ms]}. A frequency of 0 is
 * silence; no duration (or 0) plays that part forever. After the last part playback starts over at
 * the first part without {@code !}; when every part has {@code !}, the list plays once.
 * Modulated ({@code f1*f2}) and MIDI-note ({@code M69}) parts are refused: the mock does not
 * generate them.
 *
 * @param parts  the parts in order
 * @param repeatFrom the index playback starts over at after the last part, or -1 to play once
 */
public record ToneList(List<Part> parts, int repeatFrom) {

    private static final Pattern PART = Pattern.compile("(\\d+)(?:\\+(\\d+))?(?:/(\\d+))?");

    /** The US busy tone of indications.conf.sample ({@code [us] busy}). */
    public static final ToneList US_BUSY = parse("480+620/500,0/500");

    /** The US congestion (reorder) tone of indications.conf.sample ({@code [us] congestion}). */
    public static final ToneList US_CONGESTION = parse("480+620/250,0/250");

    /**
     * One part of the list.
     *
     * @param frequency1 Hz, 0 for silence
     * @param frequency2 Hz of a second tone added to the first, 0 for none
     * @param millis     how long it plays, 0 for ever
     */
    public record Part(int frequency1, int frequency2, int millis) {
    }

    public ToneList {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a tone list needs at least one part");
        }
    }

    /**
     * @throws IllegalArgumentException naming the part that is not {@code [!]f1[+f2][/ms]}
     */
    public static ToneList parse(String text) {
        Objects.requireNonNull(text, "text");
        String separator = text.indexOf('|') >= 0 ? "\\|" : ",";
        List<Part> parts = new ArrayList<>();
        int repeatFrom = -1;
        for (String raw : text.split(separator, -1)) {
            String part = raw.strip();
            if (part.isEmpty()) {
                // strsep stops at the first empty part
                break;
            }
            if (part.startsWith("!")) {
                part = part.substring(1);
            } else if (repeatFrom == -1) {
                repeatFrom = parts.size();
            }
            Matcher m = PART.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("tone part '" + raw.strip() + "' is not [!]f1[+f2][/ms]"
                        + (part.contains("*") || part.startsWith("M") ? " (modulated and MIDI parts are not generated)"
                        : ""));
            }
            int f1 = hertz(m.group(1), raw);
            int f2 = m.group(2) == null ? 0 : hertz(m.group(2), raw);
            int ms = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            parts.add(new Part(f1, f2, ms));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty tone list '" + text + "'");
        }
        return new ToneList(parts, repeatFrom);
    }

    private static int hertz(String digits, String part) {
        int hz = digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (hz >= 4000) {
            throw new IllegalArgumentException("tone part '" + part.strip() + "': " + digits
                    + " Hz is above the 4000 Hz G.711 carries");
        }
        return hz;
    }
}

package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.dialplan.DialplanSyntaxException;
import io.sipshield.harness.mock.dialplan.ToneList;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the {@code App(args)} part of a dialplan line into a {@link DialplanApplication}: from
 * extensions.conf (errors name {@code file:line}) and from scenario files ({@link #parse(String)}).
 */
public final class DialplanApplicationParser {

    static final List<String> SUPPORTED = List.of("Answer", "Echo", "Playback", "Milliwatt", "Playtones", "StopPlaytones",
            "Wait", "Dial", "Hangup", "Busy", "Congestion", "NoOp");

    private DialplanApplicationParser() {
    }

    /**
     * @param line the dialplan line, for errors
     * @param text the application part, e.g. {@code Dial(PJSIP/${EXTEN},30)} or {@code Answer}
     */
    static DialplanApplication parse(ConfigLine line, String text) throws ConfigFileException {
        try {
            return parse(text);
        } catch (DialplanSyntaxException e) {
            throw new ConfigFileException(line, e.getMessage());
        }
    }

    /**
     * @param text the application, e.g. {@code Dial(PJSIP/${EXTEN},30)} or {@code Answer}
     * @throws DialplanSyntaxException naming the application and the form it takes
     */
    public static DialplanApplication parse(String text) throws DialplanSyntaxException {
        text = text.strip();
        String name;
        String raw;
        int open = text.indexOf('(');
        if (open < 0) {
            name = text.strip();
            raw = "";
        } else {
            if (!text.endsWith(")")) {
                throw new DialplanSyntaxException("application '" + text + "' opens '(' but does not end with ')'");
            }
            name = text.substring(0, open).strip();
            raw = text.substring(open + 1, text.length() - 1);
        }
        List<String> args = split(raw);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "answer":
                atMost(name, args, 1);
                return new DialplanApplication.Answer(Duration.ofMillis(optionalInt(name, args, 0, 0, 60_000).orElse(0)));
            case "echo":
                atMost(name, args, 0);
                return new DialplanApplication.Echo();
            case "playback":
                atMost(name, args, 2);
                List<String> prompts = new ArrayList<>();
                for (String p : (args.isEmpty() ? "" : args.get(0)).split("&", -1)) {
                    if (p.isBlank()) {
                        throw bad(name, "Playback(prompt[&prompt...]) with non-empty prompt names");
                    }
                    prompts.add(p.strip());
                }
                String playbackOptions = args.size() < 2 ? "" : args.get(1).strip();
                for (String option : playbackOptions.isEmpty() ? new String[0] : playbackOptions.split("[|&]")) {
                    if (!option.equals("noanswer") && !option.equals("skip")) {
                        throw bad(name, "Playback(prompt[&prompt...][,options]) with options noanswer and skip, not '"
                                + option + "'");
                    }
                }
                return new DialplanApplication.Playback(prompts, playbackOptions.contains("noanswer"),
                        playbackOptions.contains("skip"));
            case "milliwatt":
                atMost(name, args, 1);
                String options = args.isEmpty() ? "" : args.get(0);
                if (!options.chars().allMatch(c -> c == 'm' || c == 'o')) {
                    throw bad(name, "Milliwatt([options]) with options m and o");
                }
                return new DialplanApplication.Milliwatt(options);
            case "playtones":
                if (raw.isBlank()) {
                    throw bad(name, "Playtones(tonelist), e.g. Playtones(440/1000)");
                }
                try {
                    ToneList.parse(raw.strip());
                } catch (IllegalArgumentException e) {
                    throw bad(name, "Playtones(tonelist) as indications.conf writes it, e.g. 480+620/500,0/500: "
                            + e.getMessage());
                }
                return new DialplanApplication.Playtones(raw.strip());
            case "stopplaytones":
                atMost(name, args, 0);
                return new DialplanApplication.StopPlaytones();
            case "wait":
                if (args.size() != 1) {
                    throw bad(name, "Wait(seconds)");
                }
                return new DialplanApplication.Wait(seconds(name, args.get(0)));
            case "dial":
                return dial(name, args);
            case "hangup":
                atMost(name, args, 1);
                return new DialplanApplication.Hangup(optionalInt(name, args, 0, 0, 127));
            case "busy":
                atMost(name, args, 1);
                return new DialplanApplication.Busy(optionalSeconds(name, args));
            case "congestion":
                atMost(name, args, 1);
                return new DialplanApplication.Congestion(optionalSeconds(name, args));
            case "noop":
                return new DialplanApplication.NoOp(raw);
            default:
                throw new DialplanSyntaxException("unsupported application '" + name + "'; supported: " + String.join(", ", SUPPORTED));
        }
    }

    private static DialplanApplication dial(String name, List<String> args) throws DialplanSyntaxException {
        String usage = "Dial(PJSIP/endpoint[,timeout]), one PJSIP endpoint, no options";
        if (args.isEmpty() || args.size() > 3 || args.size() == 3 && !args.get(2).isBlank()) {
            throw bad(name, usage);
        }
        String target = args.get(0).strip();
        if (!target.regionMatches(true, 0, "PJSIP/", 0, 6) || target.length() == 6 || target.contains("&")) {
            throw bad(name, usage);
        }
        Optional<Duration> timeout = args.size() < 2 || args.get(1).isBlank() ? Optional.empty()
                : Optional.of(seconds(name, args.get(1)));
        return new DialplanApplication.Dial(target.substring(6), timeout);
    }

    private static Optional<Duration> optionalSeconds(String name, List<String> args) throws DialplanSyntaxException {
        return args.isEmpty() || args.get(0).isBlank() ? Optional.empty() : Optional.of(seconds(name, args.get(0)));
    }

    private static Duration seconds(String name, String value) throws DialplanSyntaxException {
        try {
            BigDecimal s = new BigDecimal(value.strip());
            if (s.signum() >= 0 && s.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
                return Duration.ofMillis(s.movePointRight(3).longValue());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, name + " takes seconds from 0 to 86400, not '" + value.strip() + "'");
    }

    private static OptionalInt optionalInt(String name, List<String> args, int index, int min, int max)
            throws DialplanSyntaxException {
        if (args.size() <= index || args.get(index).isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int v = Integer.parseInt(args.get(index).strip());
            if (v >= min && v <= max) {
                return OptionalInt.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, name + " takes an integer from " + min + " to " + max + ", not '" + args.get(index).strip() + "'");
    }

    private static void atMost(String name, List<String> args, int max) throws DialplanSyntaxException {
        if (args.size() > max) {
            throw new DialplanSyntaxException(name + " takes at most " + max + " argument" + (max == 1 ? "" : "s")
                    + " in the mock, got " + args.size() + ": " + String.join(",", args));
        }
    }

    private static DialplanSyntaxException bad(String name, String allowed) {
        return new DialplanSyntaxException("bad arguments for " + name + "; allowed: " + allowed);
    }

    /** Top-level comma split; commas inside (...) or {...} (as in {@code ${CALLERID(num)}}) stay. No args: empty list. */
    private static List<String> split(String raw) {
        List<String> args = new ArrayList<>();
        if (raw.isBlank()) {
            return args;
        }
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            }
            if (c == ',' && depth == 0) {
                args.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        args.add(cur.toString());
        return args;
    }
}

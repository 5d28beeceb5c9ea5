package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link DialplanApplication} as extensions.conf spells it, the inverse of
 * {@link DialplanApplicationParser#parse(String)}: {@code parse(write(app))} equals {@code app} for
 * every application the parser can produce. Durations are written as the parser reads them (Answer's
 * delay in milliseconds; Wait, Dial, Busy and Congestion in seconds, with a decimal point where
 * needed). A {@code ;} in free text (NoOp) is written {@code \;}, since a bare one starts a comment
 * in Asterisk's config files ({@code main/config.c}).
 */
public final class DialplanApplicationWriter {

    private DialplanApplicationWriter() {
    }

    /** The application as it would follow {@code exten => 600,1,} in extensions.conf. */
    public static String write(DialplanApplication app) {
        if (app instanceof DialplanApplication.Answer answer) {
            return answer.delay().isZero() ? "Answer()" : "Answer(" + answer.delay().toMillis() + ")";
        } else if (app instanceof DialplanApplication.Echo) {
            return "Echo()";
        } else if (app instanceof DialplanApplication.Playback playback) {
            List<String> options = new ArrayList<>();
            if (playback.noAnswer()) {
                options.add("noanswer");
            }
            if (playback.skip()) {
                options.add("skip");
            }
            return "Playback(" + String.join("&", playback.prompts())
                    + (options.isEmpty() ? "" : "," + String.join("&", options)) + ")";
        } else if (app instanceof DialplanApplication.Milliwatt milliwatt) {
            return "Milliwatt(" + milliwatt.options() + ")";
        } else if (app instanceof DialplanApplication.Playtones playtones) {
            return "Playtones(" + playtones.tones() + ")";
        } else if (app instanceof DialplanApplication.StopPlaytones) {
            return "StopPlaytones()";
        } else if (app instanceof DialplanApplication.Wait wait) {
            return "Wait(" + seconds(wait.duration()) + ")";
        } else if (app instanceof DialplanApplication.Dial dial) {
            return "Dial(PJSIP/" + dial.endpoint() + dial.timeout().map(t -> "," + seconds(t)).orElse("") + ")";
        } else if (app instanceof DialplanApplication.Hangup hangup) {
            return "Hangup(" + (hangup.cause().isPresent() ? String.valueOf(hangup.cause().getAsInt()) : "") + ")";
        } else if (app instanceof DialplanApplication.Busy busy) {
            return "Busy(" + busy.timeout().map(DialplanApplicationWriter::seconds).orElse("") + ")";
        } else if (app instanceof DialplanApplication.Congestion congestion) {
            return "Congestion(" + congestion.timeout().map(DialplanApplicationWriter::seconds).orElse("") + ")";
        } else if (app instanceof DialplanApplication.NoOp noOp) {
            return "NoOp(" + noOp.text().replace(";", "\\;") + ")";
        }
        throw new IllegalArgumentException("no extensions.conf form for " + app);
    }

    /** Seconds as the parser reads them: {@code 30}, {@code 1.5}, {@code 0.25}. */
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}

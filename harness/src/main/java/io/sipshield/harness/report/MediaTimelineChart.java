package io.sipshield.harness.report;

import io.sipshield.emulator.media.MediaTimeline;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.xml.stream.XMLStreamException;

/**
 * One phone's media over time as an inline SVG line chart, readable without script: per interval of
 * the {@link MediaTimeline}, packets sent, packets received (also shaded as an area) and packets lost on
 * the left axis, and the RFC 3550 interarrival jitter at the end of the interval on the right axis, in
 * milliseconds. Every series is a {@code polyline} with one point per interval, at the interval's middle;
 * the axes carry tick values and labels, a legend names the series, and a truncated timeline says so.
 */
final class MediaTimelineChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 256;
    private static final int LEFT = 60;
    private static final int RIGHT = WIDTH - 60;
    private static final int TOP = 36;
    private static final int BOTTOM = 196;
    private static final int TICKS = 5;

    /**
     * The series in legend and drawing order: class, label, whether it is on the jitter axis. Received is
     * drawn wide and sent thin on top of it, so both show where they coincide (an echo that returns all).
     */
    private record Series(String name, String label, boolean jitterAxis, ToDoubleFunction<MediaTimeline.Bucket> value) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("received", "received", false, MediaTimeline.Bucket::received),
            new Series("sent", "sent", false, MediaTimeline.Bucket::sent),
            new Series("lost", "lost", false, MediaTimeline.Bucket::lost),
            new Series("jitter", "jitter (ms, right axis)", true, MediaTimeline.Bucket::jitterMillis));

    private MediaTimelineChart() {
    }

    /** Draws {@code timeline} (not empty) for the phone {@code phone}. */
    static void write(Markup html, String phone, MediaTimeline timeline) throws XMLStreamException {
        List<MediaTimeline.Bucket> buckets = timeline.buckets();
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("an empty timeline has no chart");
        }
        double intervalMillis = timeline.interval().toNanos() / 1e6;
        double packetMax = niceCeiling(buckets.stream()
                .mapToDouble(b -> Math.max(b.sent(), Math.max(b.received(), b.lost()))).max().orElse(1));
        double jitterMax = niceCeiling(buckets.stream().mapToDouble(MediaTimeline.Bucket::jitterMillis).max().orElse(1));
        html.startIn(Markup.SVG, "svg", "class", "media-timeline", "width", Integer.toString(WIDTH),
                "height", Integer.toString(HEIGHT), "viewBox", "0 0 " + WIDTH + " " + HEIGHT,
                "role", "img", "aria-label", "media of " + phone + " over time");
        html.element("title", "Media of " + phone + " per " + label(intervalMillis) + " ms: packets sent, received"
                + " and lost; interarrival jitter");
        grid(html, packetMax, jitterMax);
        timeAxis(html, buckets.size(), intervalMillis);
        html.element("text", "packets per " + label(intervalMillis) + " ms", "class", "axis-label",
                "transform", "translate(14 " + (TOP + BOTTOM) / 2 + ") rotate(-90)", "text-anchor", "middle");
        html.element("text", "jitter (ms)", "class", "axis-label",
                "transform", "translate(" + (WIDTH - 10) + " " + (TOP + BOTTOM) / 2 + ") rotate(90)",
                "text-anchor", "middle");
        html.empty("polygon", "class", "area received", "points", area(buckets, packetMax));
        for (Series series : SERIES) {
            html.empty("polyline", "class", "series " + series.name(),
                    "points", points(buckets, series.value(), series.jitterAxis() ? jitterMax : packetMax));
        }
        legend(html);
        if (timeline.truncated()) {
            html.element("text", "later packets left out (the timeline keeps "
                    + label(buckets.size() * intervalMillis / 1000) + " s)", "class", "truncated",
                    "x", Integer.toString(RIGHT), "y", Integer.toString(BOTTOM + 54), "text-anchor", "end");
        }
        html.end();
    }

    /** Horizontal grid lines with the packet ticks on the left and the jitter ticks on the right. */
    private static void grid(Markup html, double packetMax, double jitterMax) throws XMLStreamException {
        html.start("g", "class", "grid");
        for (int tick = 0; tick <= TICKS; tick++) {
            String y = number(BOTTOM - (double) (BOTTOM - TOP) * tick / TICKS);
            html.empty("line", "class", tick == 0 ? "axis" : "gridline", "x1", Integer.toString(LEFT),
                    "x2", Integer.toString(RIGHT), "y1", y, "y2", y);
            html.element("text", label(packetMax * tick / TICKS), "class", "tick packets",
                    "x", Integer.toString(LEFT - 6), "y", y, "text-anchor", "end", "dy", "4");
            html.element("text", label(jitterMax * tick / TICKS), "class", "tick jitter",
                    "x", Integer.toString(RIGHT + 6), "y", y, "dy", "4");
        }
        html.empty("line", "class", "axis", "x1", Integer.toString(LEFT), "x2", Integer.toString(LEFT),
                "y1", Integer.toString(TOP), "y2", Integer.toString(BOTTOM));
        html.empty("line", "class", "axis", "x1", Integer.toString(RIGHT), "x2", Integer.toString(RIGHT),
                "y1", Integer.toString(TOP), "y2", Integer.toString(BOTTOM));
        html.end();
    }

    /** Time ticks in seconds, a round step apart, from 0 to the end of the last interval. */
    private static void timeAxis(Markup html, int buckets, double intervalMillis) throws XMLStreamException {
        double endSeconds = buckets * intervalMillis / 1000;
        double step = niceStep(endSeconds / TICKS);
        html.start("g", "class", "time-axis");
        for (int tick = 0; tick * step <= endSeconds * (1 + 1e-9); tick++) {
            String x = number(LEFT + (RIGHT - LEFT) * tick * step / endSeconds);
            html.element("text", label(tick * step), "class", "tick time", "x", x,
                    "y", Integer.toString(BOTTOM + 16), "text-anchor", "middle");
            html.empty("line", "class", "axis", "x1", x, "x2", x, "y1", Integer.toString(BOTTOM),
                    "y2", Integer.toString(BOTTOM + 4));
        }
        html.element("text", "time since the first packet (s)", "class", "axis-label",
                "x", Integer.toString((LEFT + RIGHT) / 2), "y", Integer.toString(BOTTOM + 34), "text-anchor", "middle");
        html.end();
    }

    private static void legend(Markup html) throws XMLStreamException {
        html.start("g", "class", "legend");
        int x = LEFT;
        for (Series series : SERIES) {
            html.start("g", "class", "legend-item " + series.name());
            html.empty("line", "class", "series " + series.name(), "x1", Integer.toString(x), "x2", Integer.toString(x + 18),
                    "y1", "14", "y2", "14");
            html.element("text", series.label(), "x", Integer.toString(x + 22), "y", "18");
            html.end();
            x += 40 + 7 * series.label().length();
        }
        html.end();
    }

    private static String points(List<MediaTimeline.Bucket> buckets, ToDoubleFunction<MediaTimeline.Bucket> value,
                                 double max) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < buckets.size(); i++) {
            if (i > 0) {
                points.append(' ');
            }
            points.append(number(x(i, buckets.size()))).append(',').append(number(y(value.applyAsDouble(buckets.get(i)), max)));
        }
        return points.toString();
    }

    /** The received line closed down to the time axis at both ends. */
    private static String area(List<MediaTimeline.Bucket> buckets, double max) {
        int n = buckets.size();
        return number(x(0, n)) + "," + BOTTOM + " " + points(buckets, MediaTimeline.Bucket::received, max)
                + " " + number(x(n - 1, n)) + "," + BOTTOM;
    }

    /** The middle of interval {@code index} of {@code count}. */
    private static double x(int index, int count) {
        return LEFT + (RIGHT - LEFT) * (index + 0.5) / count;
    }

    private static double y(double value, double max) {
        return BOTTOM - (BOTTOM - TOP) * Math.min(1, value / max);
    }

    /** The top of an axis: {@link #niceStep} of {@code value}, at least 1. */
    static double niceCeiling(double value) {
        return value > 1 ? niceStep(value) : 1;
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code value} (positive). */
    static double niceStep(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5}) {
            if (step * magnitude >= value * (1 - 1e-9)) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A tick value: at most three decimals, trailing zeros dropped ({@code 5}, {@code 0.25}). */
    private static String label(double value) {
        return java.math.BigDecimal.valueOf(Math.round(value * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }

    /** A coordinate: at most one decimal, none when whole ({@code 5}, {@code 0.5}, {@code 12.3}). */
    private static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }
}

package io.sipshield.harness.load;

import java.util.List;
import java.util.Locale;

/**
 * The inline SVG chart of a load run: registered phones and in-call phones over time, one point per
 * progress sample, y from 0 to the number of phones, with axis ticks and a legend.
 */
final class LoadChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;

    private LoadChart() {
    }

    static String svg(List<TimelinePoint> timeline, int phones) {
        double seconds = timeline.isEmpty() ? 1 : Math.max(0.001, timeline.get(timeline.size() - 1).at().toMillis() / 1000.0);
        long top = Math.max(1, phones);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"registered and in-call phones over time\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", LEFT, TOP, plotWidth, plotHeight));
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d</text>%n",
                    LEFT - 6, y + 4, Math.round(top * i / 4.0)));
            double x = LEFT + plotWidth * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s s</text>%n",
                    x, HEIGHT - BOTTOM + 16, LoadSummaryTable.number(Math.round(seconds * i / 4.0 * 10) / 10.0)));
        }
        svg.append(polyline(timeline, seconds, top, plotWidth, plotHeight, true, "#1f77b4"));
        svg.append(polyline(timeline, seconds, top, plotWidth, plotHeight, false, "#ff7f0e"));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"12\" fill=\"#1f77b4\">registered</text>%n", LEFT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"12\" fill=\"#ff7f0e\">in call</text>%n", LEFT + 90));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String polyline(List<TimelinePoint> timeline, double seconds, long top, int plotWidth, int plotHeight,
                                   boolean registered, String colour) {
        StringBuilder points = new StringBuilder();
        for (TimelinePoint point : timeline) {
            double x = LEFT + plotWidth * (point.at().toMillis() / 1000.0) / seconds;
            long value = registered ? point.registered() : point.inCall();
            double y = TOP + plotHeight - plotHeight * Math.min(1.0, value / (double) top);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<polyline class=\"" + (registered ? "registered" : "in-call") + "\" fill=\"none\" stroke=\"" + colour
                + "\" stroke-width=\"2\" points=\"" + points.toString().strip() + "\"/>\n";
    }
}

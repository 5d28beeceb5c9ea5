package io.sipshield.harness.report;

import io.sipshield.harness.run.Observation;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * The observed phone's media counters as a horizontal bar chart in inline SVG: packets sent, received,
 * verified, and the three ways a packet is rejected. Bars scale to the largest counter; the counters
 * that should be zero are drawn in the failure colour when they are not.
 */
final class MediaChart {

    private static final int LABEL_WIDTH = 130;
    private static final int BAR_WIDTH = 360;
    private static final int ROW = 24;

    private MediaChart() {
    }

    /** The counters in display order. */
    static Map<String, Long> counters(Observation.MediaObservation media) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("sent", media.sent());
        counters.put("received", media.received());
        counters.put("verified", media.verified());
        counters.put("auth failures", media.authFailures());
        counters.put("replays", media.replays());
        counters.put("mismatched", media.mismatched());
        return counters;
    }

    static void write(Markup html, Observation.MediaObservation media) throws XMLStreamException {
        Map<String, Long> counters = counters(media);
        long max = Math.max(1, counters.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int width = LABEL_WIDTH + BAR_WIDTH + 80;
        int height = ROW * counters.size() + 8;
        html.startIn(Markup.SVG, "svg", "class", "media-chart", "width", Integer.toString(width),
                "height", Integer.toString(height), "viewBox", "0 0 " + width + " " + height,
                "role", "img", "aria-label", "media counters");
        int row = 0;
        for (Map.Entry<String, Long> counter : counters.entrySet()) {
            int y = 4 + ROW * row;
            boolean bad = row >= 3 && counter.getValue() > 0;
            long barWidth = Math.round((double) BAR_WIDTH * counter.getValue() / max);
            html.start("g", "class", "media-bar");
            html.element("text", counter.getKey(), "x", "0", "y", Integer.toString(y + 15));
            html.empty("rect", "class", bad ? "bar bad" : "bar", "x", Integer.toString(LABEL_WIDTH),
                    "y", Integer.toString(y + 3), "width", Long.toString(Math.max(1, barWidth)), "height", "16");
            html.element("text", Long.toString(counter.getValue()), "class", "value",
                    "x", Long.toString(LABEL_WIDTH + Math.max(1, barWidth) + 6), "y", Integer.toString(y + 15));
            html.end();
            row++;
        }
        html.end();
    }
}

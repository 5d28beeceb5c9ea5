package io.sipshield.harness.report;

import io.sipshield.harness.run.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;

/**
 * A SIP ladder diagram as inline SVG: one lane per phone (in order of first message) and one for the
 * server on the right, one arrow per message from sender to receiver, labelled with its first line and
 * the time since the first message. Each row is a {@code <g class="ladder-row">} whose tooltip
 * ({@code <title>}) is the whole message, keys already redacted by the phone's trace.
 */
final class LadderDiagram {

    static final String SERVER = "server";
    private static final int TIME_COLUMN = 90;
    private static final int LANE_SPACING = 380;
    private static final int MARGIN = 70;
    private static final int HEADER = 40;
    private static final int ROW = 30;
    private static final int LABEL_CHARS = 58;

    private LadderDiagram() {
    }

    /** Writes the diagram; nothing when the trace is empty. */
    static void write(Markup html, List<Observation.SipMessage> trace) throws XMLStreamException {
        if (trace.isEmpty()) {
            return;
        }
        List<String> lanes = lanes(trace);
        int width = TIME_COLUMN + MARGIN * 2 + LANE_SPACING * (lanes.size() - 1);
        int height = HEADER + ROW * trace.size() + 20;
        html.startIn(Markup.SVG, "svg", "class", "ladder", "width", Integer.toString(width),
                "height", Integer.toString(height), "viewBox", "0 0 " + width + " " + height,
                "role", "img", "aria-label", "SIP ladder diagram");
        for (int lane = 0; lane < lanes.size(); lane++) {
            String x = Integer.toString(laneX(lane));
            html.element("text", lanes.get(lane), "class", "lane", "x", x, "y", "20", "text-anchor", "middle");
            html.empty("line", "class", "lifeline", "x1", x, "y1", "28", "x2", x, "y2", Integer.toString(height - 5));
        }
        Instant first = trace.get(0).at();
        int row = 0;
        for (Observation.SipMessage message : trace) {
            int y = HEADER + ROW * row + ROW / 2 + 8;
            int phone = laneX(lanes.indexOf(message.phone()));
            int server = laneX(lanes.size() - 1);
            boolean sent = message.direction() == Observation.Direction.SENT;
            int from = sent ? phone : server;
            int to = sent ? server : phone;
            html.start("g", "class", "ladder-row " + (sent ? "sent" : "received"));
            html.element("title", message.text());
            html.element("text", offset(first, message.at()), "class", "time", "x", "4", "y", Integer.toString(y - 3));
            html.empty("line", "class", "arrow", "x1", Integer.toString(from), "y1", Integer.toString(y),
                    "x2", Integer.toString(to), "y2", Integer.toString(y));
            int tip = to;
            int back = from < to ? to - 8 : to + 8;
            html.empty("polygon", "class", "head", "points",
                    tip + "," + y + " " + back + "," + (y - 4) + " " + back + "," + (y + 4));
            html.element("text", label(message.firstLine()), "class", "label",
                    "x", Integer.toString((from + to) / 2), "y", Integer.toString(y - 5), "text-anchor", "middle");
            html.end();
            row++;
        }
        html.end();
    }

    /** The phones in order of their first message, then the server. */
    static List<String> lanes(List<Observation.SipMessage> trace) {
        List<String> lanes = new ArrayList<>();
        for (Observation.SipMessage message : trace) {
            if (!lanes.contains(message.phone())) {
                lanes.add(message.phone());
            }
        }
        lanes.add(SERVER);
        return lanes;
    }

    private static int laneX(int lane) {
        return TIME_COLUMN + MARGIN + LANE_SPACING * lane;
    }

    /** {@code +0.012 s} since the first message. */
    static String offset(Instant first, Instant at) {
        return String.format(Locale.ROOT, "+%.3f s", Duration.between(first, at).toNanos() / 1e9);
    }

    private static String label(String firstLine) {
        return firstLine.length() <= LABEL_CHARS ? firstLine : firstLine.substring(0, LABEL_CHARS - 1) + "\u2026";
    }
}

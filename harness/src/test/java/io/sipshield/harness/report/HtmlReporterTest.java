package io.sipshield.harness.report;

import static io.sipshield.harness.report.HtmlDocuments.byClass;
import static io.sipshield.harness.report.HtmlDocuments.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.media.MediaTimeline;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlReporterTest {

    private static Document report() throws Exception {
        return HtmlDocuments.parse(HtmlDocuments.html(SampleResults.ALL));
    }

    private static List<String> texts(List<Element> elements) {
        return elements.stream().map(element -> element.getTextContent().strip()).toList();
    }

    @Test
    void everyPhoneAndTheAlertAreShownExpectedOrNot() throws Exception {
        Observation.TlsObservation dropped = new Observation.TlsObservation(false, null, null, 0x40000000L, "dropped",
                new Observation.AlertObservation("close_notify", 0, "phone"));
        Observation observation = new Observation(dropped, Map.of(), null, null, null, List.of(), List.of(), null,
                Map.of("alice", new Observation.PhoneObservation(dropped, Map.of(), null, null),
                        "bob", new Observation.PhoneObservation(null, Map.of("register", 401), null, null)),
                List.of());
        ScenarioResult row = new ScenarioResult(SampleResults.ROOT.resolve("digium/table.yaml"), "row", Verdict.PASS,
                List.of(), null, Duration.ofMillis(5), List.of(), observation, "expired");
        Document html = HtmlDocuments.parse(HtmlDocuments.html(List.of(row)));
        Element section = section(html, 0);
        assertTrue(section.getTextContent().contains("digium/table.yaml[expired]"), section.getTextContent());
        assertTrue(section.getTextContent().contains("close_notify (0) sent by phone"), section.getTextContent());
        List<String> phones = texts(byClass(section, "table", "phones"));
        assertEquals(1, phones.size());
        assertTrue(phones.get(0).contains("{register=401}"), phones.get(0));
        assertTrue(phones.get(0).contains("bitmask 0x40000000"), phones.get(0));
    }

    @Test
    void isWellFormedSelfContainedXhtml() throws Exception {
        String html = HtmlDocuments.html(SampleResults.ALL);
        assertTrue(html.startsWith("<?xml") || html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        Document document = HtmlDocuments.parse(html);
        assertEquals("http://www.w3.org/1999/xhtml", document.getDocumentElement().getNamespaceURI());
        assertFalse(html.contains("src="), "no external asset");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no stylesheet link");
    }

    @Test
    void indexesEveryScenarioWithItsVerdict() throws Exception {
        Element index = byClass(report().getDocumentElement(), "table", "index").get(0);
        assertEquals(5, index.getElementsByTagNameNS("*", "tr").getLength());
        assertEquals(List.of("PASS", "FAIL", "ERROR", "INVALID"),
                texts(List.of(byClass(index, "td", "PASS").get(0), byClass(index, "td", "FAIL").get(0),
                        byClass(index, "td", "ERROR").get(0), byClass(index, "td", "INVALID").get(0))));
        assertTrue(index.getTextContent().contains("digium/register.yaml"), index.getTextContent());
    }

    @Test
    void drawsOneLadderRowPerSipMessageWithDirectionAndTiming() throws Exception {
        Element passed = section(report(), 0);
        List<Element> rows = byClass(passed, "g", "ladder-row");
        assertEquals(4, rows.size());
        assertEquals(List.of("sent", "received", "sent", "received"),
                rows.stream().map(row -> row.getAttribute("class").split(" ")[1]).toList());
        assertEquals(List.of("+0.000 s", "+0.012 s", "+0.015 s", "+0.027 s"),
                texts(rows.stream().map(row -> byClass(row, "text", "time").get(0)).toList()));
        assertEquals("SIP/2.0 401 Unauthorized", byClass(rows.get(1), "text", "label").get(0).getTextContent());
        assertTrue(rows.get(0).getElementsByTagNameNS("*", "title").item(0).getTextContent().contains("Via: SIP/2.0/TLS"));
        assertEquals(List.of("alice", "server"), texts(byClass(passed, "text", "lane")));
        assertEquals("http://www.w3.org/2000/svg",
                byClass(passed, "svg", "ladder").get(0).getNamespaceURI());
    }

    @Test
    void marksTheFailingCertificateAndDecodesTheBitmaskFlagByFlag() throws Exception {
        Element failed = section(report(), 1);
        List<Element> failing = byClass(failed, "li", "failing");
        assertEquals(2, failing.size(), "the leaf and the identity check");
        assertTrue(failing.get(0).getTextContent().contains("UNABLE_TO_GET_ISSUER_CERT_LOCALLY \u2192 EUNTRUSTED"));
        assertTrue(failing.get(1).getTextContent().startsWith("identity"), failing.get(1).getTextContent());
        Element bitmask = byClass(failed, "table", "bitmask").get(0);
        assertEquals(List.of("EUNTRUSTED", "EISSUER_MISMATCH", "EIDENTITY_NOT_MATCH"),
                byClass(bitmask, "tr", "set").stream()
                        .map(row -> row.getElementsByTagNameNS("*", "td").item(0).getTextContent()).toList());
        assertEquals(8, byClass(bitmask, "tr", "clear").size());
    }

    @Test
    void marksTheExpectationsThatDidNotHold() throws Exception {
        Element failed = section(report(), 1);
        assertEquals(2, byClass(failed, "tr", "mismatch").size());
        assertEquals(1, byClass(failed, "tr", "holds").size());
        assertTrue(byClass(failed, "ul", "notes").get(0).getTextContent().contains("<0x40000022> & dropped"));
    }

    @Test
    void chartsTheMediaCountersWithRejectedPacketsInTheFailureColour() throws Exception {
        Element failed = section(report(), 1);
        List<Element> bars = byClass(failed, "g", "media-bar");
        assertEquals(6, bars.size());
        assertEquals(List.of("auth failures"), byClass(failed, "rect", "bad").stream()
                .map(rect -> rect.getParentNode().getFirstChild().getTextContent()).toList());
        assertTrue(byClass(section(report(), 0), "rect", "bad").isEmpty());
    }

    /** Points of a polyline or polygon as [x, y] pairs. */
    private static List<double[]> points(Element shape) {
        return java.util.Arrays.stream(shape.getAttribute("points").split(" "))
                .map(point -> java.util.Arrays.stream(point.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toList();
    }

    private static Element series(Element chart, String name) {
        List<Element> found = byClass(chart, "polyline", name);
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    @Test
    void chartsEachPhonesMediaOverTimeWithOnePointPerInterval() throws Exception {
        MediaTimeline alice = new MediaTimeline(Duration.ofMillis(100), List.of(
                new MediaTimeline.Bucket(0, 5, 5, 0, 0.0, 0),
                new MediaTimeline.Bucket(100, 5, 4, 0, 0.5, 0),
                new MediaTimeline.Bucket(200, 5, 2, 3, 1.5, 0),
                new MediaTimeline.Bucket(300, 5, 5, 0, 1.0, 0)), false);
        Observation.MediaObservation aliceMedia = new Observation.MediaObservation(20, 16, 16, 0, 0, 0, 3, 1.0, null,
                alice);
        Observation.MediaObservation bobMedia = new Observation.MediaObservation(35, 35, 0, 35, 0, 0, 0, 0, null,
                new MediaTimeline(Duration.ofMillis(100), SampleResults.evenTimeline(7).buckets(), true));
        Observation.MediaObservation carolMedia = new Observation.MediaObservation(1, 1, 1, 0, 0, 0);
        Map<String, Observation.PhoneObservation> phones = new java.util.LinkedHashMap<>();
        phones.put("alice", new Observation.PhoneObservation(null, Map.of("invite", 200), null, aliceMedia));
        phones.put("bob", new Observation.PhoneObservation(null, Map.of("invite", 200), null, bobMedia));
        phones.put("carol", new Observation.PhoneObservation(null, Map.of(), null, carolMedia));
        Observation observation = new Observation(null, Map.of("invite", 200), null, aliceMedia, null, List.of(),
                List.of(), null, phones, List.of());
        ScenarioResult call = new ScenarioResult(SampleResults.ROOT.resolve("srtp/call.yaml"), "call", Verdict.PASS,
                List.of(), null, Duration.ofMillis(5), List.of(), observation);
        Element section = section(HtmlDocuments.parse(HtmlDocuments.html(List.of(call))), 0);

        List<Element> charts = byClass(section, "svg", "media-timeline");
        assertEquals(2, charts.size(), "alice and bob; carol's call recorded no timeline");
        assertEquals(List.of("alice", "bob"), texts(byClass(section, "h4", "media-timeline-phone")));
        Element aliceChart = charts.get(0);
        assertEquals("http://www.w3.org/2000/svg", aliceChart.getNamespaceURI());
        for (String name : List.of("sent", "received", "lost", "jitter")) {
            assertEquals(4, points(series(aliceChart, name)).size(), name);
            assertEquals(7, points(series(charts.get(1), name)).size(), name);
        }
        assertEquals(6, points(byClass(aliceChart, "polygon", "area").get(0)).size(), "received shaded down to the axis");
        List<double[]> lost = points(series(aliceChart, "lost"));
        assertEquals(lost.get(0)[1], lost.get(1)[1], 1e-9, "no loss: on the time axis");
        assertTrue(lost.get(2)[1] < lost.get(1)[1], "three lost in the third interval rise above the axis");
        List<double[]> jitter = points(series(aliceChart, "jitter"));
        assertTrue(jitter.get(2)[1] < jitter.get(3)[1], "jitter peaks in the third interval");
        assertTrue(points(series(aliceChart, "sent")).get(0)[0] < points(series(aliceChart, "sent")).get(3)[0],
                "time runs left to right");
        assertEquals(List.of("received", "sent", "lost", "jitter (ms, right axis)"),
                texts(byClass(aliceChart, "g", "legend-item")));
        List<String> labels = texts(byClass(aliceChart, "text", "axis-label"));
        assertTrue(labels.containsAll(List.of("packets per 100 ms", "jitter (ms)", "time since the first packet (s)")),
                labels.toString());
        assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4"), texts(byClass(aliceChart, "text", "time")),
                "0.4 s in round steps");
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), texts(byClass(aliceChart, "text", "packets")),
                "up to five packets an interval");
        assertEquals(List.of("0", "0.4", "0.8", "1.2", "1.6", "2"), texts(byClass(aliceChart, "text", "jitter")),
                "1.5 ms of jitter on an axis up to 2 ms");
        assertTrue(byClass(aliceChart, "text", "truncated").isEmpty());
        assertEquals(1, byClass(charts.get(1), "text", "truncated").size(), "bob's timeline was cut at its cap");
        assertEquals(1, byClass(section, "svg", "media-chart").size(), "the counter bars stay");
    }

    @Test
    void aPhoneWithoutATimelineGetsNoTimeChart() throws Exception {
        Element failed = section(report(), 1);
        assertTrue(byClass(failed, "svg", "media-timeline").isEmpty());
        assertEquals(1, byClass(failed, "svg", "media-chart").size());
        Element passed = section(report(), 0);
        List<Element> charts = byClass(passed, "svg", "media-timeline");
        assertEquals(1, charts.size(), "an observation without per-phone entries charts the observed phone");
        assertEquals(30, points(series(charts.get(0), "received")).size());
    }

    @Test
    void showsTheReasonOfAnErrorOrInvalidFileAndNothingObserved() throws Exception {
        Document report = report();
        assertEquals("timed out after 60 s", byClass(section(report, 2), "p", "error").get(0).getTextContent());
        assertTrue(byClass(section(report, 2), "svg", "ladder").isEmpty());
        assertTrue(byClass(section(report, 3), "p", "error").get(0).getTextContent().contains("unknown key 'setpu'"));
    }

    @Test
    void anEmptyRunSaysSo() throws Exception {
        Document empty = HtmlDocuments.parse(HtmlDocuments.html(List.of()));
        assertTrue(empty.getDocumentElement().getTextContent().contains("No scenario ran."));
    }
}

package io.sipshield.harness.report;

import io.sipshield.harness.run.ScenarioResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Writes an HTML report and reads it back with the JDK's XML parser, which rejects anything ill-formed. */
final class HtmlDocuments {

    private HtmlDocuments() {
    }

    static String html(List<ScenarioResult> results) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReporter(SampleResults.ROOT).write(results, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Elements named {@code name} (any namespace) whose class list contains {@code className}, under {@code root}. */
    static List<Element> byClass(Element root, String name, String className) {
        NodeList nodes = root.getElementsByTagNameNS("*", name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (Arrays.asList(element.getAttribute("class").split(" ")).contains(className)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The section of the {@code index}th scenario (from 0). */
    static Element section(Document html, int index) {
        Element section = html.getElementById("scenario-" + (index + 1));
        if (section != null) {
            return section;
        }
        return byClass(html.getDocumentElement(), "section", "scenario").get(index);
    }
}

package io.sipshield.emulator.cisco;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An element of a small vendor XML file with the line it starts on, read with StAX (no DTD, no
 * external entities: a configuration file cannot make the emulator read other files). Text found
 * beside child elements (the stray {@code --CHANGE ME!} of real-world templates) is reported
 * through {@code strayText}, not kept.
 *
 * @param name       the local name
 * @param line       the 1-based line of the start tag
 * @param attributes the attributes in document order
 * @param text       the trimmed text of a leaf, empty for an element with children
 * @param children   the child elements in order
 */
record XmlNode(String name, int line, Map<String, String> attributes, String text, List<XmlNode> children) {

    /** Stray text beside child elements. */
    record StrayText(String parent, int line, String text) {
    }

    /**
     * @throws XMLStreamException for text that is not well-formed XML; its location names the line
     */
    static XmlNode parse(byte[] bytes, Consumer<StrayText> strayText) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
        Deque<Builder> open = new ArrayDeque<>();
        XmlNode root = null;
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        Map<String, String> attributes = new LinkedHashMap<>();
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        open.push(new Builder(reader.getLocalName(), reader.getLocation().getLineNumber(), attributes));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().text(reader.getText(), reader.getLocation().getLineNumber());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Builder done = open.pop();
                        XmlNode node = done.build(strayText);
                        if (open.isEmpty()) {
                            root = node;
                        } else {
                            open.peek().children.add(node);
                        }
                    }
                    default -> {
                    }
                }
            }
        } finally {
            reader.close();
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }

    /** The first child with this name. */
    Optional<XmlNode> child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    /** The children with this name. */
    List<XmlNode> children(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    /** The node at a path of child names. */
    Optional<XmlNode> at(String... path) {
        Optional<XmlNode> node = Optional.of(this);
        for (String step : path) {
            node = node.flatMap(n -> n.child(step));
        }
        return node;
    }

    private static final class Builder {
        private final String name;
        private final int line;
        private final Map<String, String> attributes;
        private final StringBuilder text = new StringBuilder();
        private final List<XmlNode> children = new ArrayList<>();
        private final List<StrayText> pieces = new ArrayList<>();

        Builder(String name, int line, Map<String, String> attributes) {
            this.name = name;
            this.line = line;
            this.attributes = attributes;
        }

        void text(String chunk, int chunkLine) {
            text.append(chunk);
            if (!chunk.isBlank()) {
                int first = 0;
                while (Character.isWhitespace(chunk.charAt(first))) {
                    first++;
                }
                long newlinesAfter = chunk.substring(first).chars().filter(c -> c == '\n').count();
                pieces.add(new StrayText(name, chunkLine - (int) newlinesAfter, chunk.strip()));
            }
        }

        XmlNode build(Consumer<StrayText> strayText) {
            if (children.isEmpty()) {
                return new XmlNode(name, line, Collections.unmodifiableMap(attributes), text.toString().strip(), List.of());
            }
            pieces.forEach(strayText);
            return new XmlNode(name, line, Collections.unmodifiableMap(attributes), "", List.copyOf(children));
        }
    }
}

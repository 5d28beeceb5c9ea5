package io.sipshield.emulator.config;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one XML reader for vendor configuration files (Digium D-Series XML, Cisco SEP&lt;MAC&gt;.cnf.xml):
 * the JDK's StAX parser, safely. DTD support and external entities are off, and a document with a
 * DOCTYPE is refused before its root (the only way to an XXE or an entity expansion bomb). Start tags
 * carry the line they begin on; stray text between elements (the {@code --CHANGE ME!} real-world
 * templates carry after tags) becomes a warning at the line it starts on. Every parser fault becomes
 * a {@link ConfigurationFileException} with the file and line.
 *
 * <p>Two ways to read: element by element ({@link #root()}, {@link #nextChild}, {@link #element()},
 * {@link #skip()}, {@link #text}), as {@link DigiumXmlConfig} does, or the whole document as a tree of
 * {@link XmlNode}s ({@link #tree(String, byte[], List)}), as the Cisco reader does.
 */
public final class SafeXmlReader implements AutoCloseable {

    private final String file;
    private final List<ConfigProblem> warnings;
    private final XMLStreamReader xml;
    /** The line where the current start tag begins (StAX locates an event where it ends). */
    private int tagLine = 1;

    /**
     * Reads a whole document into a tree. Text beside child elements is not kept: each piece is a
     * warning in {@code warnings}, naming the parent element and the line the text starts on.
     *
     * @param file     names the file in warnings and errors
     * @throws ConfigurationFileException for text that is not well-formed XML, or has a DOCTYPE
     */
    public static XmlNode tree(String file, byte[] bytes, List<ConfigProblem> warnings) throws ConfigurationFileException {
        try (SafeXmlReader reader = new SafeXmlReader(file, new ByteArrayInputStream(bytes), warnings)) {
            XmlElement root = reader.root();
            return reader.node(root);
        }
    }

    /** The element the reader is on, read to its end tag with everything inside it. */
    private XmlNode node(XmlElement element) throws ConfigurationFileException {
        List<XmlNode> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<ConfigProblem> stray = new ArrayList<>();
        List<ConfigProblem> entities = new ArrayList<>();
        try {
            while (xml.hasNext()) {
                tagLine = Math.max(1, xml.getLocation().getLineNumber());
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    children.add(node(element()));
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    break;
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    String chunk = xml.getText();
                    text.append(chunk);
                    if (!chunk.isBlank()) {
                        stray.add(strayText(element.name(), chunk));
                    }
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    entities.add(ConfigProblem.warning(file, xml.getLocation().getLineNumber(), element.name(),
                            "entity reference &" + xml.getLocalName() + "; ignored"));
                }
            }
        } catch (XMLStreamException e) {
            throw fault(e);
        }
        warnings.addAll(entities);
        if (children.isEmpty()) {
            return new XmlNode(element.name(), element.line(), element.attributes(), text.toString().strip(), List.of());
        }
        warnings.addAll(stray);
        return new XmlNode(element.name(), element.line(), element.attributes(), "", children);
    }

    /** A warning for a piece of text beside elements, at the line where its first visible character is. */
    private ConfigProblem strayText(String parent, String chunk) {
        int first = 0;
        while (Character.isWhitespace(chunk.charAt(first))) {
            first++;
        }
        long newlinesAfter = chunk.substring(first).chars().filter(c -> c == '\n').count();
        int line = Math.max(0, xml.getLocation().getLineNumber() - (int) newlinesAfter);
        return ConfigProblem.warning(file, line, parent, "stray text '" + abbreviate(chunk.strip())
                + "' beside the child elements: ignored (the phone reads only elements)");
    }

    /**
     * Walks {@code in} element by element; stray text and entity references become warnings in {@code warnings}.
     *
     * @param file names the file in warnings and errors
     */
    public SafeXmlReader(String file, InputStream in, List<ConfigProblem> warnings) throws ConfigurationFileException {
        this.file = file;
        this.warnings = warnings;
        try {
            this.xml = factory().createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw fault(e);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** The root element; a DOCTYPE before it is refused. */
    public XmlElement root() throws ConfigurationFileException {
        try {
            while (xml.hasNext()) {
                tagLine = Math.max(1, xml.getLocation().getLineNumber());
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new ConfigurationFileException(file, xml.getLocation().getLineNumber(), "DOCTYPE",
                            "expected no DOCTYPE: DTDs and external entities are refused");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return element();
                }
            }
        } catch (XMLStreamException e) {
            throw fault(e);
        }
        throw new ConfigurationFileException(file, 0, "root element", "expected a root element, the file has none");
    }

    /**
     * Advances to the next child of {@code parent}: true with the reader on its start tag (read it
     * with {@link #element()}), false at {@code parent}'s end tag. Text between elements is reported.
     */
    public boolean nextChild(XmlElement parent) throws ConfigurationFileException {
        try {
            while (xml.hasNext()) {
                tagLine = Math.max(1, xml.getLocation().getLineNumber());
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT:
                        return true;
                    case XMLStreamConstants.END_ELEMENT:
                        return false;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                        if (!xml.getText().isBlank()) {
                            warnings.add(strayText("<" + parent.name() + ">", xml.getText()));
                        }
                        break;
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        warnings.add(ConfigProblem.warning(file, xml.getLocation().getLineNumber(), "<" + parent.name() + ">",
                                "entity reference &" + xml.getLocalName() + "; ignored"));
                        break;
                    default:
                        break;
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw fault(e);
        }
    }

    /** The start tag the reader is on: name, the line it begins on, attributes. */
    public XmlElement element() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
        }
        return new XmlElement(xml.getLocalName(), tagLine, attributes);
    }

    /** Skips the element the reader is on and everything inside it. */
    public void skip() throws ConfigurationFileException {
        try {
            int depth = 1;
            while (depth > 0 && xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw fault(e);
        }
    }

    /** The text content of {@code element} up to its end tag; a nested element is refused. */
    public String text(XmlElement element) throws ConfigurationFileException {
        StringBuilder text = new StringBuilder();
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    throw new ConfigurationFileException(file, xml.getLocation().getLineNumber(), element.name(),
                            "expected text inside <" + element.name() + ">, found <" + xml.getLocalName() + ">");
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
            }
        } catch (XMLStreamException e) {
            throw fault(e);
        }
        return text.toString();
    }

    private ConfigurationFileException fault(XMLStreamException e) {
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
        String message = String.valueOf(e.getMessage())
                .replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "");
        return new ConfigurationFileException(file, line, "XML", "expected well-formed XML without a DOCTYPE: " + message, e);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // the underlying stream is closed by its owner
        }
    }
}

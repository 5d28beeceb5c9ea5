package io.sipshield.harness.report;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin layer over {@link XMLStreamWriter} for writing XHTML and inline SVG: elements with attributes
 * given as name/value pairs, text cleaned of characters XML cannot carry. Output is always well-formed.
 */
final class Markup {

    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String SVG = "http://www.w3.org/2000/svg";

    private final XMLStreamWriter xml;

    Markup(XMLStreamWriter xml) {
        this.xml = xml;
    }

    /** Opens {@code name} with attributes {@code name1, value1, name2, value2...}; null values are left out. */
    Markup start(String name, String... attributes) throws XMLStreamException {
        xml.writeStartElement(name);
        attributes(attributes);
        return this;
    }

    /** Opens an element that starts a namespace ({@code html}, {@code svg}). */
    Markup startIn(String namespace, String name, String... attributes) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeDefaultNamespace(namespace);
        attributes(attributes);
        return this;
    }

    Markup end() throws XMLStreamException {
        xml.writeEndElement();
        return this;
    }

    /** {@code <name attributes>text</name>}; an explicit end tag even when empty, as HTML parsers need. */
    Markup element(String name, String text, String... attributes) throws XMLStreamException {
        start(name, attributes);
        text(text);
        return end();
    }

    /** A self-closed element: only for void HTML elements ({@code meta}) and SVG shapes. */
    Markup empty(String name, String... attributes) throws XMLStreamException {
        xml.writeEmptyElement(name);
        attributes(attributes);
        return this;
    }

    Markup text(String text) throws XMLStreamException {
        xml.writeCharacters(text == null ? "" : XmlText.clean(text));
        return this;
    }

    Markup raw(String dtd) throws XMLStreamException {
        xml.writeDTD(dtd);
        return this;
    }

    private void attributes(String... attributes) throws XMLStreamException {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                xml.writeAttribute(attributes[i], XmlText.clean(attributes[i + 1]));
            }
        }
    }
}

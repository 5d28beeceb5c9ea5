package io.sipshield.emulator.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An element of a small vendor XML file with the line it starts on, as {@link SafeXmlReader#tree}
 * reads it (no DTD, no external entities). Text beside child elements is not kept: the reader
 * reports it as a warning.
 *
 * @param name       the local name
 * @param line       the 1-based line of the start tag
 * @param attributes the attributes in document order
 * @param text       the trimmed text of a leaf, empty for an element with children
 * @param children   the child elements in order
 */
public record XmlNode(String name, int line, Map<String, String> attributes, String text, List<XmlNode> children) {

    public XmlNode {
        Objects.requireNonNull(name, "name");
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        Objects.requireNonNull(text, "text");
        children = List.copyOf(children);
    }

    /** The first child with this name. */
    public Optional<XmlNode> child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    /** The children with this name. */
    public List<XmlNode> children(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    /** The node at a path of child names. */
    public Optional<XmlNode> at(String... path) {
        Optional<XmlNode> node = Optional.of(this);
        for (String step : path) {
            node = node.flatMap(n -> n.child(step));
        }
        return node;
    }
}

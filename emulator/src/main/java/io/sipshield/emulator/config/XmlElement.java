package io.sipshield.emulator.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One start tag as {@link SafeXmlReader} read it: its name, line and attributes, remembering which
 * attributes a reader used so the rest can be reported as not modelled.
 */
public final class XmlElement {

    private final String name;
    private final int line;
    private final Map<String, String> attributes;
    private final Set<String> used = new TreeSet<>();

    public XmlElement(String name, int line, Map<String, String> attributes) {
        this.name = name;
        this.line = line;
        this.attributes = new LinkedHashMap<>(attributes);
    }

    public String name() {
        return name;
    }

    public int line() {
        return line;
    }

    /** Every attribute in document order, without marking any used. */
    public Map<String, String> attributes() {
        return java.util.Collections.unmodifiableMap(attributes);
    }

    /** The attribute's value, marking it used. */
    public Optional<String> attribute(String attribute) {
        used.add(attribute);
        return Optional.ofNullable(attributes.get(attribute));
    }

    /** The attribute's value, or an error naming the element when it is absent or blank. */
    public String required(String file, String attribute) throws ConfigurationFileException {
        String value = attribute(attribute).orElse("");
        if (value.isBlank()) {
            throw new ConfigurationFileException(file, line, name + " " + attribute,
                    "expected a " + attribute + "=\"...\" attribute on <" + name + ">");
        }
        return value;
    }

    /** Attributes present that no reader asked for, in document order. */
    public Map<String, String> unused() {
        Map<String, String> rest = new LinkedHashMap<>(attributes);
        rest.keySet().removeAll(used);
        return rest;
    }
}

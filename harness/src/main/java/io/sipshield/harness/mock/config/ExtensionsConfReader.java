package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the sections of an extensions.conf into {@link ExtensionsConf}; one instance reads one file. */
final class ExtensionsConfReader {

    private static final List<String> GENERAL_OPTIONS = List.of("static", "writeprotect");
    private static final Set<String> GENERAL_NO_EFFECT = Set.of("autofallthrough", "clearglobalvars", "extenpatternmatchnew",
            "userscontext", "priorityjumping", "live_dangerously");
    private static final List<String> CONTEXT_OPTIONS = List.of("exten", "same");
    private static final Pattern PRIORITY = Pattern.compile("(n|N|[0-9]+)(?:\\(([A-Za-z0-9_-]+)\\))?");

    private final List<ConfigWarning> warnings = new ArrayList<>();
    private final Map<String, Map<ExtensionPattern, TreeMap<Integer, DialplanPriority>>> contexts = new LinkedHashMap<>();
    private ExtensionsGeneral general;

    private ExtensionsConfReader() {
    }

    static ExtensionsConf read(AsteriskConfig config) throws ConfigFileException {
        ExtensionsConfReader reader = new ExtensionsConfReader();
        for (ConfigSection section : config.objects()) {
            reader.section(section);
        }
        Map<String, DialplanContext> built = new LinkedHashMap<>();
        reader.contexts.forEach((name, extensions) -> {
            List<DialplanExtension> list = new ArrayList<>();
            extensions.forEach((pattern, priorities) -> list.add(new DialplanExtension(pattern, new ArrayList<>(priorities.values()))));
            built.put(name, new DialplanContext(name, list));
        });
        return new ExtensionsConf(reader.general == null ? ExtensionsGeneral.defaults() : reader.general, built, reader.warnings);
    }

    private void section(ConfigSection s) throws ConfigFileException {
        switch (s.name().toLowerCase(Locale.ROOT)) {
            case "general" -> general(s);
            case "globals" -> throw new ConfigFileException(s.file(), s.line(),
                    "section [globals] (dialplan variables) is not supported by the mock; supported: [general] and contexts");
            default -> context(s);
        }
    }

    private void general(ConfigSection s) throws ConfigFileException {
        boolean staticConfig = ExtensionsGeneral.defaults().staticConfig();
        boolean writeProtect = ExtensionsGeneral.defaults().writeProtect();
        for (ConfigLine l : s.lines()) {
            switch (l.key().toLowerCase(Locale.ROOT)) {
                case "static" -> staticConfig = OptionValues.bool(l, "[general]");
                case "writeprotect" -> writeProtect = OptionValues.bool(l, "[general]");
                default -> {
                    if (GENERAL_NO_EFFECT.contains(l.key().toLowerCase(Locale.ROOT))) {
                        warnings.add(OptionValues.noEffect(l, "[general]"));
                    } else {
                        throw OptionValues.unknown(l, "[general]", GENERAL_OPTIONS);
                    }
                }
            }
        }
        general = new ExtensionsGeneral(staticConfig, writeProtect);
    }

    private void context(ConfigSection s) throws ConfigFileException {
        String in = "context [" + s.name() + "]";
        Map<ExtensionPattern, TreeMap<Integer, DialplanPriority>> extensions = contexts.computeIfAbsent(s.name(),
                n -> new LinkedHashMap<>());
        ExtensionPattern last = null;
        for (ConfigLine l : s.lines()) {
            String key = l.key().toLowerCase(Locale.ROOT);
            if (key.equals("exten")) {
                String[] parts = l.value().split(",", 3);
                if (parts.length < 3) {
                    throw new ConfigFileException(l, "expected 'exten => extension,priority,Application(args)' in " + in
                            + ", got '" + l.value() + "'");
                }
                last = pattern(l, parts[0].strip());
                add(l, in, extensions, last, parts[1].strip(), parts[2].strip());
            } else if (key.equals("same")) {
                if (last == null) {
                    throw new ConfigFileException(l, "'same =>' in " + in + " without an 'exten =>' line before it");
                }
                String[] parts = l.value().split(",", 2);
                if (parts.length < 2) {
                    throw new ConfigFileException(l, "expected 'same => priority,Application(args)' in " + in
                            + ", got '" + l.value() + "'");
                }
                add(l, in, extensions, last, parts[0].strip(), parts[1].strip());
            } else {
                throw OptionValues.unknown(l, in, CONTEXT_OPTIONS);
            }
        }
    }

    private static ExtensionPattern pattern(ConfigLine l, String text) throws ConfigFileException {
        if (text.contains("/")) {
            throw new ConfigFileException(l, "caller-ID matching ('" + text + "') is not supported by the mock");
        }
        try {
            return ExtensionPattern.of(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigFileException(l, "bad extension: " + e.getMessage()
                    + "; allowed: a literal or _pattern of X, Z, N, [set], '.', '!'");
        }
    }

    private static void add(ConfigLine l, String in, Map<ExtensionPattern, TreeMap<Integer, DialplanPriority>> extensions,
            ExtensionPattern extension, String priorityText, String appText) throws ConfigFileException {
        Matcher m = PRIORITY.matcher(priorityText);
        if (!m.matches()) {
            throw new ConfigFileException(l, "bad priority '" + priorityText + "' for extension " + extension + " in " + in
                    + "; allowed: a number from 1, n, n(label), number(label)");
        }
        TreeMap<Integer, DialplanPriority> priorities = extensions.computeIfAbsent(extension, e -> new TreeMap<>());
        int number;
        if (m.group(1).equalsIgnoreCase("n")) {
            if (priorities.isEmpty()) {
                throw new ConfigFileException(l, "priority 'n' for extension " + extension + " in " + in
                        + " has no priority before it; start the extension with priority 1");
            }
            number = priorities.lastKey() + 1;
        } else {
            try {
                number = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1) {
                throw new ConfigFileException(l, "bad priority '" + priorityText + "' for extension " + extension + " in " + in
                        + "; priorities start at 1");
            }
        }
        DialplanPriority earlier = priorities.get(number);
        if (earlier != null) {
            throw new ConfigFileException(l, "extension " + extension + " priority " + number + " in " + in
                    + " is already defined at " + ConfigFileException.location(earlier.file(), earlier.line()));
        }
        Optional<String> label = Optional.ofNullable(m.group(2));
        if (label.isPresent()) {
            for (DialplanPriority p : priorities.values()) {
                if (p.label().equals(label)) {
                    throw new ConfigFileException(l, "label '" + label.get() + "' of extension " + extension + " in " + in
                            + " is already used at " + ConfigFileException.location(p.file(), p.line()));
                }
            }
        }
        DialplanApplication app = DialplanApplicationParser.parse(l, appText);
        priorities.put(number, new DialplanPriority(number, label, app, l.file(), l.line()));
    }
}

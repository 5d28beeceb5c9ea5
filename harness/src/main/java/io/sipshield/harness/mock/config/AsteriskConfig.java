package io.sipshield.harness.mock.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An Asterisk configuration file as its config loader reads it ({@code main/config.c}): {@code [name]} sections,
 * templates {@code [name](!)}, inheritance {@code [name](tpl1,tpl2)} from sections defined earlier,
 * {@code #include "file"} or {@code #include file} relative to the including file, {@code ;} comments (with
 * {@code \;} for a literal semicolon, {@code ;-- ... --;} block comments), {@code key = value} and {@code key => value},
 * repeated keys kept in order. Sections of the same name may occur more than once (an endpoint and an aor both
 * called {@code [101]}); they stay distinct.
 *
 * @param file the top-level file
 * @param sections every section in reading order, includes expanded, own lines only
 */
public record AsteriskConfig(Path file, List<ConfigSection> sections) {

    public AsteriskConfig {
        Objects.requireNonNull(file, "file");
        sections = List.copyOf(sections);
    }

    /**
     * Reads a file and everything it includes.
     *
     * @throws ConfigFileException when a file is missing or unreadable, an include loops, or a line is not valid syntax
     */
    public static AsteriskConfig read(Path file) throws ConfigFileException {
        ConfigSyntaxReader reader = new ConfigSyntaxReader();
        reader.readFile(file, 0, null);
        return new AsteriskConfig(file, reader.sections());
    }

    /**
     * The sections that are objects (every section not marked {@code (!)}), in order, each with its inherited
     * options first (parents in the order listed, each parent with its own inheritance applied) and then its own.
     *
     * @throws ConfigFileException when a section inherits from a name not defined before it
     */
    public List<ConfigSection> objects() throws ConfigFileException {
        List<ConfigSection> resolved = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            resolved.add(resolve(i));
        }
        List<ConfigSection> objects = new ArrayList<>();
        for (ConfigSection s : resolved) {
            if (!s.template()) {
                objects.add(s);
            }
        }
        return objects;
    }

    /** Parents are looked up among the sections before this one only (as main/config.c does), so there is no loop. */
    private ConfigSection resolve(int index) throws ConfigFileException {
        ConfigSection section = sections.get(index);
        List<ConfigLine> lines = new ArrayList<>();
        for (String parent : section.parents()) {
            int found = -1;
            for (int i = 0; i < index && found < 0; i++) {
                if (sections.get(i).name().equals(parent)) {
                    found = i;
                }
            }
            if (found < 0) {
                throw new ConfigFileException(section.file(), section.line(), "[" + section.name() + "] inherits from unknown template '"
                        + parent + "'; a template must be defined before the sections that use it");
            }
            lines.addAll(resolve(found).lines());
        }
        lines.addAll(section.lines());
        return new ConfigSection(section.name(), section.template(), section.parents(), section.file(), section.line(), lines);
    }

    /** The line-by-line reader; one instance reads one top-level file. */
    private static final class ConfigSyntaxReader {

        private final List<ConfigSection> done = new ArrayList<>();
        private final List<Path> includeStack = new ArrayList<>();
        private ConfigSection open;
        private List<ConfigLine> openLines;

        List<ConfigSection> sections() {
            closeSection();
            return done;
        }

        void readFile(Path file, int fromLine, Path fromFile) throws ConfigFileException {
            Path real = canonical(file, fromLine, fromFile);
            if (includeStack.contains(real)) {
                throw new ConfigFileException(fromFile, fromLine, "#include loop: " + file.getFileName()
                        + " is already being read (" + chain(real) + ")");
            }
            List<String> text;
            try {
                text = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                throw new ConfigFileException(file, 0, "not UTF-8 text");
            } catch (IOException e) {
                throw new ConfigFileException(file, 0, "cannot be read: " + e.getMessage());
            }
            includeStack.add(real);
            boolean inBlockComment = false;
            for (int i = 0; i < text.size(); i++) {
                String raw = text.get(i);
                int number = i + 1;
                if (inBlockComment) {
                    int end = raw.indexOf("--;");
                    if (end < 0) {
                        continue;
                    }
                    inBlockComment = false;
                    raw = raw.substring(end + 3);
                }
                int block = raw.indexOf(";--");
                if (block >= 0 && !escaped(raw, block)) {
                    int end = raw.indexOf("--;", block + 3);
                    if (end < 0) {
                        inBlockComment = true;
                        raw = raw.substring(0, block);
                    } else {
                        raw = raw.substring(0, block) + raw.substring(end + 3);
                    }
                }
                readLine(file, number, stripComment(raw).strip());
            }
            if (inBlockComment) {
                throw new ConfigFileException(file, text.size(), "block comment ';--' is never closed with '--;'");
            }
            includeStack.remove(includeStack.size() - 1);
        }

        private void readLine(Path file, int number, String line) throws ConfigFileException {
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("#")) {
                directive(file, number, line);
            } else if (line.startsWith("[")) {
                header(file, number, line);
            } else {
                option(file, number, line);
            }
        }

        private void directive(Path file, int number, String line) throws ConfigFileException {
            if (!line.regionMatches(true, 0, "#include", 0, 8) || line.length() > 8 && !Character.isWhitespace(line.charAt(8))
                    && line.charAt(8) != '"' && line.charAt(8) != '<') {
                String name = line.split("\\s+", 2)[0];
                throw new ConfigFileException(file, number, "unsupported directive '" + name + "'; supported: #include");
            }
            String target = line.substring(8).strip();
            if (target.length() >= 2 && (target.startsWith("\"") && target.endsWith("\"") || target.startsWith("<") && target.endsWith(">"))) {
                target = target.substring(1, target.length() - 1).strip();
            }
            if (target.isEmpty()) {
                throw new ConfigFileException(file, number, "#include without a file name");
            }
            Path base = file.toAbsolutePath().getParent();
            Path included;
            try {
                included = base == null ? Path.of(target) : base.resolve(target);
            } catch (java.nio.file.InvalidPathException e) {
                // found by ConfigParserFuzzTest.pjsipConf: a NUL in the file name
                throw new ConfigFileException(file, number, "#include of an invalid file name ("
                        + e.getReason() + "): expected a path");
            }
            readFile(included, number, file);
        }

        private void header(Path file, int number, String line) throws ConfigFileException {
            int close = line.indexOf(']');
            if (close < 0) {
                throw new ConfigFileException(file, number, "section header without ']': " + line);
            }
            String name = line.substring(1, close).strip();
            if (name.isEmpty()) {
                throw new ConfigFileException(file, number, "section header with an empty name");
            }
            String rest = line.substring(close + 1).strip();
            boolean template = false;
            List<String> parents = new ArrayList<>();
            if (!rest.isEmpty()) {
                if (!rest.startsWith("(") || !rest.endsWith(")")) {
                    throw new ConfigFileException(file, number, "unexpected text after [" + name + "]: '" + rest
                            + "'; allowed: (!) for a template, (tpl1,tpl2) to inherit");
                }
                for (String part : rest.substring(1, rest.length() - 1).split(",")) {
                    String p = part.strip();
                    if (p.equals("!")) {
                        template = true;
                    } else if (p.equals("+")) {
                        throw new ConfigFileException(file, number, "[" + name + "](+) (appending to an earlier section) is not supported; "
                                + "allowed: (!) for a template, (tpl1,tpl2) to inherit");
                    } else if (p.isEmpty()) {
                        throw new ConfigFileException(file, number, "empty template name in [" + name + "]" + rest);
                    } else {
                        parents.add(p);
                    }
                }
            }
            closeSection();
            open = new ConfigSection(name, template, parents, file, number, List.of());
            openLines = new ArrayList<>();
        }

        private void option(Path file, int number, String line) throws ConfigFileException {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigFileException(file, number, "expected 'key = value', '[section]' or '#include': " + line);
            }
            String key = line.substring(0, eq).strip();
            int valueStart = eq + 1 < line.length() && line.charAt(eq + 1) == '>' ? eq + 2 : eq + 1;
            String value = line.substring(valueStart).strip();
            if (key.isEmpty()) {
                throw new ConfigFileException(file, number, "option without a name: " + line);
            }
            if (open == null) {
                throw new ConfigFileException(file, number, "option '" + key + "' before any [section]");
            }
            openLines.add(new ConfigLine(file, number, key, value));
        }

        private void closeSection() {
            if (open != null) {
                done.add(new ConfigSection(open.name(), open.template(), open.parents(), open.file(), open.line(), openLines));
                open = null;
                openLines = null;
            }
        }

        private String chain(Path again) {
            StringBuilder b = new StringBuilder();
            for (Path p : includeStack) {
                b.append(p.getFileName()).append(" -> ");
            }
            return b.append(again.getFileName()).toString();
        }

        private static Path canonical(Path file, int fromLine, Path fromFile) throws ConfigFileException {
            try {
                return file.toRealPath();
            } catch (NoSuchFileException e) {
                if (fromFile == null) {
                    throw new ConfigFileException(file, 0, "file not found: " + file.toAbsolutePath());
                }
                throw new ConfigFileException(fromFile, fromLine, "#include file not found: " + file.toAbsolutePath());
            } catch (IOException e) {
                throw new ConfigFileException(fromFile == null ? file : fromFile, fromLine, "cannot read " + file + ": " + e.getMessage());
            }
        }

        private static boolean escaped(String s, int at) {
            return at > 0 && s.charAt(at - 1) == '\\';
        }

        private static String stripComment(String raw) {
            StringBuilder b = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ';') {
                    b.append(';');
                    i++;
                } else if (c == ';') {
                    break;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }
}

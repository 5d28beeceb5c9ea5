package io.sipshield.harness.mock.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used as it is: the message starts with {@code file:line:} and says what
 * was wrong and what is allowed, e.g. {@code pjsip.conf:42: unknown option 'foo' in endpoint [101]; supported: ...}.
 */
public final class ConfigFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /**
     * @param file the file at fault
     * @param line its 1-based line, or 0 when the problem is the file as a whole
     * @param problem what was wrong, without the location
     */
    public ConfigFileException(Path file, int line, String problem) {
        super(location(file, line) + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The same problem located at a line already read. */
    public ConfigFileException(ConfigLine at, String problem) {
        this(at.file(), at.line(), problem);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 for the file as a whole. */
    public int line() {
        return line;
    }

    static String location(Path file, int line) {
        String name = String.valueOf(file.getFileName());
        return line > 0 ? name + ":" + line : name;
    }
}

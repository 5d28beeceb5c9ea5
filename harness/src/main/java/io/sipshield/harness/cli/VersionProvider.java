package io.sipshield.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version {@code sipshield --version} prints: the jar manifest's {@code Implementation-Version},
 * or, when running from classes, the {@code version.properties} Maven writes next to this class.
 */
public final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"sipshield " + version()};
    }

    /** The project version, or {@code unknown} when neither source has it. */
    public static String version() {
        String manifest = VersionProvider.class.getPackage().getImplementationVersion();
        if (manifest != null && !manifest.isBlank()) {
            return manifest;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.contains("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}

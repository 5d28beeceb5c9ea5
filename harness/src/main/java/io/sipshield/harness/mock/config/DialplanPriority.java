package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One priority of an extension.
 *
 * @param number the priority, from 1 ({@code n} already resolved)
 * @param label its label from {@code n(label)} or {@code 2(label)}, if any
 * @param application what it runs
 * @param file the file that defines it
 * @param line the line that defines it
 */
public record DialplanPriority(int number, Optional<String> label, DialplanApplication application, Path file, int line) {

    public DialplanPriority {
        if (number < 1) {
            throw new IllegalArgumentException("priority must be at least 1: " + number);
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(file, "file");
    }
}

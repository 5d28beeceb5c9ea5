package io.sipshield.harness.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a benchmark ran on, for the record next to its figures: processors, CPU model, JDK, date.
 *
 * @param processors available processors (nproc)
 * @param cpuModel   the "model name" of /proc/cpuinfo, or "unknown CPU"
 * @param jdk        VM name and Java version
 * @param date       the day of the run
 */
record Machine(int processors, String cpuModel, String jdk, LocalDate date) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(Path.of("/proc/cpuinfo")).orElse("unknown CPU"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), LocalDate.now());
    }

    static Optional<String> cpuModel(Path cpuinfo) {
        try {
            return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return processors + (processors == 1 ? " processor" : " processors") + ", " + cpuModel + ", " + jdk + ", " + date;
    }
}

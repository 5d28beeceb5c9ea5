package io.sipshield.emulator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one entry point: reads whichever vendor configuration {@code path} is and returns what the
 * emulator takes from it.
 *
 * <ul>
 *   <li>a directory, or a file named {@code config.txt}: an Algo device tree ({@link AlgoConfig});</li>
 *   <li>{@code *.xml}: a Digium D-Series phone configuration ({@link DigiumXmlConfig});</li>
 *   <li>{@code *.conf}: a DPMA {@code res_digium_phone.conf} ({@link DpmaConfig}).</li>
 * </ul>
 */
public final class PhoneConfigurations {

    private PhoneConfigurations() {
    }

    /** Reads {@code path} with default options. */
    public static PhoneConfiguration read(Path path) throws ConfigurationFileException {
        return read(path, Options.defaults());
    }

    /** Reads {@code path}; {@code options} pick the account, phone or firmware where the file leaves it open. */
    public static PhoneConfiguration read(Path path, Options options) throws ConfigurationFileException {
        Objects.requireNonNull(options, "options");
        if (!Files.exists(path)) {
            throw new ConfigurationFileException(path.toString(), 0, "path",
                    "expected an existing Digium .xml, DPMA .conf, Algo config.txt or Algo device directory");
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path) || name.equals(AlgoConfig.CONFIG_FILE)) {
            return AlgoConfig.read(path, options.algoFirmware());
        }
        if (name.endsWith(".xml")) {
            return DigiumXmlConfig.read(path, options.accountIndex());
        }
        if (name.endsWith(".conf")) {
            return DpmaConfig.read(path, options.dpmaPhone());
        }
        throw new ConfigurationFileException(path.toString(), 0, "file name",
                "expected a Digium .xml, a DPMA .conf, an Algo config.txt or an Algo device directory");
    }

    /**
     * Choices a file can leave open.
     *
     * @param accountIndex Digium XML: the {@code <account index>} to register (default: the first enabled one)
     * @param dpmaPhone    DPMA: the {@code type=phone} section (default: the first)
     * @param algoFirmware Algo: the firmware the device runs (default: inferred from the tree)
     */
    public record Options(OptionalInt accountIndex, Optional<String> dpmaPhone, Optional<AlgoFirmware> algoFirmware) {

        public Options {
            Objects.requireNonNull(accountIndex, "accountIndex");
            Objects.requireNonNull(dpmaPhone, "dpmaPhone");
            Objects.requireNonNull(algoFirmware, "algoFirmware");
        }

        public static Options defaults() {
            return new Options(OptionalInt.empty(), Optional.empty(), Optional.empty());
        }

        public Options withAccountIndex(int index) {
            return new Options(OptionalInt.of(index), dpmaPhone, algoFirmware);
        }

        public Options withDpmaPhone(String phone) {
            return new Options(accountIndex, Optional.of(phone), algoFirmware);
        }

        public Options withAlgoFirmware(AlgoFirmware firmware) {
            return new Options(accountIndex, dpmaPhone, Optional.of(firmware));
        }
    }
}

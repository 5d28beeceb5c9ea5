/**
 * Phones configured the way real ones are: readers for the vendors' own configuration files that
 * turn them into emulator settings. {@link io.sipshield.emulator.config.PhoneConfigurations#read}
 * is the one entry point: a Digium D-Series XML file ({@link io.sipshield.emulator.config.DigiumXmlConfig}),
 * a DPMA {@code res_digium_phone.conf} ({@link io.sipshield.emulator.config.DpmaConfig}) or an Algo
 * device tree ({@link io.sipshield.emulator.config.AlgoConfig}) becomes a
 * {@link io.sipshield.emulator.config.PhoneConfiguration}: what to set on a
 * {@link io.sipshield.emulator.PhoneSettings.Builder}, how the file changes the device profile, and
 * a warning (file, line, element) for every setting the emulator does not model. A file the
 * emulator cannot take as it is (a contradiction, a bad value, unreadable PEM) throws
 * {@link io.sipshield.emulator.config.ConfigurationFileException} naming file, line and element.
 */
package io.sipshield.emulator.config;

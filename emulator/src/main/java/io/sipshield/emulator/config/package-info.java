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
 *
 * <p>Shared with the Cisco {@code SEP<MAC>.cnf.xml} reader ({@code emulator.cisco.SepMacConfig}): the one
 * XXE-safe XML reader ({@link io.sipshield.emulator.config.SafeXmlReader}, element by element or as a tree of
 * {@link io.sipshield.emulator.config.XmlNode}s) and the one problem record
 * ({@link io.sipshield.emulator.config.ConfigProblem}: error or warning, file, line, element, message).
 * The mock's own {@code harness.mock.config.ConfigWarning} is a different thing on purpose: an Asterisk option
 * the mock server ignores (server side, located by {@code Path}), not a phone setting.
 */
package io.sipshield.emulator.config;

/**
 * Asterisk's own configuration files for the mock Asterisk: a reader for the config file syntax
 * ({@link io.sipshield.harness.mock.config.AsteriskConfig}: sections, templates, inheritance, {@code #include})
 * and two typed readers on top of it, {@link io.sipshield.harness.mock.config.PjsipConf} and
 * {@link io.sipshield.harness.mock.config.ExtensionsConf}. Everything outside the documented subset is a
 * {@link io.sipshield.harness.mock.config.ConfigFileException} naming file, line and option; options that have
 * no meaning for a mock become {@link io.sipshield.harness.mock.config.ConfigWarning}s. (The emulator's
 * {@code emulator.config.ConfigProblem} is about phone-side vendor files; this one is about the server's
 * Asterisk files, located by {@code Path} with {@code ConfigFileException}'s location format, and the emulator
 * module cannot depend on the harness, so the two stay apart.)
 */
package io.sipshield.harness.mock.config;

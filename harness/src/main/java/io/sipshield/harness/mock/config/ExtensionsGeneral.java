package io.sipshield.harness.mock.config;

/**
 * extensions.conf {@code [general]} (pbx/pbx_config.c). Neither changes what the mock does: the mock never
 * saves the dialplan.
 *
 * @param staticConfig {@code static}: the dialplan may not be saved from the CLI; default no
 * @param writeProtect {@code writeprotect}: {@code dialplan save} is refused; default yes
 */
public record ExtensionsGeneral(boolean staticConfig, boolean writeProtect) {

    /** The settings of an extensions.conf without a {@code [general]} section. */
    public static ExtensionsGeneral defaults() {
        return new ExtensionsGeneral(false, true);
    }
}

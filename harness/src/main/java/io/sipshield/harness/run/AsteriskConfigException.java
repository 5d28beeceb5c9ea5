package io.sipshield.harness.run;

/**
 * A scenario for which {@link AsteriskConfigExport} cannot write a real Asterisk's configuration, with
 * the reason in one line naming the scenario: a {@code target:} (no mock to describe), an MX-ONE
 * personality (not configured by pjsip.conf), structured keys on top of configuration files, a
 * {@code ${fixtures}} file that is no fixture, or configuration the mock itself refuses.
 */
public final class AsteriskConfigException extends Exception {

    public AsteriskConfigException(String message) {
        super(message);
    }
}

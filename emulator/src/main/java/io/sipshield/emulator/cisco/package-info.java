/**
 * A Cisco phone's provisioning as usecallmanager documents it (DEVICES.md §A.3): the trust lists it
 * stores ({@link io.sipshield.emulator.cisco.CiscoTrustStore}), the files it fetches at boot over
 * HTTP 6970, TFTP and HTTPS 6971 ({@link io.sipshield.emulator.cisco.CiscoProvisioningClient}) and
 * the SEP&lt;MAC&gt;.cnf.xml it is configured by ({@link io.sipshield.emulator.cisco.SepMacConfig}).
 */
package io.sipshield.emulator.cisco;

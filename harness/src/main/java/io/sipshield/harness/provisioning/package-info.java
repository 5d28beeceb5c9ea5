/**
 * The provisioning server: one directory served read-only over HTTP, HTTPS and TFTP (RFC 1350),
 * as Cisco phones fetch their trust lists and configuration (DEVICES.md §A.3) and Digium/Algo phones
 * their files. {@link io.sipshield.harness.provisioning.ProvisioningServer} is the entry point;
 * {@link io.sipshield.harness.provisioning.ProvisioningRequest} is what it records.
 */
package io.sipshield.harness.provisioning;

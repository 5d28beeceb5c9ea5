/** {@code sipshield probe}: one TLS connection made as a device profile would make it, and what it showed. */
package io.sipshield.harness.probe;

/** The emulated phone. */
package io.sipshield.emulator;

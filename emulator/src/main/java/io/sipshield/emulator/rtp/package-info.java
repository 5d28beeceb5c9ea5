/**
 * RTP (RFC 3550) packets, G.711 (ITU-T G.711) audio, and 20 ms media sources for the phone's
 * media stream. No sockets here: the media channel lives elsewhere.
 */
package io.sipshield.emulator.rtp;

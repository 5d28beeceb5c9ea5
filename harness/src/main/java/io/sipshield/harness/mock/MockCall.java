package io.sipshield.harness.mock;

import io.netty.channel.Channel;

/**
 * A call the mock answered: its dialog identifiers and the UDP channel its media runs on.
 *
 * @param callId    Call-ID
 * @param localTag  the mock's To tag
 * @param extension the extension dialled
 * @param media     the mock's RTP channel
 */
record MockCall(String callId, String localTag, String extension, Channel media) {
}

package io.sipshield.emulator.ua;

/**
 * The state of one dialog (RFC 3261 §12) from the phone's side.
 *
 * @param callId       Call-ID
 * @param localTag     our From tag
 * @param remoteTag    the To tag the other side chose
 * @param remoteTarget the other side's Contact URI, where in-dialog requests go
 * @param remoteUri    the To URI
 */
public record Dialog(String callId, String localTag, String remoteTag, String remoteTarget, String remoteUri) {
}

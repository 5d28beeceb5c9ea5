/**
 * The SIP message layer over Netty: stream framing (RFC 3261 §18.3) with CRLF keep-alives
 * (RFC 5626 §4.4.1), a codec between framed bytes and JAIN-SIP messages, a factory façade for
 * building requests and responses, and HTTP Digest authentication (RFC 2617 / RFC 8760, MD5).
 *
 * <p>JAIN-SIP (the NIST reference implementation) is used as a message layer only: its parser
 * and its message, header and address factories. Its {@code SipStack}, transports and
 * transactions are never used; Netty carries the bytes.
 *
 * <p>A pipeline reads top to bottom: {@code SslHandler → SipFrameDecoder → SipMessageCodec →}
 * the user agent. Nothing here owns a thread; handlers and helpers are confined to the event loop
 * of the channel that uses them. Nothing here logs passwords or digest secrets.
 */
package io.sipshield.emulator.sip;

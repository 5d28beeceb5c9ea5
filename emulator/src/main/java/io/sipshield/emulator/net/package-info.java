/**
 * Which Netty transport the event loops run: {@link io.sipshield.emulator.net.IoTransport} makes a group
 * (native epoll on Linux where the native library loads, NIO elsewhere or on request) and
 * {@link io.sipshield.emulator.net.ChannelTypes} gives the channel classes that group can register, so a
 * bootstrap always follows the group it is given.
 */
package io.sipshield.emulator.net;

package io.sipshield.emulator.net;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.util.Iterator;
import java.util.Objects;

/**
 * The channel classes a group can register: {@code Epoll*Channel} on an epoll group, {@code Nio*Channel} on a
 * NIO group. Netty refuses to register a channel on a loop of another transport ("incompatible event loop
 * type"), so every bootstrap asks here with the group it was given instead of naming a class.
 *
 * <p>A group that runs neither handler (a local or embedded loop, io_uring, a {@code DefaultEventLoopGroup}) is
 * rejected with an {@link IllegalArgumentException}: NIO channels could not register on it either, so falling back
 * would only move the failure to the first connect. An {@link EventLoop} passed as a group is judged by itself
 * when it is an I/O loop, else by its parent. Asking does not advance the group's {@code next()} chooser.
 */
public final class ChannelTypes {

    private ChannelTypes() {
    }

    /** The transport {@code group} runs. */
    public static IoTransport transportOf(EventLoopGroup group) {
        Objects.requireNonNull(group, "group");
        IoEventLoop io = firstLoop(group);
        if (io != null) {
            if (io.isIoType(EpollIoHandler.class)) {
                return IoTransport.EPOLL;
            }
            if (io.isIoType(NioIoHandler.class)) {
                return IoTransport.NIO;
            }
        }
        throw new IllegalArgumentException("event loop group " + group.getClass().getName() + " runs neither NIO "
                + "nor epoll; make it with IoTransport.newGroup (MultiThreadIoEventLoopGroup with NioIoHandler or "
                + "EpollIoHandler)");
    }

    /** The UDP channel class for {@code group}. */
    public static Class<? extends DatagramChannel> datagram(EventLoopGroup group) {
        return transportOf(group) == IoTransport.EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** The TCP client channel class for {@code group}. */
    public static Class<? extends SocketChannel> socket(EventLoopGroup group) {
        return transportOf(group) == IoTransport.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The TCP listening channel class for {@code group}. */
    public static Class<? extends ServerSocketChannel> serverSocket(EventLoopGroup group) {
        return transportOf(group) == IoTransport.EPOLL ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
    }

    /**
     * The group's first I/O loop, read through its iterator: {@code IoEventLoopGroup#isIoType} on a
     * {@code MultiThreadIoEventLoopGroup} asks {@code next()}, which would advance the round-robin chooser and
     * put every channel bootstrapped after it on the same loops. All loops of one group share one handler type.
     */
    private static IoEventLoop firstLoop(EventLoopGroup group) {
        EventLoopGroup owner = group;
        if (group instanceof EventLoop loop && !(loop instanceof IoEventLoop) && loop.parent() != null) {
            owner = loop.parent();
        }
        Iterator<EventExecutor> loops = owner.iterator();
        if (loops.hasNext() && loops.next() instanceof IoEventLoop first) {
            return first;
        }
        return null;
    }
}

package io.sipshield.emulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IoTransport}: parsing, the automatic choice, groups; {@link ChannelTypes}: classes that follow the group. */
@Timeout(30)
class IoTransportTest {

    @ParameterizedTest
    @ValueSource(strings = {"nio", "NIO", " nio "})
    void nioParsesInAnyCase(String text) {
        assertSame(IoTransport.NIO, IoTransport.parse(text));
    }

    @Test
    void epollParsesEvenWhereItCannotRunSoThatAskingForItFailsLoudlyLater() {
        assertSame(IoTransport.EPOLL, IoTransport.parse("epoll"));
    }

    @Test
    void autoIsTheBestAvailable() {
        assertSame(IoTransport.best(), IoTransport.parse("auto"));
        assertSame(IoTransport.best(), IoTransport.parse("Auto"));
    }

    @Test
    void anUnknownTransportNamesTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoTransport.parse("kqueue"));
        assertEquals("'kqueue' is not a transport; expected one of auto, nio, epoll", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IoTransport.parse(""));
    }

    @Test
    void bestIsEpollExactlyWhenNettyCanLoadIt() {
        assertEquals(Epoll.isAvailable() ? IoTransport.EPOLL : IoTransport.NIO, IoTransport.best());
        assertEquals(Epoll.isAvailable(), IoTransport.EPOLL.isAvailable());
    }

    @Test
    void nioIsAlwaysAvailable() {
        assertTrue(IoTransport.NIO.isAvailable());
        assertTrue(IoTransport.NIO.unavailabilityCause().isEmpty());
        assertSame(IoTransport.NIO, IoTransport.NIO.requireAvailable());
    }

    // where epoll cannot load: harness TransportWithoutEpollProcessTest (a JVM with io.netty.transport.noNative)

    @Test
    void epollIsAvailableHereWithoutCause() {
        assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        assertTrue(IoTransport.EPOLL.unavailabilityCause().isEmpty());
        assertSame(IoTransport.EPOLL, IoTransport.EPOLL.requireAvailable());
    }

    @Test
    void negativeThreadsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoTransport.NIO.newGroup(-1));
        assertEquals("threads must be 0 (Netty's default) or more, got -1", e.getMessage());
    }

    @Test
    void aNioGroupRunsNioAndGetsNioChannels() {
        IoEventLoopGroup group = IoTransport.NIO.newGroup(1);
        try {
            assertTrue(group.isIoType(NioIoHandler.class));
            assertSame(IoTransport.NIO, ChannelTypes.transportOf(group));
            assertSame(NioDatagramChannel.class, ChannelTypes.datagram(group));
            assertSame(NioSocketChannel.class, ChannelTypes.socket(group));
            assertSame(NioServerSocketChannel.class, ChannelTypes.serverSocket(group));
            EventLoop loop = group.next();
            assertSame(NioDatagramChannel.class, ChannelTypes.datagram(loop), "an event loop passed as a group");
        } finally {
            shutdown(group);
        }
    }

    @Test
    void anEpollGroupRunsEpollAndGetsEpollChannels() {
        assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        IoEventLoopGroup group = IoTransport.EPOLL.newGroup(1);
        try {
            assertTrue(group.isIoType(EpollIoHandler.class));
            assertFalse(group.isIoType(NioIoHandler.class));
            assertSame(IoTransport.EPOLL, ChannelTypes.transportOf(group));
            assertSame(EpollDatagramChannel.class, ChannelTypes.datagram(group));
            assertSame(EpollSocketChannel.class, ChannelTypes.socket(group));
            assertSame(EpollServerSocketChannel.class, ChannelTypes.serverSocket(group));
            assertSame(EpollSocketChannel.class, ChannelTypes.socket(group.next()), "an event loop passed as a group");
        } finally {
            shutdown(group);
        }
    }

    @Test
    void askingForChannelClassesDoesNotAdvanceTheGroupsRoundRobin() {
        IoEventLoopGroup group = IoTransport.NIO.newGroup(2);
        try {
            EventLoop first = group.next();
            ChannelTypes.socket(group);
            ChannelTypes.datagram(group);
            ChannelTypes.serverSocket(group);
            assertNotSame(first, group.next(), "channels would pile onto one loop if asking called next()");
        } finally {
            shutdown(group);
        }
    }

    @Test
    void aGroupOfNeitherTransportIsRejectedByName() {
        EventLoopGroup local = new DefaultEventLoopGroup(1);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelTypes.socket(local));
            assertTrue(e.getMessage().startsWith("event loop group io.netty.channel.DefaultEventLoopGroup runs neither"
                    + " NIO nor epoll"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ChannelTypes.datagram(local.next()));
        } finally {
            shutdown(local);
        }
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

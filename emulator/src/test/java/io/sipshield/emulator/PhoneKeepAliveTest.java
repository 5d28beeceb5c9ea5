package io.sipshield.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Phone#sendKeepAlive()} refuses without a connection. The keep-alive on a live connection
 * is exercised end to end by the harness's LoadRunTest (CRLF pings counted against the mock).
 */
class PhoneKeepAliveTest {

    @Test
    void aPhoneThatNeverConnectedIsNotConnectedAndSendsNoKeepAlive() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("1000", "pass1000").serverAddress(new InetSocketAddress("127.0.0.1", 5061)).build(), group)) {
            assertFalse(phone.connected());
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> phone.sendKeepAlive().get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failure.getCause());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}

package io.sipshield.harness.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready when {@code host:port} accepts a TCP connection: for a container on the host's network, where
 * Testcontainers' own port check (mapped ports) does not apply. Times out with what was awaited.
 */
final class TcpPortWaitStrategy extends AbstractWaitStrategy {

    private final String host;
    private final int port;

    TcpPortWaitStrategy(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    protected void waitUntilReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("the Asterisk container stopped before " + host + ":" + port
                        + " accepted a connection; its log:\n" + waitStrategyTarget.getLogs());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    TimeUnit.MILLISECONDS.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerLaunchException("interrupted waiting for " + host + ":" + port);
                }
            }
        }
        throw new ContainerLaunchException("Timed out waiting for " + host + ":" + port + " to accept a TCP connection ("
                + startupTimeout.toSeconds() + " s); the container's log:\n" + waitStrategyTarget.getLogs());
    }
}

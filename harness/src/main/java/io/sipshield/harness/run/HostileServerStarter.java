package io.sipshield.harness.run;

import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.fault.EndlessHeader;
import io.sipshield.emulator.fault.GarbageAfterHandshake;
import io.sipshield.emulator.fault.ManySans;
import io.sipshield.emulator.fault.OversizedChain;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.harness.mock.hostile.HostileTlsServer;
import io.sipshield.harness.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * Starts the {@link HostileTlsServer} a scenario asks for with a hostile fault in {@code setup.faults}
 * (oversized-chain, many-sans, endless-header, garbage-after-handshake): the phones then talk to it
 * instead of the mock, since the mock plays Asterisk and Asterisk does none of these. Its certificates
 * are issued under the fixture {@code test-root}, so a phone that trusts {@code test-root} is judged
 * by its limits, not by an unknown issuer.
 */
final class HostileServerStarter {

    private final FixtureCatalog fixtures;
    private final EventLoopGroup group;

    HostileServerStarter(FixtureCatalog fixtures, EventLoopGroup group) {
        this.fixtures = fixtures;
        this.group = group;
    }

    /** Whether a fault is one a hostile server plays rather than the mock. */
    static boolean hostile(ServerFault fault) {
        return fault instanceof OversizedChain || fault instanceof ManySans || fault instanceof EndlessHeader
                || fault instanceof GarbageAfterHandshake;
    }

    /**
     * The hostile server for the scenario's hostile fault, started; empty when it has none.
     *
     * @throws IllegalArgumentException naming the file when it has more than one, or mixes one with
     *                                  faults the mock plays
     */
    Optional<HostileTlsServer> start(Scenario scenario) {
        List<ServerFault> faults = scenario.setup().serverFaults();
        List<ServerFault> hostile = faults.stream().filter(HostileServerStarter::hostile).toList();
        if (hostile.isEmpty()) {
            return Optional.empty();
        }
        if (hostile.size() > 1 || faults.size() > hostile.size()) {
            throw new IllegalArgumentException(scenario.file() + ": setup.faults: a hostile server plays one fault "
                    + "alone; got " + faults.stream().map(ServerFault::name).toList()
                    + " (give oversized-chain, many-sans, endless-header or garbage-after-handshake on its own)");
        }
        return Optional.of(HostileTlsServer.builder(hostile.get(0)).issuer(fixtures.get(FixtureName.TEST_ROOT))
                .bindAddress("127.0.0.1").eventLoopGroup(group).build().start());
    }
}

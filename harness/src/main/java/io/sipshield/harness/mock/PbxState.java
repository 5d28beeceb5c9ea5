package io.sipshield.harness.mock;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every connection of one mock shares: configuration (with rtp.conf's RTCP interval), the
 * registrar, the event loops media runs on, where received requests are recorded, and how long
 * each extension waits before it answers, which extensions Dial() an endpoint, and the routing of
 * SIP between connections that bridged calls need.
 */
record PbxState(Map<String, MockEndpoint> endpoints, Map<String, DialplanApp> extensions, Registrar registrar,
                String realm, String userAgent, EventLoopGroup group, Consumer<RecordedSipRequest> recorder,
                Clock clock, Duration rtcpInterval, Map<String, Duration> answerDelays,
                Map<String, String> dialTargets, SipRouting routing) {
}

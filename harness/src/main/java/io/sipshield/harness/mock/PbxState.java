package io.sipshield.harness.mock;

import io.netty.channel.EventLoopGroup;
import io.sipshield.harness.mock.dialplan.Dialplan;
import io.sipshield.harness.mock.dialplan.PromptLibrary;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every connection of one mock shares: configuration (with rtp.conf's RTCP interval), the
 * registrar, the event loops media runs on, where received requests are recorded, the dialplan
 * and the prompts its Playback() finds, and the routing of SIP between connections that bridged
 * calls need, the counts of received SRTP packets by outcome, and the mock's own log ({@link PbxLog}).
 */
record PbxState(Map<String, MockEndpoint> endpoints, Dialplan dialplan, PromptLibrary prompts, Registrar registrar,
                String realm, String userAgent, EventLoopGroup group, Consumer<RecordedSipRequest> recorder,
                Clock clock, Duration rtcpInterval, SipRouting routing, ActiveChannels channels,
                SrtpReceiveCounts srtpReceived, PbxLog log) {
}

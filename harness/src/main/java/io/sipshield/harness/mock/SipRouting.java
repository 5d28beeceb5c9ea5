package io.sipshield.harness.mock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Response;

/**
 * What one connection's handler must hand to another's: responses to requests the mock sent down
 * a phone's connection (a Dial()'s INVITE), and the bridges a BYE on either leg ends. Shared by
 * every connection of one mock; thread-safe.
 */
final class SipRouting {

    private final Map<String, Consumer<Response>> responseHandlers = new ConcurrentHashMap<>();
    private final Map<String, DialBridge> bridges = new ConcurrentHashMap<>();
    private final ReInviteHandler reInvites;

    /** {@code srtpReceived}: where re-keyed legs count their received SRTP packets; {@code log}: the mock's log. */
    SipRouting(SrtpReceiveCounts srtpReceived, PbxLog log) {
        this.reInvites = new ReInviteHandler(srtpReceived, log);
    }

    /** Every answered call leg's media, for the re-INVITEs its phone sends (hold, resume). */
    ReInviteHandler reInvites() {
        return reInvites;
    }

    /** Responses with this Call-ID go to {@code handler} (run on the connection's event loop that read them). */
    void expectResponses(String callId, Consumer<Response> handler) {
        responseHandlers.put(callId, handler);
    }

    void stopExpecting(String callId) {
        responseHandlers.remove(callId);
    }

    /** Hands a response to whoever expects it; false when nobody does. */
    boolean deliver(Response response) {
        Consumer<Response> handler = responseHandlers.get(callId(response));
        if (handler == null) {
            return false;
        }
        handler.accept(response);
        return true;
    }

    void bridge(DialBridge bridge) {
        bridges.put(bridge.callerCallId(), bridge);
        bridges.put(bridge.calleeCallId(), bridge);
    }

    /** Removes and returns the bridge a Call-ID belongs to (either leg), or null. */
    DialBridge endBridge(String callId) {
        DialBridge bridge = bridges.remove(callId);
        if (bridge != null) {
            bridges.remove(bridge.callerCallId());
            bridges.remove(bridge.calleeCallId());
        }
        return bridge;
    }

    static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}

package io.sipshield.harness.peers;

import java.io.IOException;
import java.util.List;

/** A peer process did not become ready: what was awaited, and the last lines it printed. */
public final class PeerLaunchException extends IOException {

    public PeerLaunchException(String name, String awaited, List<String> lastLines) {
        super(name + ": " + awaited + "\n--- last " + lastLines.size() + " lines of its output ---\n"
                + String.join("\n", lastLines));
    }
}

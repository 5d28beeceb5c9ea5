package io.sipshield.harness.scenario;

import java.util.Objects;

/** One thing a phone does during a scenario. Steps run in file order. */
public sealed interface Step permits Step.Register, Step.Call, Step.Hangup {

    /** The name of the phone that acts. */
    String phone();

    /** The phone registers with the server (RFC 3261 §10), answering a digest challenge. */
    record Register(String phone) implements Step {
        public Register {
            Objects.requireNonNull(phone, "phone");
        }
    }

    /**
     * The phone calls an extension (RFC 3261 §13) and, once answered, sends media.
     *
     * @param to    the extension dialled
     * @param media what the phone sends while the call is up
     */
    record Call(String phone, String to, MediaSpec media) implements Step {
        public Call {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(media, "media");
        }
    }

    /** The phone ends its call with BYE (RFC 3261 §15). */
    record Hangup(String phone) implements Step {
        public Hangup {
            Objects.requireNonNull(phone, "phone");
        }
    }
}

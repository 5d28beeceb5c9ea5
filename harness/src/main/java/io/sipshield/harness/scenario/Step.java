package io.sipshield.harness.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One thing that happens during a scenario. Steps run in file order; a step that sends a request may
 * state the final status it must get ({@link #expect()}), checked as {@code steps[i].<kind>}.
 */
public sealed interface Step permits Step.PhoneStep, Step.Wait {

    /** The step's key in a scenario file ({@code register}, {@code call}, {@code wait}...). */
    String kind();

    /** The final status the step's request must get, or null when the step states none. */
    default ExpectedStatus expect() {
        return null;
    }

    /** A step one phone performs. */
    sealed interface PhoneStep extends Step permits Register, Unregister, Call, Answer, Hangup, ExpectRequest, Hold,
            Resume, Reboot, FactoryReset {
        /** The name of the phone that acts. */
        String phone();
    }

    /** The phone registers with the server (RFC 3261 §10), answering a digest challenge. */
    record Register(String phone, ExpectedStatus expect) implements PhoneStep {
        public Register {
            Objects.requireNonNull(phone, "phone");
        }

        public Register(String phone) {
            this(phone, null);
        }

        @Override
        public String kind() {
            return "register";
        }
    }

    /**
     * The phone puts its current call on hold: a re-INVITE with {@code a=sendonly} (RFC 3264 §8.4), and it
     * stops sending media.
     */
    record Hold(String phone, ExpectedStatus expect) implements PhoneStep {
        public Hold {
            Objects.requireNonNull(phone, "phone");
        }

        @Override
        public String kind() {
            return "hold";
        }
    }

    /** The phone takes its current call off hold: a re-INVITE with {@code a=sendrecv}. */
    record Resume(String phone, ExpectedStatus expect) implements PhoneStep {
        public Resume {
            Objects.requireNonNull(phone, "phone");
        }

        @Override
        public String kind() {
            return "resume";
        }
    }

    /** The phone removes its binding: REGISTER with {@code Expires: 0} (RFC 3261 §10.2.2). */
    record Unregister(String phone, ExpectedStatus expect) implements PhoneStep {
        public Unregister {
            Objects.requireNonNull(phone, "phone");
        }

        @Override
        public String kind() {
            return "unregister";
        }
    }

    /**
     * The phone calls an extension (RFC 3261 §13) and, once answered, sends media if asked to.
     *
     * @param to          the extension dialled
     * @param media       what the phone sends while the call is up, or null: the call stays up, silent,
     *                    until a hangup step
     * @param expect      the INVITE's final status, or null
     * @param holdSeconds how long the call stays up after the media before the next step, 0 for none
     */
    record Call(String phone, String to, MediaSpec media, ExpectedStatus expect, double holdSeconds) implements PhoneStep {
        public Call {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(to, "to");
            if (holdSeconds < 0) {
                throw new IllegalArgumentException("holdSeconds must not be negative, was " + holdSeconds);
            }
        }

        public Call(String phone, String to, MediaSpec media) {
            this(phone, to, media, null, 0);
        }

        @Override
        public String kind() {
            return "call";
        }
    }

    /**
     * The phone answers (or rejects) its next ringing incoming call; needs {@code answer: manual}.
     *
     * @param within how long to wait for a call to ring
     * @param after  how long it rings before the phone answers
     * @param reject the status to reject with, or null to answer with 200
     */
    record Answer(String phone, Duration within, Duration after, Integer reject) implements PhoneStep {
        public Answer {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(within, "within");
            Objects.requireNonNull(after, "after");
        }

        @Override
        public String kind() {
            return "answer";
        }
    }

    /** The phone ends its call with BYE (RFC 3261 §15): the last call it placed or answered. */
    record Hangup(String phone, ExpectedStatus expect) implements PhoneStep {
        public Hangup {
            Objects.requireNonNull(phone, "phone");
        }

        public Hangup(String phone) {
            this(phone, null);
        }

        @Override
        public String kind() {
            return "hangup";
        }
    }

    /**
     * The server sends {@code method} to the phone on the phone's own connection within {@code within}.
     *
     * @param method an upper-case SIP method, like {@code OPTIONS}
     */
    record ExpectRequest(String phone, String method, Duration within) implements PhoneStep {
        public ExpectRequest {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(within, "within");
        }

        @Override
        public String kind() {
            return "expect-request";
        }
    }

    /**
     * A provisioned Cisco phone reboots (DEVICES.md §A.3): its connection and calls are dropped, it runs its
     * provisioning sequence again with its trust store kept, and its next step connects with what that boot
     * left it. The boot's outcome is checked against {@code outcome} as {@code steps[i].reboot.<field>}.
     *
     * @param provisioning the tree to boot from, or null for the phone's own ({@code setup.phones[].provisioning});
     *                     its {@code mac} and {@code factoryReset} are the phone's, never the step's
     * @param outcome      how the boot must end ({@code expect} in the file), or null
     */
    record Reboot(String phone, PhoneSpec.Provisioning provisioning, Expectations.Provisioning outcome)
            implements PhoneStep {
        public Reboot {
            Objects.requireNonNull(phone, "phone");
        }

        @Override
        public String kind() {
            return "reboot";
        }
    }

    /**
     * A provisioned Cisco phone is factory reset: its stored trust lists are deleted (the way out when the SAST
     * key is lost, DEVICES.md §A.3 [GUESS]) and it is switched off; its next step boots it again from its own
     * provisioning directory, as a first install (or a {@code reboot} step boots it from another).
     */
    record FactoryReset(String phone) implements PhoneStep {
        public FactoryReset {
            Objects.requireNonNull(phone, "phone");
        }

        @Override
        public String kind() {
            return "factory-reset";
        }
    }

    /** Nothing happens for a while. */
    record Wait(Duration duration) implements Step {
        public Wait {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a wait is not negative, was " + duration);
            }
        }

        @Override
        public String kind() {
            return "wait";
        }
    }
}

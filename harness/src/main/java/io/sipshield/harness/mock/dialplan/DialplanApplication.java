package io.sipshield.harness.mock.dialplan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A dialplan application of the mock's subset, with its arguments typed. Variables such as {@code ${EXTEN}},
 * {@code ${CALLERID(num)}} and {@code ${CHANNEL}} stay in the text for the executor to substitute.
 */
public sealed interface DialplanApplication {

    /** The application's name as Asterisk spells it. */
    String name();

    /** {@code Answer([delay])}: answers the call, after {@code delay} milliseconds. */
    record Answer(Duration delay) implements DialplanApplication {
        public Answer {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public String name() {
            return "Answer";
        }
    }

    /** {@code Echo()}: every media frame received is sent back. */
    record Echo() implements DialplanApplication {
        @Override
        public String name() {
            return "Echo";
        }
    }

    /**
     * {@code Playback(prompt[&prompt...][,options])}: plays prompts by name (app_playback.c). Options:
     * {@code noanswer} plays without answering; {@code skip} plays nothing when the channel is not up.
     *
     * @param prompts  the prompts, in order, possibly with {@code ${EXTEN}}
     * @param noAnswer the {@code noanswer} option
     * @param skip     the {@code skip} option
     */
    record Playback(List<String> prompts, boolean noAnswer, boolean skip) implements DialplanApplication {
        public Playback {
            prompts = List.copyOf(prompts);
        }

        /** Without options: the channel is answered first. */
        public Playback(List<String> prompts) {
            this(prompts, false, false);
        }

        @Override
        public String name() {
            return "Playback";
        }
    }

    /** {@code Milliwatt([options])}: a 1004 Hz tone ({@code m}: 1000 Hz, the old behaviour). */
    record Milliwatt(String options) implements DialplanApplication {
        public Milliwatt {
            Objects.requireNonNull(options, "options");
        }

        @Override
        public String name() {
            return "Milliwatt";
        }
    }

    /** {@code Playtones(tones)}: a tone list such as {@code 440/1000} or {@code 350+440}, until StopPlaytones. */
    record Playtones(String tones) implements DialplanApplication {
        public Playtones {
            Objects.requireNonNull(tones, "tones");
        }

        @Override
        public String name() {
            return "Playtones";
        }
    }

    /** {@code StopPlaytones()}. */
    record StopPlaytones() implements DialplanApplication {
        @Override
        public String name() {
            return "StopPlaytones";
        }
    }

    /** {@code Wait(seconds)}. */
    record Wait(Duration duration) implements DialplanApplication {
        public Wait {
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public String name() {
            return "Wait";
        }
    }

    /**
     * {@code Dial(PJSIP/endpoint[,timeout])}: calls another endpoint and bridges the two.
     *
     * @param endpoint the endpoint after {@code PJSIP/}, possibly {@code ${EXTEN}}
     * @param timeout how long to ring, empty for no limit
     */
    record Dial(String endpoint, Optional<Duration> timeout) implements DialplanApplication {
        public Dial {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String name() {
            return "Dial";
        }
    }

    /** {@code Hangup([cause])}: hangs up, with a Q.850 cause when given. */
    record Hangup(OptionalInt cause) implements DialplanApplication {
        public Hangup {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String name() {
            return "Hangup";
        }
    }

    /** {@code Busy([timeout])}: signals busy (486 before answer), then hangs up after the timeout if one is given. */
    record Busy(Optional<Duration> timeout) implements DialplanApplication {
        public Busy {
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String name() {
            return "Busy";
        }
    }

    /** {@code Congestion([timeout])}: signals congestion (503 before answer), then hangs up after the timeout if given. */
    record Congestion(Optional<Duration> timeout) implements DialplanApplication {
        public Congestion {
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String name() {
            return "Congestion";
        }
    }

    /** {@code NoOp(text)}: does nothing; the text is kept (a real Asterisk shows it at verbose level 3). */
    record NoOp(String text) implements DialplanApplication {
        public NoOp {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String name() {
            return "NoOp";
        }
    }
}

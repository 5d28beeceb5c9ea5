package io.sipshield.harness.run;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.SilenceSource;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.harness.scenario.MediaSpec;
import io.sipshield.harness.scenario.Step;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Performs one kind of step on a {@link ScenarioRun}. A phone step first connects the phone; when its
 * TLS connection failed the step is skipped with a note (its request gets no status).
 *
 * @param <S> the kind of step
 */
interface StepPerformer<S extends Step> {

    /** Performs {@code step}, the {@code index}th of the scenario. */
    void perform(ScenarioRun run, int index, S step) throws Exception;

    /** The performer for {@code step}'s kind. */
    static void performAny(ScenarioRun run, int index, Step step) throws Exception {
        if (step instanceof Step.Wait wait) {
            new WaitPerformer().perform(run, index, wait);
            return;
        }
        Step.PhoneStep phoneStep = (Step.PhoneStep) step;
        Phone phone = run.connected(phoneStep.phone());
        if (phone == null) {
            run.note(phoneStep.phone() + ": " + step.kind() + " skipped, no TLS connection");
            run.status(index, step.kind(), phoneStep.phone(), null, null);
            return;
        }
        if (step instanceof Step.Register register) {
            new RegisterPerformer(phone).perform(run, index, register);
        } else if (step instanceof Step.Call call) {
            new CallPerformer(phone).perform(run, index, call);
        } else if (step instanceof Step.Hangup hangup) {
            new HangupPerformer().perform(run, index, hangup);
        } else {
            throw new UnsupportedOperationException(step.kind() + " is not supported by this emulator yet");
        }
    }

    /** {@code wait}: sleeps. */
    final class WaitPerformer implements StepPerformer<Step.Wait> {
        @Override
        public void perform(ScenarioRun run, int index, Step.Wait step) throws InterruptedException {
            Thread.sleep(step.duration().toMillis());
        }
    }

    /** {@code register}: REGISTER with the phone's Expires, a digest challenge answered. */
    final class RegisterPerformer implements StepPerformer<Step.Register> {
        private final Phone phone;

        RegisterPerformer(Phone phone) {
            this.phone = phone;
        }

        @Override
        public void perform(ScenarioRun run, int index, Step.Register step) throws Exception {
            RegistrationResult result = ScenarioRun.await(phone.register(), "REGISTER");
            run.status(index, step.kind(), step.phone(), "register", result.status());
        }
    }

    /** {@code call}: INVITE; once answered, the media (if any), then {@code hold-seconds}. */
    final class CallPerformer implements StepPerformer<Step.Call> {
        private final Phone phone;

        CallPerformer(Phone phone) {
            this.phone = phone;
        }

        @Override
        public void perform(ScenarioRun run, int index, Step.Call step) throws Exception {
            Call call = ScenarioRun.await(phone.call(step.to()), "INVITE");
            run.status(index, step.kind(), step.phone(), "invite", call.status());
            if (!call.answered()) {
                return;
            }
            run.call(step.phone(), call);
            MediaSpec spec = step.media();
            if (spec != null) {
                MediaStats stats = call.sendMedia(source(spec, call.codec()), Duration.ofSeconds(spec.seconds()))
                        .get(spec.seconds() + ScenarioRun.STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                run.media(step.phone(), stats);
            }
            if (step.holdSeconds() > 0) {
                Thread.sleep(Math.round(step.holdSeconds() * 1000));
            }
        }

        private static MediaSource source(MediaSpec spec, G711 codec) {
            return switch (spec.source()) {
                case TONE, MILLIWATT -> ToneSource.milliwatt(codec);
                case SILENCE -> new SilenceSource(codec);
            };
        }
    }

    /** {@code hangup}: BYE on the phone's current call. */
    final class HangupPerformer implements StepPerformer<Step.Hangup> {
        @Override
        public void perform(ScenarioRun run, int index, Step.Hangup step) throws Exception {
            Call call = run.takeCall(step.phone());
            if (call == null || !call.answered()) {
                run.note(step.phone() + ": hangup with no answered call");
                run.status(index, step.kind(), step.phone(), null, null);
                return;
            }
            run.status(index, step.kind(), step.phone(), "bye", ScenarioRun.await(call.hangup(), "BYE"));
        }
    }
}

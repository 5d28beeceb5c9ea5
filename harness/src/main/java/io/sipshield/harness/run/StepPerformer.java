package io.sipshield.harness.run;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.IncomingCall;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        if (step instanceof Step.Reboot reboot) {
            run.reboot(index, reboot);
            return;
        }
        if (step instanceof Step.FactoryReset reset) {
            run.factoryReset(reset);
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
        } else if (step instanceof Step.Unregister unregister) {
            new UnregisterPerformer(phone).perform(run, index, unregister);
        } else if (step instanceof Step.Answer answer) {
            new AnswerPerformer(phone).perform(run, index, answer);
        } else if (step instanceof Step.ExpectRequest request) {
            new ExpectRequestPerformer(phone).perform(run, index, request);
        } else if (step instanceof Step.Hold hold) {
            new ReInvitePerformer(true).perform(run, index, hold);
        } else if (step instanceof Step.Resume resume) {
            new ReInvitePerformer(false).perform(run, index, resume);
        }
    }

    /**
     * {@code hold} / {@code resume}: a re-INVITE on the phone's current call ({@link Call#hold()},
     * {@link Call#resume()}); the direction the other side answered is noted.
     */
    final class ReInvitePerformer implements StepPerformer<Step.PhoneStep> {
        private final boolean hold;

        ReInvitePerformer(boolean hold) {
            this.hold = hold;
        }

        @Override
        public void perform(ScenarioRun run, int index, Step.PhoneStep step) throws Exception {
            Call call = run.currentCall(step.phone());
            if (call == null || !call.answered()) {
                run.note(step.phone() + ": " + step.kind() + " with no answered call");
                run.status(index, step.kind(), step.phone(), null, null);
                return;
            }
            String what = "re-INVITE (" + step.kind() + ")";
            Optional<Integer> status = run.awaitAnswer(hold ? call.hold() : call.resume(), what, step.phone());
            run.status(index, step.kind(), step.phone(), null, status.orElse(null));
            if (status.isPresent() && status.get() / 100 == 2) {
                run.note(step.phone() + ": " + step.kind() + " answered a=" + call.remoteDirection().attribute());
            }
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
            Optional<RegistrationResult> result = run.awaitAnswer(phone.register(), "REGISTER", step.phone());
            run.status(index, step.kind(), step.phone(), "register", result.map(RegistrationResult::status).orElse(null));
        }
    }

    /** {@code call}: INVITE; once answered, the media (if any), then {@code hold-seconds}. */
    final class CallPerformer implements StepPerformer<Step.Call> {
        private final Phone phone;

        CallPerformer(Phone phone) {
            this.phone = phone;
        }

        /**
         * Sends the INVITE. When the next step is an {@code answer}, the call is completed after that step
         * (the callee rings until it answers); otherwise now.
         */
        @Override
        public void perform(ScenarioRun run, int index, Step.Call step) throws Exception {
            CompletableFuture<Call> invite = phone.call(step.to());
            List<Step> steps = run.scenario().steps();
            if (index + 1 < steps.size() && steps.get(index + 1) instanceof Step.Answer) {
                run.after(index + 1, () -> complete(run, index, step, invite));
                return;
            }
            complete(run, index, step, invite);
        }

        private static void complete(ScenarioRun run, int index, Step.Call step, CompletableFuture<Call> invite)
                throws Exception {
            Optional<Call> answered = run.awaitAnswer(invite, "INVITE", step.phone());
            if (answered.isEmpty()) {
                run.status(index, step.kind(), step.phone(), "invite", null);
                return;
            }
            Call call = answered.get();
            run.status(index, step.kind(), step.phone(), "invite", call.status());
            if (!call.answered()) {
                return;
            }
            run.call(step.phone(), call);
            MediaSpec spec = step.media();
            if (spec != null) {
                MediaStats stats = call.sendMedia(source(spec, call.codec()), Duration.ofSeconds(spec.seconds()))
                        .get(spec.seconds() + ScenarioRun.STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                run.media(step.phone(), stats, call.mediaTimeline(), call.mediaImpairment());
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

    /** {@code unregister}: REGISTER with {@code Expires: 0} for the phone's contact. */
    final class UnregisterPerformer implements StepPerformer<Step.Unregister> {
        private final Phone phone;

        UnregisterPerformer(Phone phone) {
            this.phone = phone;
        }

        @Override
        public void perform(ScenarioRun run, int index, Step.Unregister step) throws Exception {
            Optional<RegistrationResult> result = run.awaitAnswer(phone.unregister(), "REGISTER (Expires: 0)",
                    step.phone());
            run.status(index, step.kind(), step.phone(), "unregister",
                    result.map(RegistrationResult::status).orElse(null));
        }
    }

    /**
     * {@code answer}: the phone's next ringing call (it rings, {@code answer: manual}) is answered with
     * 200, or rejected, {@code after} seconds after it rang. None ringing within {@code within} is an
     * error of the step.
     */
    final class AnswerPerformer implements StepPerformer<Step.Answer> {
        private final Phone phone;

        AnswerPerformer(Phone phone) {
            this.phone = phone;
        }

        @Override
        public void perform(ScenarioRun run, int index, Step.Answer step) throws Exception {
            IncomingCall ringing;
            try {
                ringing = phone.nextIncomingCall(step.within()).get(step.within().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("steps[" + index + "].answer: no call rang " + step.phone() + " within "
                        + ScenarioRunner.describe(step.within()), e);
            }
            Thread.sleep(step.after().toMillis());
            if (step.reject() != null) {
                ScenarioRun.await(ringing.reject(step.reject()), step.phone() + " rejecting the call");
                run.status(index, step.kind(), step.phone(), null, step.reject());
                return;
            }
            Call call = ScenarioRun.await(ringing.answer(), step.phone() + " answering the call");
            run.call(step.phone(), call);
            run.status(index, step.kind(), step.phone(), null, call.status());
        }
    }

    /** {@code expect-request}: waits for the server to send {@code method} on the phone's connection. */
    final class ExpectRequestPerformer implements StepPerformer<Step.ExpectRequest> {
        private final Phone phone;

        ExpectRequestPerformer(Phone phone) {
            this.phone = phone;
        }

        @Override
        public void perform(ScenarioRun run, int index, Step.ExpectRequest step) throws Exception {
            String received;
            try {
                received = phone.awaitRequest(step.method(), step.within())
                        .get(step.within().toMillis() + 5_000, TimeUnit.MILLISECONDS).method();
            } catch (ExecutionException | TimeoutException e) {
                received = null;
                run.note(step.phone() + ": no " + step.method() + " within " + ScenarioRunner.describe(step.within()));
            }
            run.received(index, step.phone(), received);
        }
    }
}

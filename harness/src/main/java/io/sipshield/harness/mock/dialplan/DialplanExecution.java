package io.sipshield.harness.mock.dialplan;

import io.netty.util.concurrent.ScheduledFuture;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.harness.mock.PbxLog;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One call's way through its extension's priorities, as main/pbx.c's {@code __ast_pbx_run} runs
 * them: one application after the other, each returning when done, on the connection's event loop
 * (timers from its scheduler: no thread per call, nothing blocks). Applications that never return in
 * Asterisk (Echo, Milliwatt, Busy and Congestion without timeout) hold the call until the phone
 * hangs up. After the last priority comes autofallthrough (pbx.c, {@code autofallthrough=yes}, the
 * default): an answered channel is hung up (BYE); an unanswered one gets the indication its
 * DIALSTATUS asks for: BUSY 486, CONGESTION and CHANUNAVAIL 503 ({@code indicate_busy},
 * {@code indicate_congestion}), anything else a hangup with the channel's cause (a failed
 * Dial()'s, else 16, which chan_pjsip answers 603). {@link #stop()} (BYE, CANCEL, the connection
 * closed) ends it wherever it is. A Dial() that bridges hands the call to the bridge: the dialplan
 * ends there and the caller is hung up when the bridge ends (no {@code g} option).
 *
 * <p>Before the channel is answered there is no early media (the mock never sends 183 Session
 * Progress; Asterisk would need Progress() for it): Playtones() before Answer() waits and starts
 * when the channel is answered, Playback(...,noanswer) only takes its time, Echo() echoes nothing.
 * [GUESS] for the last two: without early media the caller hears nothing in Asterisk either.
 */
public final class DialplanExecution {


    private final String extension;
    private final List<DialplanApplication> priorities;
    private final DialplanCall call;
    private final PromptLibrary prompts;
    private final PbxLog.Writer log;
    private int next;
    private boolean over;
    private ScheduledFuture<?> timer;
    private DialStatus dialStatus;
    /** The channel's hangup cause so far (a failed Dial() leaves its own), 0 for none. */
    private int hangupCause;
    private ToneList tonesOnAnswer;

    /**
     * @param extension  the dialled extension, {@code ${EXTEN}}
     * @param priorities what it runs, in order
     * @param log        the mock's log, where Asterisk's app lines go
     */
    public DialplanExecution(String extension, List<DialplanApplication> priorities, DialplanCall call,
                             PromptLibrary prompts, PbxLog log) {
        if (priorities.isEmpty()) {
            throw new IllegalArgumentException("extension " + extension + " has no priority to run");
        }
        this.extension = extension;
        this.priorities = List.copyOf(priorities);
        this.call = call;
        this.prompts = prompts;
        this.log = log.writer(DialplanExecution.class);
    }

    /** Runs priority 1; on the call's event loop. */
    public void start() {
        step();
    }

    /** Whether the dialplan has ended (hung up, stopped or handed to a bridge). */
    public boolean over() {
        return over;
    }

    /** DIALSTATUS of the last Dial() that did not bridge, if any. */
    public Optional<DialStatus> dialStatus() {
        return Optional.ofNullable(dialStatus);
    }

    /** The phone hung up (BYE, CANCEL) or the connection closed: timers cancelled, media stopped. */
    public void stop() {
        if (over) {
            return;
        }
        finish();
        call.stopDialling();
    }

    private void step() {
        if (over) {
            return;
        }
        if (next >= priorities.size()) {
            fallThrough();
            return;
        }
        DialplanApplication app = priorities.get(next++);
        log.debug("extension {} priority {}: {}", extension, next, app);
        run(app);
    }

    private void run(DialplanApplication app) {
        if (app instanceof DialplanApplication.Answer answer) {
            if (call.up()) {
                // pbx_builtin_answer: an answered channel does not wait the delay
                step();
            } else {
                answered(() -> after(answer.delay(), this::step));
            }
        } else if (app instanceof DialplanApplication.Echo) {
            if (call.up()) {
                call.media().echo();
            }
        } else if (app instanceof DialplanApplication.Playback playback) {
            playback(playback);
        } else if (app instanceof DialplanApplication.Milliwatt milliwatt) {
            answered(() -> call.media().generate(MilliwattSource.of(milliwatt.options(), call.media().codec())));
        } else if (app instanceof DialplanApplication.Playtones playtones) {
            ToneList tones = ToneList.parse(playtones.tones());
            if (call.up()) {
                call.media().generate(new ToneGenerator(tones, ToneGenerator.DEFAULT_VOLUME, call.media().codec()));
            } else {
                tonesOnAnswer = tones;
            }
            step();
        } else if (app instanceof DialplanApplication.StopPlaytones) {
            tonesOnAnswer = null;
            if (call.up()) {
                call.media().stopGenerator();
            }
            step();
        } else if (app instanceof DialplanApplication.Wait wait) {
            after(wait.duration(), this::step);
        } else if (app instanceof DialplanApplication.Dial dial) {
            call.dial(substitute(dial.endpoint()), dial.timeout(), failure -> {
                dialStatus = failure.status();
                hangupCause = failure.cause();
                log.info("extension {}: Dial(PJSIP/{}) did not bridge, DIALSTATUS={}, cause {}", extension,
                        substitute(dial.endpoint()), failure.status(), failure.cause());
                step();
            });
        } else if (app instanceof DialplanApplication.Hangup hangup) {
            // pbx_builtin_hangup: without a cause the channel's own (a failed Dial()'s), else normal clearing
            hangUp(hangup.cause().orElse(channelCause()));
        } else if (app instanceof DialplanApplication.Busy busy) {
            indicate(486, ToneList.US_BUSY, busy.timeout());
        } else if (app instanceof DialplanApplication.Congestion congestion) {
            indicate(503, ToneList.US_CONGESTION, congestion.timeout());
        } else if (app instanceof DialplanApplication.NoOp noOp) {
            log.info("extension {}: NoOp({})", extension, substitute(noOp.text()));
            step();
        } else {
            throw new IllegalStateException("no executor for " + app.name());
        }
    }

    /**
     * app_playback.c: answers unless up (or {@code noanswer}; {@code skip} plays nothing on a
     * channel not up), plays each prompt in turn; a prompt that cannot be found is a warning and
     * the next one plays ("Playback failed on ..."), and the dialplan goes on either way.
     */
    private void playback(DialplanApplication.Playback playback) {
        if (!call.up() && playback.skip()) {
            step();
            return;
        }
        Iterator<String> names = playback.prompts().stream().map(this::substitute).iterator();
        if (!call.up() && playback.noAnswer()) {
            long frames = 0;
            while (names.hasNext()) {
                String name = names.next();
                frames += prompts.find(name, G711.PCMU).map(Prompt::frames).orElse(0);
            }
            after(Duration.ofMillis(frames * 20), this::step);
            return;
        }
        answered(() -> playNext(names));
    }

    private void playNext(Iterator<String> names) {
        if (over) {
            return;
        }
        if (!names.hasNext()) {
            step();
            return;
        }
        String name = names.next();
        Optional<Prompt> prompt = prompts.find(name, call.media().codec());
        if (prompt.isEmpty()) {
            log.warn("extension {}: Playback failed for '{}': no such prompt (built in: beep, silence/1..10)",
                    extension, name);
            playNext(names);
            return;
        }
        call.media().play(prompt.get().source(), prompt.get().frames(), () -> playNext(names));
    }

    /**
     * Busy()/Congestion(): chan_pjsip_indicate answers an unanswered channel's INVITE 486/503;
     * on an answered one it declines, so the core plays the zone's tone (us: busy, congestion
     * from indications.conf) until the timeout, then the application hangs up; without a timeout
     * it waits for the phone to hang up.
     */
    private void indicate(int status, ToneList tones, Optional<Duration> timeout) {
        if (!call.up()) {
            call.reject(status);
            finish();
            return;
        }
        call.media().generate(new ToneGenerator(tones, ToneGenerator.DEFAULT_VOLUME, call.media().codec()));
        timeout.ifPresent(t -> after(t, () -> hangUp(HangupCauses.NORMAL_CLEARING)));
    }

    /** Hangup(cause): BYE when answered, else the final response chan_pjsip maps the cause to. */
    private void hangUp(int cause) {
        if (call.up()) {
            call.bye();
        } else {
            call.reject(HangupCauses.sipStatus(cause));
        }
        finish();
    }

    private void fallThrough() {
        log.info("Auto fallthrough, extension {} status is '{}'", extension,
                dialStatus == null ? "UNKNOWN" : dialStatus);
        if (call.up()) {
            hangUp(HangupCauses.NORMAL_CLEARING);
        } else if (dialStatus == DialStatus.BUSY) {
            call.reject(486);
            finish();
        } else if (dialStatus == DialStatus.CONGESTION || dialStatus == DialStatus.CHANUNAVAIL) {
            call.reject(503);
            finish();
        } else {
            hangUp(channelCause());
        }
    }

    private int channelCause() {
        return hangupCause > 0 ? hangupCause : HangupCauses.NORMAL_CLEARING;
    }

    /** Answers when not up, starts Playtones() given before the answer, then runs {@code then}. */
    private void answered(Runnable then) {
        if (call.up()) {
            then.run();
            return;
        }
        call.answer(() -> {
            if (over) {
                return;
            }
            if (tonesOnAnswer != null) {
                call.media().generate(new ToneGenerator(tonesOnAnswer, ToneGenerator.DEFAULT_VOLUME,
                        call.media().codec()));
                tonesOnAnswer = null;
            }
            then.run();
        });
    }

    private void after(Duration delay, Runnable then) {
        if (delay.isZero()) {
            then.run();
            return;
        }
        timer = call.executor().schedule(() -> {
            timer = null;
            if (!over) {
                then.run();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish() {
        over = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (call.up() && call.media() != null) {
            call.media().stopGenerator();
        }
    }

    /** {@code ${EXTEN}} is the dialled extension; other variables stay as written. */
    private String substitute(String text) {
        return text.replace("${EXTEN}", extension);
    }
}

package io.sipshield.harness.scenario;

import io.sipshield.harness.scenario.NodeReader.Fields;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code steps}: each a one-key mapping whose value is a phone name or a mapping with
 * {@code phone} and the step's options.
 */
final class StepReader {

    /** How long {@code expect-request} waits when the scenario does not say. */
    static final Duration DEFAULT_REQUEST_WITHIN = Duration.ofSeconds(10);
    /** How long {@code answer} waits for a call to ring when the scenario does not say. */
    static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(5);

    private final NodeReader reader;
    private final ExpectationReader expectations;
    private final Setup setup;

    StepReader(NodeReader reader, ExpectationReader expectations, Setup setup) {
        this.reader = reader;
        this.expectations = expectations;
        this.setup = setup;
    }

    List<Step> steps(YamlNode node) throws ScenarioFileException {
        String expected = "a list of steps (" + String.join(", ", ScenarioKeys.STEP) + ")";
        List<YamlNode> items = reader.list(node, "steps", expected);
        if (items.isEmpty()) {
            throw reader.error(node.mark(), "steps", "no step", expected);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            steps.add(step(items.get(i), "steps[" + i + "]"));
        }
        return steps;
    }

    private Step step(YamlNode node, String field) throws ScenarioFileException {
        String kinds = "one of: " + String.join(", ", ScenarioKeys.STEP);
        reader.mapping(node, field, ScenarioKeys.STEP);
        List<Entry> entries = ((Mapping) node).entries();
        if (entries.isEmpty()) {
            throw reader.error(node.mark(), field, "an empty step", kinds);
        }
        if (entries.size() > 1) {
            Entry second = entries.get(1);
            throw reader.error(second.keyMark(), field, "a second step kind '" + second.key() + "'",
                    "one step per list item");
        }
        Entry entry = entries.get(0);
        String kindField = field + "." + entry.key();
        YamlNode value = entry.value();
        return switch (entry.key()) {
            case "register" -> {
                PhoneAndStatus step = phoneStep(value, kindField);
                yield new Step.Register(step.phone(), step.expect());
            }
            case "unregister" -> {
                PhoneAndStatus step = phoneStep(value, kindField);
                yield new Step.Unregister(step.phone(), step.expect());
            }
            case "hangup" -> {
                PhoneAndStatus step = phoneStep(value, kindField);
                yield new Step.Hangup(step.phone(), step.expect());
            }
            case "hold" -> {
                PhoneAndStatus step = phoneStep(value, kindField);
                yield new Step.Hold(step.phone(), step.expect());
            }
            case "resume" -> {
                PhoneAndStatus step = phoneStep(value, kindField);
                yield new Step.Resume(step.phone(), step.expect());
            }
            case "wait" -> new Step.Wait(seconds(reader.number(value, kindField, 0, 3600)));
            case "answer" -> answer(value, kindField);
            case "expect-request" -> expectRequest(value, kindField);
            case "reboot" -> reboot(value, kindField);
            case "factory-reset" -> factoryReset(value, kindField);
            default -> call(value, kindField);
        };
    }

    private record PhoneAndStatus(String phone, ExpectedStatus expect) {
    }

    /** {@code alice} or {@code { phone: alice, expect: 200 }}. */
    private PhoneAndStatus phoneStep(YamlNode node, String field) throws ScenarioFileException {
        if (!(node instanceof Mapping)) {
            return new PhoneAndStatus(phoneName(node, field), null);
        }
        Fields step = reader.mapping(node, field, ScenarioKeys.PHONE_STEP);
        String phone = phoneName(step.required("phone", "the name of the phone"), field + ".phone");
        return new PhoneAndStatus(phone, status(step));
    }

    private ExpectedStatus status(Fields step) throws ScenarioFileException {
        Optional<YamlNode> node = step.optional("expect");
        return node.isEmpty() ? null : expectations.status(node.get(), step.field("expect"));
    }

    private Step call(YamlNode node, String field) throws ScenarioFileException {
        Fields call = reader.mapping(node, field, ScenarioKeys.CALL);
        String phone = phoneName(call.required("phone", "the name of the calling phone"), field + ".phone");
        String to = call.requiredString("to", "the extension dialled, like \"600\"");
        Optional<YamlNode> mediaNode = call.optional("media");
        MediaSpec media = mediaNode.isEmpty() ? null : media(mediaNode.get(), field + ".media");
        Optional<YamlNode> holdNode = call.optional("hold-seconds");
        double hold = holdNode.isEmpty() ? 0 : reader.number(holdNode.get(), call.field("hold-seconds"), 0, 3600);
        return new Step.Call(phone, to, media, status(call), hold);
    }

    private MediaSpec media(YamlNode node, String field) throws ScenarioFileException {
        Fields media = reader.mapping(node, field, ScenarioKeys.MEDIA);
        MediaSpec.Source source = MediaSpec.DEFAULT.source();
        Optional<YamlNode> sourceNode = media.optional("source");
        if (sourceNode.isPresent()) {
            source = reader.keyword(sourceNode.get(), field + ".source", MediaSpec.Source.values(),
                    MediaSpec.Source::keyword);
        }
        int seconds = MediaSpec.DEFAULT.seconds();
        Optional<YamlNode> secondsNode = media.optional("seconds");
        if (secondsNode.isPresent()) {
            seconds = (int) reader.integer(secondsNode.get(), field + ".seconds", 1, 3600);
        }
        return new MediaSpec(source, seconds);
    }

    private Step answer(YamlNode node, String field) throws ScenarioFileException {
        if (!(node instanceof Mapping)) {
            String phone = phoneName(node, field);
            requireManual(node, field, phone);
            return new Step.Answer(phone, DEFAULT_ANSWER_WITHIN, Duration.ZERO, null);
        }
        Fields answer = reader.mapping(node, field, ScenarioKeys.ANSWER);
        YamlNode phoneNode = answer.required("phone", "the name of the answering phone");
        String phone = phoneName(phoneNode, field + ".phone");
        requireManual(phoneNode, field + ".phone", phone);
        Optional<YamlNode> within = answer.optional("within");
        Optional<YamlNode> after = answer.optional("after");
        Optional<YamlNode> reject = answer.optional("reject");
        return new Step.Answer(phone,
                within.isEmpty() ? DEFAULT_ANSWER_WITHIN : seconds(reader.number(within.get(), answer.field("within"), 0, 3600)),
                after.isEmpty() ? Duration.ZERO : seconds(reader.number(after.get(), answer.field("after"), 0, 3600)),
                reject.isEmpty() ? null : (int) reader.integer(reject.get(), answer.field("reject"), 400, 699));
    }

    private void requireManual(YamlNode node, String field, String phone) throws ScenarioFileException {
        if (setup.phone(phone).orElseThrow().answer() != PhoneSpec.AnswerMode.MANUAL) {
            throw reader.error(node.mark(), field, "phone '" + phone + "' answers by itself",
                    "a phone with answer: manual in setup.phones");
        }
    }

    private Step expectRequest(YamlNode node, String field) throws ScenarioFileException {
        Fields request = reader.mapping(node, field, ScenarioKeys.EXPECT_REQUEST);
        String phone = phoneName(request.required("phone", "the name of the phone"), field + ".phone");
        String expected = "an upper-case SIP method, like OPTIONS, INVITE, BYE or NOTIFY";
        YamlNode methodNode = request.required("method", expected);
        String method = reader.string(methodNode, request.field("method"), expected);
        if (!method.matches("[A-Z]+")) {
            throw reader.error(methodNode.mark(), request.field("method"), "bad method '" + method + "'", expected);
        }
        Optional<YamlNode> within = request.optional("within");
        return new Step.ExpectRequest(phone, method, within.isEmpty() ? DEFAULT_REQUEST_WITHIN
                : seconds(reader.number(within.get(), request.field("within"), 0, 3600)));
    }

    /**
     * {@code reboot: desk} or {@code { phone: desk, provisioning: DIR | { directory, https-certificate },
     * expect: { trust-list, config, itl, ctl-records, sast, lists } }}; the phone must be provisioned.
     */
    private Step reboot(YamlNode node, String field) throws ScenarioFileException {
        if (!(node instanceof Mapping)) {
            return new Step.Reboot(provisionedPhone(node, field), null, null);
        }
        Fields reboot = reader.mapping(node, field, ScenarioKeys.REBOOT);
        String phone = provisionedPhone(reboot.required("phone", "the name of a provisioned phone"), field + ".phone");
        PhoneSpec spec = setup.phone(phone).orElseThrow();
        Optional<YamlNode> directoryNode = reboot.optional("provisioning");
        PhoneSpec.Provisioning provisioning = null;
        if (directoryNode.isPresent()) {
            ProvisioningReader.Directory directory = ProvisioningReader.directory(reader, directoryNode.get(),
                    reboot.field("provisioning"));
            provisioning = new PhoneSpec.Provisioning(directory.path(), directory.httpsCertificate(),
                    spec.provisioning().mac(), spec.provisioning().factoryReset());
        }
        Optional<YamlNode> expect = reboot.optional("expect");
        return new Step.Reboot(phone, provisioning, expect.isEmpty() ? null
                : ProvisioningReader.expectation(reader, expect.get(), reboot.field("expect"), spec));
    }

    /** {@code factory-reset: desk} or {@code { phone: desk }}; the phone must be provisioned. */
    private Step factoryReset(YamlNode node, String field) throws ScenarioFileException {
        if (!(node instanceof Mapping)) {
            return new Step.FactoryReset(provisionedPhone(node, field));
        }
        Fields reset = reader.mapping(node, field, ScenarioKeys.FACTORY_RESET);
        return new Step.FactoryReset(provisionedPhone(reset.required("phone", "the name of a provisioned phone"),
                field + ".phone"));
    }

    /** A phone of the setup that boots from a provisioning server (only those have a trust store to keep). */
    private String provisionedPhone(YamlNode node, String field) throws ScenarioFileException {
        String phone = phoneName(node, field);
        if (setup.phone(phone).orElseThrow().provisioning() == null) {
            throw reader.error(node.mark(), field, "phone '" + phone + "' has no provisioning to boot from",
                    "a phone with provisioning: DIR in setup.phones");
        }
        return phone;
    }

    private String phoneName(YamlNode node, String field) throws ScenarioFileException {
        String declared = setup.phones().stream().map(PhoneSpec::name).collect(Collectors.joining(", "));
        String name = reader.string(node, field, "the name of a phone in setup.phones: " + declared);
        if (setup.phone(name).isEmpty()) {
            throw reader.error(node.mark(), field, "unknown phone '" + name + "'", "one of: " + declared);
        }
        return name;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}

package io.sipshield.harness.scenario;

import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.ua.ReconnectPolicy;
import io.sipshield.harness.scenario.NodeReader.Fields;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a phone's {@code reconnect} ({@code none}, {@code rfc5626}, or
 * {@code { base-time: SECONDS, max-time: SECONDS, max-attempts: N }}) and {@code transaction-timeout}
 * (seconds).
 */
final class PhoneRecoveryReader {

    private static final String EXPECTED = "none, rfc5626, or a mapping like { base-time: 0.2, max-time: 2 }";

    private PhoneRecoveryReader() {
    }

    static PhoneRecovery read(NodeReader reader, Fields phone) throws ScenarioFileException {
        ReconnectPolicy policy = ReconnectPolicy.NONE;
        Optional<YamlNode> node = phone.optional("reconnect");
        if (node.isPresent()) {
            policy = policy(reader, node.get(), phone.field("reconnect"));
        }
        Duration timeout = PhoneSettings.DEFAULT_TRANSACTION_TIMEOUT;
        Optional<YamlNode> timeoutNode = phone.optional("transaction-timeout");
        if (timeoutNode.isPresent()) {
            double seconds = reader.number(timeoutNode.get(), phone.field("transaction-timeout"), 0.01, 3600);
            timeout = Duration.ofMillis(Math.round(seconds * 1000));
        }
        return new PhoneRecovery(policy, timeout);
    }

    private static ReconnectPolicy policy(NodeReader reader, YamlNode node, String field) throws ScenarioFileException {
        if (node instanceof YamlNode.Scalar scalar && !scalar.isEmpty()) {
            return switch (scalar.text()) {
                case "none" -> ReconnectPolicy.NONE;
                case "rfc5626" -> ReconnectPolicy.rfc5626();
                default -> throw reader.error(node.mark(), field, "unknown policy '" + scalar.text() + "'", EXPECTED);
            };
        }
        if (!(node instanceof YamlNode.Mapping)) {
            throw reader.wrongType(node, field, EXPECTED);
        }
        Fields fields = reader.mapping(node, field, ScenarioKeys.RECONNECT);
        YamlNode base = fields.required("base-time", "seconds, like 0.2 (RFC 5626: 30)");
        YamlNode max = fields.required("max-time", "seconds, like 2 (RFC 5626: 1800)");
        Duration baseTime = Duration.ofMillis(Math.round(reader.number(base, fields.field("base-time"), 0.001, 86_400) * 1000));
        Duration maxTime = Duration.ofMillis(Math.round(reader.number(max, fields.field("max-time"), 0.001, 86_400) * 1000));
        int attempts = 0;
        Optional<YamlNode> attemptsNode = fields.optional("max-attempts");
        if (attemptsNode.isPresent()) {
            attempts = (int) reader.integer(attemptsNode.get(), fields.field("max-attempts"), 0, 1_000_000);
        }
        try {
            return ReconnectPolicy.of(baseTime, maxTime).withMaxAttempts(attempts);
        } catch (IllegalArgumentException e) {
            throw reader.error(node.mark(), field, e.getMessage(), EXPECTED + ", max-time at least base-time");
        }
    }
}

package io.sipshield.harness.scenario;

/**
 * What must become of a phone's connection ({@code expect.connection}, {@code expect.phones.<name>.connection}):
 * how often it failed, whether the phone recovered every time (reconnected and registered again,
 * RFC 5626 §4.5), how many calls the failures ended, and a text the first failure's cause contains.
 * Every field optional, one stated.
 *
 * @param drops         how many times the connection failed under the registered phone, exactly
 * @param recovered     true: every failure was recovered; false: at least one was not
 * @param callsEnded    calls the failures ended, all together
 * @param causeContains a text the first failure's cause contains, like "reset" or "Timer F"
 */
public record ConnectionExpectation(Integer drops, Boolean recovered, Integer callsEnded, String causeContains) {

    public ConnectionExpectation {
        if (drops == null && recovered == null && callsEnded == null && causeContains == null) {
            throw new IllegalArgumentException("expect.connection states nothing");
        }
    }
}

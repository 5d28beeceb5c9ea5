package io.sipshield.harness.load;

import java.time.Duration;

/**
 * One sample of a run's state for the chart.
 *
 * @param at         time since the run started
 * @param registered phones registered at that moment
 * @param inCall     phones in an answered call at that moment
 */
public record TimelinePoint(Duration at, long registered, long inCall) {
}

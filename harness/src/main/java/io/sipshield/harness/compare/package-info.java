/**
 * {@code sipshield run --compare mock,HOST:PORT}: the same scenarios run against the embedded mock and a
 * real server, and every expectation whose result differs between the two, per scenario (per row of a
 * table of cases). {@link io.sipshield.harness.compare.CompareSpec} reads the option,
 * {@link io.sipshield.harness.compare.Comparison} pairs the two runs' results,
 * {@link io.sipshield.harness.compare.ComparisonPrinter} prints the differences and
 * {@link io.sipshield.harness.compare.ComparisonReports} writes them as JSON and HTML.
 */
package io.sipshield.harness.compare;

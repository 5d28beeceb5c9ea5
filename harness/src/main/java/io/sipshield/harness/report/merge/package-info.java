/**
 * {@code sipshield report merge}: joins the reports of a run split across machines or CI jobs
 * ({@code sipshield run --shard I/N}, {@code sipshield load --phone-offset K}) into one set of reports.
 * {@link io.sipshield.harness.report.merge.ReportMerge} is the entry point.
 */
package io.sipshield.harness.report.merge;

/**
 * {@code sipshield load}: many emulated phones from one JVM against the embedded mock Asterisk or a
 * real server, with latency percentiles (TLS handshake, REGISTER round trip, call setup, media round
 * trip) and failures counted by cause. {@link io.sipshield.harness.load.LoadRun} describes a run and
 * runs it; {@link io.sipshield.harness.load.LoadResult} is what it found. Phones own no thread: every
 * step runs on one shared Netty event loop group, which the embedded mock shares too.
 */
package io.sipshield.harness.load;

/**
 * {@code tokenjoule bench}: an energy benchmark and CI gate for any OpenAI-compatible endpoint.
 *
 * <p>A closed-loop load generator ({@link io.tokenjoule.energybench.LoadGenerator}) streams
 * requests through {@link io.tokenjoule.energybench.StreamingClient}; an {@link
 * io.tokenjoule.energybench.EnergySampler} samples GPU energy into an {@link
 * io.tokenjoule.energybench.EnergyTimeline} meanwhile. {@link
 * io.tokenjoule.energybench.SteadyStateWindow} places ML.ENERGY's steady-state window, {@link
 * io.tokenjoule.energybench.SpanFigures} turns energy and tokens into figures, and the writers put
 * them into result.json, summary.md and chart.png. {@link io.tokenjoule.energybench.RegressionGate}
 * compares a result with a baseline.
 *
 * <p>The package is not called {@code bench}: the build's surefire configuration excludes every
 * test under a {@code bench} directory (that is where the JMH micro-benchmarks live), so tests of a
 * {@code bench} package would never run.
 */
package io.tokenjoule.energybench;

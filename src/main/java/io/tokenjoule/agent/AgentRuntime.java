package io.tokenjoule.agent;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.HostEnergySource;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * What a running agent shares with its process and keeps across reloads: where GPU energy comes
 * from, the event loop, the clocks and the registry. The caller owns all of them and closes them
 * after the agent.
 *
 * @param gpus the GPU energy source, read from the agent's tick thread only
 * @param host the host's own energy (RAPL), where this host has it; read from the tick thread too
 * @param vertx the event loop the scrapes and the HTTP endpoint run on
 * @param clock the monotonic clock readings are stamped with
 * @param wallClock the wall clock for prices, grid intensity and baselines
 * @param registry where the agent registers its meters (made by {@link Agent#newRegistry()})
 * @param reloadRequest what {@code POST /-/reload} calls to ask for a reload; null for no such
 *     endpoint
 */
public record AgentRuntime(
    GpuEnergySource gpus,
    Optional<HostEnergySource> host,
    Vertx vertx,
    MonotonicClock clock,
    Clock wallClock,
    PrometheusMeterRegistry registry,
    Runnable reloadRequest) {

  /** A runtime on the system's wall clock, without host energy or a reload endpoint. */
  public static AgentRuntime of(
      GpuEnergySource gpus, Vertx vertx, MonotonicClock clock, PrometheusMeterRegistry registry) {
    return new AgentRuntime(
        gpus, Optional.empty(), vertx, clock, Clock.systemUTC(), registry, null);
  }
}

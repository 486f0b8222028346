package io.tokenjoule.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The agent's own health: tick duration and overruns, {@code
 * tokenjoule_tick_last_timestamp_seconds} (the wall-clock time the last tick finished, or the agent
 * started: a liveness signal that stops moving when ticks stop, while {@code /metrics} still
 * answers), the JVM binders, the process metrics of {@link ProcessMeters}, {@code
 * tokenjoule_build_info} and {@code tokenjoule_node_info}, and the configuration-reload gauges.
 * Thread-safe.
 */
public final class AgentMeters implements AutoCloseable {

  private final Timer tickDuration;
  private final Counter tickOverruns;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private volatile double lastTickEpochSeconds = System.currentTimeMillis() / 1000.0;

  public AgentMeters(MeterRegistry registry, BuildInfo build, NodeInfo node) {
    tickDuration =
        Timer.builder("tokenjoule.tick.duration")
            .description("Time to read every GPU and server and account one tick.")
            .register(registry);
    tickOverruns =
        Counter.builder("tokenjoule.tick.overruns")
            .description("Ticks skipped because the previous one was still running.")
            .register(registry);
    Gauge.builder("tokenjoule.tick.last.timestamp", this, m -> m.lastTickEpochSeconds)
        .baseUnit("seconds")
        .description(
            "Unix time the last tick finished (the agent's start before the first): liveness.")
        .strongReference(true)
        .register(registry);
    Gauge.builder("tokenjoule.build.info", () -> 1)
        .description("Version of the running agent.")
        .tags(
            "version",
            build.version(),
            "revision",
            build.revision(),
            "java_version",
            build.javaVersion())
        .strongReference(true)
        .register(registry);
    Gauge.builder("tokenjoule.node.info", () -> 1)
        .description("The host the agent runs on.")
        .tags(
            "hostname", node.hostname(),
            "os", node.os(),
            "cpu", node.cpu(),
            "driver_version", node.driverVersion(),
            "source", node.gpuSource())
        .strongReference(true)
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new ProcessMeters().bindTo(registry);
  }

  /**
   * The configuration-reload gauges of a reloadable agent, registered once for its life: a reload
   * replaces the agent's other meters, these stay. Weakly referenced, as gauges are: the caller
   * holds {@code agent}.
   */
  public static <T> void registerReloadGauges(
      MeterRegistry registry,
      T agent,
      ToDoubleFunction<T> lastReloadSuccessful,
      ToDoubleFunction<T> lastSuccessEpochSeconds) {
    Gauge.builder("tokenjoule.config.last.reload.successful", agent, lastReloadSuccessful)
        .description("1 if the last configuration reload succeeded (or none was asked), else 0.")
        .register(registry);
    Gauge.builder(
            "tokenjoule.config.last.reload.success.timestamp.seconds",
            agent,
            lastSuccessEpochSeconds)
        .description("When the configuration was last loaded successfully, epoch seconds.")
        .register(registry);
  }

  /** Records a tick that finished now, after {@code duration}. */
  public void recordTick(Duration duration) {
    tickDuration.record(duration);
    lastTickEpochSeconds = System.currentTimeMillis() / 1000.0;
  }

  public void recordOverrun() {
    tickOverruns.increment();
  }

  @Override
  public void close() {
    gcMetrics.close();
  }
}

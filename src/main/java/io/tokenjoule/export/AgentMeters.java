package io.tokenjoule.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;

/**
 * The agent's own health: tick duration and overruns, the JVM and process binders, {@code
 * tokenjoule_build_info} and {@code tokenjoule_node_info}.
 */
public final class AgentMeters implements AutoCloseable {

  private final Timer tickDuration;
  private final Counter tickOverruns;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public AgentMeters(MeterRegistry registry, BuildInfo build, NodeInfo node) {
    tickDuration =
        Timer.builder("tokenjoule.tick.duration")
            .description("Time to read every GPU and server and account one tick.")
            .register(registry);
    tickOverruns =
        Counter.builder("tokenjoule.tick.overruns")
            .description("Ticks skipped because the previous one was still running.")
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
    new FileDescriptorMetrics().bindTo(registry);
  }

  public void recordTick(Duration duration) {
    tickDuration.record(duration);
  }

  public void recordOverrun() {
    tickOverruns.increment();
  }

  @Override
  public void close() {
    gcMetrics.close();
  }
}

package io.tokenjoule.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.tokenjoule.config.OtlpExportConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pushes the meters of the agent's registry over OTLP/HTTP every interval: the same meters as
 * {@code /metrics}, read from the same objects, so an OTLP value equals the Prometheus page's at
 * the same moment. Each meter the registry adds or removes is mirrored in an OTLP registry: gauges
 * as gauges, counters as counters, timers as function timers (count and total). Counters are
 * cumulative. Closing pushes once more and stops.
 */
public final class OtlpPush implements AutoCloseable {

  /**
   * Keeps an OTLP registry holding a mirror of every meter of the source: told of each meter the
   * source adds or removes (on the thread that does it), once closed it ignores them. Micrometer
   * cannot remove a registry listener, so a reloaded agent leaves one idle listener behind.
   */
  private static final class Mirror {
    private final MeterRegistry target;
    private final Map<Meter.Id, Meter> mirrors = new HashMap<>();
    private boolean closed;

    Mirror(MeterRegistry source, MeterRegistry target) {
      this.target = target;
      source.config().onMeterAdded(this::added).onMeterRemoved(this::removed);
      List.copyOf(source.getMeters()).forEach(this::added);
    }

    synchronized void added(Meter meter) {
      if (!closed) {
        mirrors.computeIfAbsent(meter.getId(), id -> register(meter));
      }
    }

    synchronized void removed(Meter meter) {
      Meter mirror = closed ? null : mirrors.remove(meter.getId());
      if (mirror != null) {
        target.remove(mirror);
      }
    }

    synchronized void close() {
      closed = true;
    }

    private Meter register(Meter meter) {
      Meter.Id id = meter.getId();
      if (meter instanceof TimeGauge g) {
        return TimeGauge.builder(id.getName(), g, g.baseTimeUnit(), TimeGauge::value)
            .tags(id.getTagsAsIterable())
            .description(id.getDescription())
            .strongReference(true)
            .register(target);
      }
      if (meter instanceof Gauge g) {
        return Gauge.builder(id.getName(), g, Gauge::value)
            .tags(id.getTagsAsIterable())
            .baseUnit(id.getBaseUnit())
            .description(id.getDescription())
            .strongReference(true)
            .register(target);
      }
      if (meter instanceof Counter c) {
        return counter(id, c, Counter::count);
      }
      if (meter instanceof FunctionCounter c) {
        return counter(id, c, FunctionCounter::count);
      }
      if (meter instanceof Timer t) {
        return FunctionTimer.builder(
                id.getName(), t, Timer::count, x -> x.totalTime(TimeUnit.SECONDS), TimeUnit.SECONDS)
            .tags(id.getTagsAsIterable())
            .description(id.getDescription())
            .register(target);
      }
      if (meter instanceof FunctionTimer t) {
        return FunctionTimer.builder(
                id.getName(),
                t,
                x -> (long) x.count(),
                x -> x.totalTime(TimeUnit.SECONDS),
                TimeUnit.SECONDS)
            .tags(id.getTagsAsIterable())
            .description(id.getDescription())
            .register(target);
      }
      return Meter.builder(id.getName(), id.getType(), meter.measure())
          .tags(id.getTagsAsIterable())
          .baseUnit(id.getBaseUnit())
          .description(id.getDescription())
          .register(target);
    }

    private <T> Meter counter(Meter.Id id, T source, java.util.function.ToDoubleFunction<T> count) {
      return FunctionCounter.builder(id.getName(), source, count)
          .tags(id.getTagsAsIterable())
          .baseUnit(id.getBaseUnit())
          .description(id.getDescription())
          .register(target);
    }
  }

  private final OtlpMeterRegistry registry;
  private final OtlpHttpSender sender;
  private final Mirror mirror;

  private OtlpPush(OtlpMeterRegistry registry, OtlpHttpSender sender, Mirror mirror) {
    this.registry = registry;
    this.sender = sender;
    this.mirror = mirror;
  }

  /**
   * Starts pushing {@code source}'s meters as {@code config} says.
   *
   * @param resource OTLP resource attributes, such as {@code service.name}
   */
  public static OtlpPush start(
      MeterRegistry source, OtlpExportConfig config, Vertx vertx, Map<String, String> resource) {
    OtlpConfig otlp =
        new OtlpConfig() {
          @Override
          public String get(String key) {
            return null;
          }

          @Override
          public String url() {
            return config.endpoint().toString();
          }

          @Override
          public Duration step() {
            return config.interval();
          }

          @Override
          public Map<String, String> headers() {
            return config.headers();
          }

          @Override
          public Map<String, String> resourceAttributes() {
            return resource;
          }

          @Override
          public TimeUnit baseTimeUnit() {
            return TimeUnit.SECONDS; // as on the Prometheus page
          }
        };
    OtlpHttpSender sender = new OtlpHttpSender(vertx, config);
    OtlpMeterRegistry registry =
        OtlpMeterRegistry.builder(otlp)
            .metricsSender(sender)
            .threadFactory(
                runnable -> {
                  Thread thread = new Thread(runnable, "tokenjoule-otlp");
                  thread.setDaemon(true);
                  return thread;
                })
            .build();
    return new OtlpPush(registry, sender, new Mirror(source, registry));
  }

  /** Pushes a last time and stops. */
  @Override
  public void close() {
    registry.close();
    mirror.close();
    sender.close();
  }
}

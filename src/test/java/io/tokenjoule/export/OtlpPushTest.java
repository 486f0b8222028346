package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.GpuAccount;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.split.SplitEstimate;
import io.tokenjoule.config.OtlpExportConfig;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's meters pushed over OTLP/HTTP to a receiver that decodes the real OpenTelemetry
 * protobuf ({@link OtlpReceiver}): every {@code tokenjoule} meter of the registry arrives, with its
 * labels as attributes and the value the Prometheus page shows; the configured headers arrive;
 * https works with the configured CA.
 */
class OtlpPushTest {

  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry = PrometheusNaming.newRegistry();
  private OtlpReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    vertx.close().await();
  }

  // Held for the test: the registry's function counters see their values through weak references,
  // as in the agent, whose publisher lives as long as it does.
  private MetricsPublisher publisher;

  private void publishATick() {
    publisher = new MetricsPublisher(registry, "nvml", List.of(), Optional.empty());
    publisher.publish(
        new AccountingSnapshot(
            1,
            List.of(
                new GpuAccount(
                    new GpuIdentity(0, "GPU-abc", "NVIDIA H100 80GB HBM3"),
                    true,
                    null,
                    EnergyMethod.COUNTER,
                    1234.5,
                    301,
                    300,
                    new GpuGauges(700, 55, 0.9, 1.98e9, 7e10, 8e10),
                    0,
                    12.5)),
            List.of(
                new ServerAccount(
                    "llama",
                    "vllm",
                    false,
                    true,
                    List.of(new ModelAccount("meta/llama", 1000, 500, 10)),
                    600,
                    4,
                    1,
                    new IdleStats(120, 71.5),
                    SplitEstimate.NOT_FITTED,
                    new WindowStats(60, 600, 1000, 500, 10, 4, 1.2, 0.4, 60, 0.01, 0.02)))),
        null,
        null,
        Map.of());
    new NvmlCallTimers(registry).onCall("nvmlDeviceGetFieldValues", 0.002);
  }

  private OtlpExportConfig config(String url, Optional<Path> ca) {
    return new OtlpExportConfig(
        URI.create(url),
        Duration.ofHours(1),
        Duration.ofSeconds(60), // a first TLS handshake on a busy 2-core CI machine takes seconds
        Map.of("authorization", "Bearer t0ken"),
        ca,
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void everyMeterArrivesWithThePrometheusPagesValueAndTheHeaders() {
    publishATick();
    receiver = OtlpReceiver.start(vertx, null, null);
    OtlpPush push =
        OtlpPush.start(
            registry,
            config(receiver.url("http"), Optional.empty()),
            vertx,
            Map.of("service.name", "tokenjoule", "host.name", "node-1"));
    push.close(); // pushes once more, now

    assertEquals(1, receiver.received().size());
    OtlpReceiver.Export export = receiver.received().get(0);
    assertEquals("Bearer t0ken", export.headers().get("authorization"));
    assertEquals("application/x-protobuf", export.headers().get("content-type"));
    ResourceMetrics resource = export.request().getResourceMetrics(0);
    Map<String, String> attributes = attributes(resource.getResource().getAttributesList());
    assertEquals("tokenjoule", attributes.get("service.name"));
    assertEquals("node-1", attributes.get("host.name"));

    Map<String, Double> pushed = pushedValues(resource);
    Map<String, Double> page = pageValues();
    int compared = 0;
    for (Meter meter : registry.getMeters()) {
      if (!meter.getId().getName().startsWith("tokenjoule.")) {
        continue;
      }
      for (Map.Entry<String, String> sample : samples(meter).entrySet()) {
        String key = sample.getKey();
        assertTrue(pushed.containsKey(key), key + " not pushed; pushed: " + pushed.keySet());
        assertTrue(page.containsKey(sample.getValue()), sample.getValue() + " not on the page");
        assertEquals(page.get(sample.getValue()), pushed.get(key), 1e-9, key);
        compared++;
      }
    }
    assertTrue(compared >= 20, "compared only " + compared + " values");
    assertEquals(
        1234.5,
        pushed.get(
            "tokenjoule.gpu.energy{gpu=0,gpu_model=NVIDIA H100 80GB HBM3,method=counter,source=nvml,uuid=GPU-abc}"));
    assertEquals(
        0.002,
        pushed.get("tokenjoule.nvml.call.duration{function=nvmlDeviceGetFieldValues}.sum"),
        1e-12);
  }

  @Test
  void pushesOverHttpsTrustingTheConfiguredCa(@TempDir Path dir) throws Exception {
    TestCertificates certificate = TestCertificates.generate(dir, "collector");
    publishATick();
    receiver = OtlpReceiver.start(vertx, certificate.certPem, certificate.keyPem);
    OtlpPush.start(
            registry,
            config(receiver.url("https"), Optional.of(certificate.certPem)),
            vertx,
            Map.of("service.name", "tokenjoule"))
        .close();

    assertEquals(1, receiver.received().size());
    assertFalse(pushedValues(receiver.received().get(0).request().getResourceMetrics(0)).isEmpty());
  }

  /**
   * Each Prometheus sample of a meter: key as pushed ({@code name{tags}[.count|.sum]}) → page key.
   */
  private Map<String, String> samples(Meter meter) {
    String tags =
        meter.getId().getTags().stream()
            .map(t -> t.getKey() + "=" + t.getValue())
            .collect(Collectors.joining(",", "{", "}"));
    String promTags =
        meter.getId().getTags().stream()
            .map((Tag t) -> t.getKey() + "=\"" + t.getValue() + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    String promName = meter.getId().getConventionName(registry.config().namingConvention());
    if (meter.getId().getName().endsWith(".info")) {
      promName += "_info"; // the Prometheus client writes info gauges' suffix itself
    }
    String pushedKey = meter.getId().getName() + tags;
    Map<String, String> samples = new HashMap<>();
    switch (meter.getId().getType()) {
      case COUNTER -> samples.put(pushedKey, promName + "_total" + promTags);
      case TIMER -> {
        samples.put(pushedKey + ".count", promName + "_count" + promTags);
        samples.put(pushedKey + ".sum", promName + "_sum" + promTags);
      }
      default -> samples.put(pushedKey, promName + promTags);
    }
    return samples;
  }

  private Map<String, Double> pageValues() {
    Map<String, Double> values = new HashMap<>();
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      values.put(
          series.contains("{") ? series : series + "{}",
          Double.parseDouble(line.substring(space + 1)));
    }
    return values;
  }

  private static Map<String, Double> pushedValues(ResourceMetrics resource) {
    Map<String, Double> values = new HashMap<>();
    for (ScopeMetrics scope : resource.getScopeMetricsList()) {
      for (Metric metric : scope.getMetricsList()) {
        List<NumberDataPoint> points =
            metric.hasGauge()
                ? metric.getGauge().getDataPointsList()
                : metric.hasSum() ? metric.getSum().getDataPointsList() : List.of();
        for (NumberDataPoint point : points) {
          values.put(
              metric.getName() + tags(point.getAttributesList()),
              point.hasAsDouble() ? point.getAsDouble() : point.getAsInt());
        }
        if (metric.hasHistogram()) {
          metric
              .getHistogram()
              .getDataPointsList()
              .forEach(
                  p -> {
                    values.put(
                        metric.getName() + tags(p.getAttributesList()) + ".count",
                        (double) p.getCount());
                    values.put(metric.getName() + tags(p.getAttributesList()) + ".sum", p.getSum());
                  });
        }
        if (metric.hasSummary()) {
          metric
              .getSummary()
              .getDataPointsList()
              .forEach(
                  p -> {
                    values.put(
                        metric.getName() + tags(p.getAttributesList()) + ".count",
                        (double) p.getCount());
                    values.put(metric.getName() + tags(p.getAttributesList()) + ".sum", p.getSum());
                  });
        }
      }
    }
    return values;
  }

  private static String tags(List<KeyValue> attributes) {
    return attributes(attributes).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static Map<String, String> attributes(List<KeyValue> attributes) {
    Map<String, String> map = new TreeMap<>();
    attributes.forEach(a -> map.put(a.getKey(), a.getValue().getStringValue()));
    return map;
  }
}

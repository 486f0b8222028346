package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMetersTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void residentMemoryComesFromVmRssAndOutlivesTheBinder(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(
        status, "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t   123456 kB\nThreads:\t9\n");
    new ProcessMeters(status).bindTo(registry);
    System.gc();

    assertEquals(123456 * 1024.0, registry.get("process.resident.memory").gauge().value());
    assertTrue(registry.scrape().contains("process_resident_memory_bytes 1.26418944E8"));
  }

  @Test
  void withoutVmRssThereIsNoResidentMemorySeries(@TempDir Path dir) {
    new ProcessMeters(dir.resolve("absent")).bindTo(registry);
    assertFalse(registry.scrape().contains("process_resident_memory_bytes"));
  }

  @Test
  void cpuSecondsAndFileDescriptorsHaveTheirUsualNames() {
    new ProcessMeters().bindTo(registry);
    String page = registry.scrape();
    assertTrue(page.contains("# TYPE process_cpu_seconds_total counter"), page);
    assertTrue(registry.get("process.cpu").functionCounter().count() > 0);
    double open = registry.get("process.open.fds").gauge().value();
    double max = registry.get("process.max.fds").gauge().value();
    assertTrue(open >= 3 && open <= max, open + " open of " + max);
    assertTrue(page.contains("process_open_fds "), page);
    assertTrue(page.contains("process_max_fds "), page);
    assertTrue(registry.get("process.resident.memory").gauge().value() > 1 << 20, "this JVM's RSS");
  }
}

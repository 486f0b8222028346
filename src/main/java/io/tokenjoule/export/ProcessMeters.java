package io.tokenjoule.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process metrics every Prometheus exporter publishes, under their usual names: {@code
 * process_cpu_seconds_total}, {@code process_resident_memory_bytes}, {@code process_open_fds},
 * {@code process_max_fds} (Micrometer's uptime binder adds {@code process_start_time_seconds}). CPU
 * time and file descriptors come from the JVM's operating-system bean; resident memory from {@code
 * VmRSS} in {@code /proc/self/status}. A figure this platform cannot give is not registered; a read
 * that fails yields NaN.
 */
public final class ProcessMeters implements MeterBinder {

  private final Path procStatus;

  public ProcessMeters() {
    this(Path.of("/proc/self/status"));
  }

  /**
   * @param procStatus the file to read {@code VmRSS} from, {@code /proc/self/status} but in tests
   */
  ProcessMeters(Path procStatus) {
    this.procStatus = procStatus;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun
        && sun.getProcessCpuTime() >= 0) {
      FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9)
          .baseUnit("seconds")
          .description("CPU time the process used, user and system.")
          .register(registry);
    }
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      Gauge.builder("process.open.fds", unix, u -> u.getOpenFileDescriptorCount())
          .description("Open file descriptors.")
          .register(registry);
      Gauge.builder("process.max.fds", unix, u -> u.getMaxFileDescriptorCount())
          .description("The limit on open file descriptors.")
          .register(registry);
    }
    if (!Double.isNaN(residentBytes())) {
      Gauge.builder("process.resident.memory", this, ProcessMeters::residentBytes)
          .baseUnit("bytes")
          .description("Resident set size: the process's memory in RAM.")
          .strongReference(true)
          .register(registry);
    }
  }

  /** {@code VmRSS} in bytes, or NaN where the file or the line is missing. */
  double residentBytes() {
    try {
      for (String line : Files.readAllLines(procStatus, StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("VmRSS:")) {
          String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
          if (fields.length == 2 && fields[1].equals("kB")) {
            return Long.parseLong(fields[0]) * 1024.0;
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}

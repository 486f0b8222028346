package io.tokenjoule.energy;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuProcesses;
import io.tokenjoule.source.HostEnergySource;
import io.tokenjoule.source.nvml.Nvml;
import io.tokenjoule.source.nvml.NvmlCallObserver;
import io.tokenjoule.source.nvml.NvmlException;
import io.tokenjoule.source.nvml.NvmlGpuProcesses;
import io.tokenjoule.source.nvml.NvmlGpuSource;
import io.tokenjoule.source.nvml.NvmlLoader;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import io.tokenjoule.source.rapl.RaplHostSource;
import io.tokenjoule.source.rapl.RaplZone;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one place that opens energy backends: it turns the configuration, and what this host has,
 * into the energy sources that the agent, {@code agent --check}, {@code bench} and discovery read.
 * GPUs come from NVML, or from the simulator when the demo asks for it by name ({@link
 * #simulatedGpus}); nothing ever falls back from one to the other. The host's own energy comes from
 * RAPL where the kernel exposes it ({@link #raplHost}). "Unavailable" (no NVML on this host, a
 * checked {@link NvmlUnavailableException}) is kept apart from a configuration that does not fit
 * the host, so callers can say which. Stateless and thread-safe.
 */
public final class EnergyBackends {

  private EnergyBackends() {}

  /**
   * NVML's GPUs as an agent configuration selects them ({@code gpus}, {@code nvml.library}, {@code
   * nvml.gauge_refresh}).
   *
   * @see #nvmlGpus(String, List, double, MonotonicClock, NvmlCallObserver)
   */
  public static GpuEnergySource nvmlGpus(
      AgentConfig config, MonotonicClock clock, NvmlCallObserver observer)
      throws NvmlUnavailableException {
    return nvmlGpus(
        config.nvml().library(),
        config.gpus().selectors(),
        Seconds.of(config.nvml().gaugeRefresh()),
        clock,
        observer);
  }

  /**
   * Opens an NVML session on the selected GPUs; close the source to end it.
   *
   * @param library the library a flag or the configuration names; null or empty for the driver's
   * @param selection GPU indices ({@code "0"}) or UUIDs; empty for every GPU
   * @param gaugeRefreshSeconds how long slow gauges are reused, seconds; 0 reads them every tick
   * @param observer told the duration of every NVML call
   * @throws NvmlUnavailableException when NVML cannot be loaded on this host
   * @throws NvmlException when NVML loads but cannot be initialised or list the GPUs
   * @throws IllegalArgumentException when a selected GPU is not on this host (the message lists
   *     those that are)
   * @throws IllegalStateException when NVML sees no readable GPU
   */
  public static GpuEnergySource nvmlGpus(
      String library,
      List<String> selection,
      double gaugeRefreshSeconds,
      MonotonicClock clock,
      NvmlCallObserver observer)
      throws NvmlUnavailableException {
    return new NvmlGpuSource(
        NvmlLoader.loadChosen(library), selection, clock, observer, gaugeRefreshSeconds);
  }

  /**
   * Each GPU's compute processes as NVML lists them, for discovery; every read is an NVML session
   * of its own.
   *
   * @param library the library a flag or the configuration names; null or empty for the driver's
   * @throws NvmlUnavailableException when NVML cannot be loaded on this host
   */
  public static GpuProcesses nvmlGpuProcesses(String library) throws NvmlUnavailableException {
    return new NvmlGpuProcesses(
        new Nvml(NvmlLoader.loadChosen(library), MonotonicClock.SYSTEM, NvmlCallObserver.NONE));
  }

  /**
   * The host's own energy from its RAPL powercap zones, or empty where it has none (a virtual
   * machine, an ARM host, no {@code intel_rapl} module): then nothing of the host is measured.
   *
   * @param powercapDir the kernel's powercap directory, {@code /sys/class/powercap}
   * @throws IOException when the directory exists but cannot be listed
   */
  public static Optional<HostEnergySource> raplHost(Path powercapDir, MonotonicClock clock)
      throws IOException {
    List<RaplZone> zones = RaplZone.find(powercapDir);
    return zones.isEmpty() ? Optional.empty() : Optional.of(new RaplHostSource(zones, clock));
  }

  /**
   * The simulator's GPUs, for the demo and the tests: every series derived from them says {@code
   * source="simulated"}.
   */
  public static GpuEnergySource simulatedGpus(SimulatedWorld world) {
    return new SimulatedGpuSource(world);
  }
}

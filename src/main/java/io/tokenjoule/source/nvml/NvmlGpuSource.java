package io.tokenjoule.source.nvml;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.SourceLabel;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.ProcessUtilizationSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GPU energy from NVML (source label {@code nvml}). One NVML session: {@code nvmlInit_v2} in the
 * constructor, {@code nvmlShutdown} in {@link #close()}; device handles live only in between.
 *
 * <p>Per GPU and tick, {@link #read()} makes one {@code nvmlDeviceGetFieldValues} call (energy
 * counter, sampled power, enforced power limit) and, every {@code gaugeRefreshSeconds}, one call
 * per slow gauge. Units are converted here: mJ to J, mW to W, MHz to Hz, percent to ratio. How
 * energy is obtained, how fields fall back to individual calls, and how a GPU that failed is
 * retried is described in {@link NvmlGpu}: in short, a broken GPU is {@link GpuReading.Down} while
 * the others carry on, and is retried with growing delays (1 s doubling to 60 s).
 *
 * <p>Not thread-safe: use from one thread at a time (the agent's tick thread).
 */
public final class NvmlGpuSource implements GpuEnergySource {

  private static final Logger LOG = LoggerFactory.getLogger(NvmlGpuSource.class);

  private final Nvml nvml;
  private final String driverVersion;
  private final List<NvmlGpu> devices;
  private final List<GpuIdentity> identities;
  private final Map<GpuIdentity, NvmlDevice> handlesByGpu = new LinkedHashMap<>();
  private boolean closed;

  /**
   * Initialises NVML and finds the selected GPUs.
   *
   * @param library the real binding ({@link NvmlLoader#load()}) or a fake
   * @param selection GPU indices ({@code "0"}) or UUIDs ({@code "GPU-..."}); empty for every GPU
   * @param clock stamps readings and times NVML calls
   * @param observer told the duration of every NVML call
   * @param gaugeRefreshSeconds how long slow gauges are reused, seconds; 0 reads them every tick
   * @throws NvmlException if NVML cannot be initialised or the GPUs cannot be listed
   * @throws IllegalArgumentException if a selected GPU is not present (the message lists those that
   *     are), or {@code gaugeRefreshSeconds} is negative
   * @throws IllegalStateException if NVML sees no GPU
   */
  public NvmlGpuSource(
      NvmlLibrary library,
      List<String> selection,
      MonotonicClock clock,
      NvmlCallObserver observer,
      double gaugeRefreshSeconds) {
    Objects.requireNonNull(selection, "selection");
    if (!(gaugeRefreshSeconds >= 0) || Double.isInfinite(gaugeRefreshSeconds)) {
      throw new IllegalArgumentException(
          "gauge refresh must be finite and >= 0 seconds, got " + gaugeRefreshSeconds);
    }
    this.nvml = new Nvml(library, clock, observer);
    nvml.init();
    try {
      this.driverVersion = readDriverVersion();
      List<NvmlDevice> handles = new ArrayList<>();
      List<GpuIdentity> present = new ArrayList<>();
      Map<Integer, String> unreadable = new TreeMap<>();
      int count = nvml.deviceCount();
      for (int index = 0; index < count; index++) {
        try {
          NvmlDevice handle = nvml.handleByIndex(index);
          present.add(new GpuIdentity(index, nvml.uuid(handle), nvml.name(handle)));
          handles.add(handle);
        } catch (NvmlException e) {
          unreadable.put(index, e.getMessage());
          LOG.warn("GPU {} is left out: its identity cannot be read: {}", index, e.getMessage());
        }
      }
      if (present.isEmpty()) {
        throw new IllegalStateException(
            "NVML (driver "
                + driverVersion
                + ") finds no readable GPU"
                + (unreadable.isEmpty() ? "" : ": " + unreadable.values()));
      }
      List<GpuIdentity> selected = SelectedGpus.resolve(selection, present, unreadable);
      List<Integer> leftOut =
          present.stream().filter(gpu -> !selected.contains(gpu)).map(GpuIdentity::index).toList();
      if (!leftOut.isEmpty()) {
        LOG.info("GPU(s) {} are not read: gpus selects only {}", leftOut, selection);
      }
      List<NvmlGpu> readers = new ArrayList<>(selected.size());
      for (GpuIdentity gpu : selected) {
        NvmlDevice handle = handles.get(present.indexOf(gpu));
        readers.add(new NvmlGpu(nvml, handle, gpu, clock, gaugeRefreshSeconds));
        handlesByGpu.put(gpu, handle);
      }
      this.devices = List.copyOf(readers);
      this.identities = List.copyOf(selected);
    } catch (RuntimeException e) {
      shutdownQuietly(e);
      throw e;
    }
  }

  @Override
  public String sourceLabel() {
    return SourceLabel.NVML;
  }

  @Override
  public List<GpuIdentity> gpus() {
    return identities;
  }

  /** How {@code gpu}'s energy is obtained; empty if it has been broken since the source started. */
  public Optional<EnergyMethod> energyMethod(GpuIdentity gpu) {
    for (NvmlGpu device : devices) {
      if (device.identity().equals(gpu)) {
        return device.energyMethod();
      }
    }
    throw new IllegalArgumentException("not a GPU of this source: " + gpu);
  }

  /**
   * Reads every GPU, in {@link #gpus()} order. A GPU that fails is {@link GpuReading.Down}.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public List<GpuReading> read() {
    if (closed) {
      throw new IllegalStateException("NVML source is closed");
    }
    List<GpuReading> readings = new ArrayList<>(devices.size());
    for (NvmlGpu device : devices) {
      readings.add(device.read());
    }
    return readings;
  }

  /**
   * A reader of the selected GPUs' per-process SM utilisation in this NVML session; read it right
   * after {@link #read()}, and not after {@link #close()}. Each call makes a new reader with its
   * own {@code lastSeenTimeStamp}s: make one per consumer.
   */
  @Override
  public ProcessUtilizationSource processUtilization() {
    return new NvmlProcessUtilization(nvml, handlesByGpu);
  }

  @Override
  public String driverVersion() {
    return driverVersion;
  }

  /** Shuts NVML down; later calls do nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      nvml.shutdown();
    } catch (NvmlException e) {
      LOG.warn("NVML shutdown failed: {}", e.getMessage());
    }
  }

  private String readDriverVersion() {
    try {
      return nvml.driverVersion();
    } catch (NvmlException e) {
      LOG.warn("NVIDIA driver version is not readable: {}", e.getMessage());
      return "unknown";
    }
  }

  private void shutdownQuietly(RuntimeException cause) {
    try {
      nvml.shutdown();
    } catch (NvmlException e) {
      cause.addSuppressed(e);
    }
  }
}

package io.tokenjoule.source.nvml;

import io.tokenjoule.source.GpuProcesses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Each GPU's compute processes as NVML reports them ({@code
 * nvmlDeviceGetComputeRunningProcesses_v3}), in one NVML session per read; NVML counts sessions, so
 * this is safe while the agent holds its own. The pids are the host's: inside a container without
 * the host's pid namespace they name no process there. Thread-safe.
 */
public final class NvmlGpuProcesses implements GpuProcesses {

  private final Nvml nvml;

  public NvmlGpuProcesses(Nvml nvml) {
    this.nvml = Objects.requireNonNull(nvml, "nvml");
  }

  /**
   * @throws GpuProcessesUnavailableException when NVML does not initialise or refuses a GPU's
   *     process list (for example {@code no_permission}); the message carries NVML's
   */
  @Override
  public List<GpuCompute> read() throws GpuProcessesUnavailableException {
    try {
      nvml.init();
    } catch (NvmlException e) {
      throw new GpuProcessesUnavailableException(e.getMessage(), e);
    }
    try {
      List<GpuCompute> gpus = new ArrayList<>();
      int count = nvml.deviceCount();
      for (int index = 0; index < count; index++) {
        NvmlDevice device = nvml.handleByIndex(index);
        int[] pids = nvml.computeRunningPids(device);
        gpus.add(
            new GpuCompute(
                index, nvml.uuid(device), Arrays.stream(pids).boxed().collect(Collectors.toSet())));
      }
      return gpus;
    } catch (NvmlException e) {
      throw new GpuProcessesUnavailableException(e.getMessage(), e);
    } finally {
      nvml.shutdown();
    }
  }
}

package io.tokenjoule.source;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Which processes run compute work on which GPU. */
public interface GpuProcesses {

  /**
   * Every GPU with the pids of its compute processes, read now.
   *
   * @throws GpuProcessesUnavailableException when the GPUs cannot be asked at all (no NVML, no
   *     permission); the message says why
   */
  List<GpuCompute> read() throws GpuProcessesUnavailableException;

  /**
   * One GPU and its compute processes.
   *
   * @param index the driver's index, as {@code nvidia-smi -i} takes it
   * @param uuid the GPU's UUID ({@code GPU-...})
   * @param pids the compute processes, in the host's pid namespace
   */
  record GpuCompute(int index, String uuid, Set<Integer> pids) {
    public GpuCompute {
      Objects.requireNonNull(uuid, "uuid");
      pids = Set.copyOf(pids);
    }
  }

  /** The GPUs cannot be asked at all. */
  final class GpuProcessesUnavailableException extends Exception {
    public GpuProcessesUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

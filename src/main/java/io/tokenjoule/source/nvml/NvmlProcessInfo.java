package io.tokenjoule.source.nvml;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * {@code nvmlProcessInfo_t} (the same layout as {@code nvmlProcessInfo_v2_t}), as filled by {@code
 * nvmlDeviceGetComputeRunningProcesses_v3}: one process with a context on a GPU.
 */
@FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
public final class NvmlProcessInfo extends Structure {
  /** {@code unsigned int}: the process id, in the host's pid namespace. */
  public int pid;

  /** {@code unsigned long long}: bytes of GPU memory used; unavailable on some platforms. */
  public long usedGpuMemory;

  /** {@code unsigned int}: the MIG GPU instance, or 0xFFFFFFFF when not in MIG mode. */
  public int gpuInstanceId;

  /** {@code unsigned int}: the MIG compute instance, or 0xFFFFFFFF when not in MIG mode. */
  public int computeInstanceId;
}

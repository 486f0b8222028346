package io.tokenjoule.source.nvml;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** {@code nvmlUtilization_t}: percentages (0..100) over the driver's last sample period. */
@FieldOrder({"gpu", "memory"})
public final class NvmlUtilization extends Structure {
  /** {@code unsigned int}: percent of time one or more kernels ran. */
  public int gpu;

  /** {@code unsigned int}: percent of time device memory was read or written. */
  public int memory;
}

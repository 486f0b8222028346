package io.tokenjoule.source.nvml;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** {@code nvmlMemory_t} (version 1): device memory in bytes, as {@code unsigned long long}. */
@FieldOrder({"total", "free", "used"})
public final class NvmlMemory extends Structure {
  public long total;
  public long free;

  /** Reserved plus allocated memory. */
  public long used;
}

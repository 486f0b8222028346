package io.tokenjoule.source.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * {@code nvmlDevice_t}: an opaque handle to one GPU. Valid only between the {@code nvmlInit_v2} and
 * the {@code nvmlShutdown} that surround the call that produced it.
 */
public final class NvmlDevice extends PointerType {

  /** For JNA. */
  public NvmlDevice() {}

  public NvmlDevice(Pointer handle) {
    super(handle);
  }
}

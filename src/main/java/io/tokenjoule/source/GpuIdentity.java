package io.tokenjoule.source;

import java.util.Objects;

/**
 * Who a GPU is. The UUID identifies it internally; the index is only a label, because indices can
 * change across driver reloads while UUIDs do not.
 *
 * @param index the driver's device index, as operators know it ({@code nvidia-smi -i N})
 * @param uuid the device UUID ({@code GPU-...}), or a stable made-up one for simulated GPUs
 * @param model the marketing name, for example {@code NVIDIA H100 80GB HBM3}
 */
public record GpuIdentity(int index, String uuid, String model) {
  public GpuIdentity {
    if (index < 0) {
      throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
    }
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(model, "model");
    if (uuid.isBlank()) {
      throw new IllegalArgumentException("GPU uuid must not be blank (index " + index + ")");
    }
  }
}

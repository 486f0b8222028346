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

  /**
   * Whether an operator's {@code reference} names this GPU: its index ({@code "0"}, as {@code
   * nvidia-smi -i} takes it) or its UUID, case-insensitively. Surrounding blanks are ignored.
   */
  public boolean isNamedBy(String reference) {
    String entry = reference.trim();
    boolean isIndex = !entry.isEmpty() && entry.chars().allMatch(c -> c >= '0' && c <= '9');
    return isIndex
        ? entry.length() < 10 && index == Integer.parseInt(entry)
        : uuid.equalsIgnoreCase(entry);
  }

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

package io.tokenjoule.source.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * {@code nvmlFieldValue_t}: one entry of a {@code nvmlDeviceGetFieldValues} request and its answer
 * (40 bytes: two {@code unsigned int}, two {@code long long}, two enums, an 8-byte union).
 *
 * <p>Set {@link #fieldId} (and {@link #scopeId} where the field needs one) before the call; after
 * it, {@link #value} is meaningful only when {@link #nvmlReturn} is {@code NVML_SUCCESS}.
 */
@FieldOrder({"fieldId", "scopeId", "timestamp", "latencyUsec", "valueType", "nvmlReturn", "value"})
public final class NvmlFieldValue extends Structure {
  /** An {@code NVML_FI_*} id. */
  public int fieldId;

  /** Sub-object (for example an NVLink), 0 for device-wide fields. */
  public int scopeId;

  /** CPU time of the value, microseconds since 1970. */
  public long timestamp;

  /** How long the value took to update within NVML, microseconds. */
  public long latencyUsec;

  /** {@code nvmlValueType_t}: which member of {@link #value} holds the answer. */
  public int valueType;

  /** {@code nvmlReturn_t} for this field alone. */
  public int nvmlReturn;

  public NvmlValue value;

  public NvmlFieldValue() {}

  /**
   * Views native memory, as {@link Structure#toArray(int)} does for the elements after the first.
   */
  public NvmlFieldValue(Pointer memory) {
    super(memory);
  }

  /** {@link #value} decoded by {@link #valueType}; see {@link NvmlValue#asDouble(int)}. */
  public double valueAsDouble() {
    return value.asDouble(valueType);
  }
}

package io.tokenjoule.source.nvml;

import java.util.Locale;

/**
 * Every {@code nvmlReturn_t} of {@code nvml.h}, with a label-safe lowercase name (for example
 * {@code gpu_is_lost}) and how the agent treats it.
 *
 * <p>Two kinds of failure are kept apart. {@link #isUnavailable() Unavailable} means "not here":
 * this device, driver or user cannot provide the feature, and asking again will not change that;
 * the feature is switched off with one log line. Every other failure is <em>broken</em>: the GPU or
 * driver misbehaved, and the GPU is reported down.
 */
public enum NvmlReturn {
  SUCCESS(NvmlLibrary.NVML_SUCCESS),
  UNINITIALIZED(NvmlLibrary.NVML_ERROR_UNINITIALIZED),
  INVALID_ARGUMENT(NvmlLibrary.NVML_ERROR_INVALID_ARGUMENT),
  NOT_SUPPORTED(NvmlLibrary.NVML_ERROR_NOT_SUPPORTED),
  NO_PERMISSION(NvmlLibrary.NVML_ERROR_NO_PERMISSION),
  ALREADY_INITIALIZED(NvmlLibrary.NVML_ERROR_ALREADY_INITIALIZED),
  NOT_FOUND(NvmlLibrary.NVML_ERROR_NOT_FOUND),
  INSUFFICIENT_SIZE(NvmlLibrary.NVML_ERROR_INSUFFICIENT_SIZE),
  INSUFFICIENT_POWER(NvmlLibrary.NVML_ERROR_INSUFFICIENT_POWER),
  DRIVER_NOT_LOADED(NvmlLibrary.NVML_ERROR_DRIVER_NOT_LOADED),
  TIMEOUT(NvmlLibrary.NVML_ERROR_TIMEOUT),
  IRQ_ISSUE(NvmlLibrary.NVML_ERROR_IRQ_ISSUE),
  LIBRARY_NOT_FOUND(NvmlLibrary.NVML_ERROR_LIBRARY_NOT_FOUND),
  FUNCTION_NOT_FOUND(NvmlLibrary.NVML_ERROR_FUNCTION_NOT_FOUND),
  CORRUPTED_INFOROM(NvmlLibrary.NVML_ERROR_CORRUPTED_INFOROM),
  GPU_IS_LOST(NvmlLibrary.NVML_ERROR_GPU_IS_LOST),
  RESET_REQUIRED(NvmlLibrary.NVML_ERROR_RESET_REQUIRED),
  OPERATING_SYSTEM(NvmlLibrary.NVML_ERROR_OPERATING_SYSTEM),
  LIB_RM_VERSION_MISMATCH(NvmlLibrary.NVML_ERROR_LIB_RM_VERSION_MISMATCH),
  IN_USE(NvmlLibrary.NVML_ERROR_IN_USE),
  MEMORY(NvmlLibrary.NVML_ERROR_MEMORY),
  NO_DATA(NvmlLibrary.NVML_ERROR_NO_DATA),
  VGPU_ECC_NOT_SUPPORTED(NvmlLibrary.NVML_ERROR_VGPU_ECC_NOT_SUPPORTED),
  INSUFFICIENT_RESOURCES(NvmlLibrary.NVML_ERROR_INSUFFICIENT_RESOURCES),
  FREQ_NOT_SUPPORTED(NvmlLibrary.NVML_ERROR_FREQ_NOT_SUPPORTED),
  ARGUMENT_VERSION_MISMATCH(NvmlLibrary.NVML_ERROR_ARGUMENT_VERSION_MISMATCH),
  DEPRECATED(NvmlLibrary.NVML_ERROR_DEPRECATED),
  NOT_READY(NvmlLibrary.NVML_ERROR_NOT_READY),
  GPU_NOT_FOUND(NvmlLibrary.NVML_ERROR_GPU_NOT_FOUND),
  INVALID_STATE(NvmlLibrary.NVML_ERROR_INVALID_STATE),
  RESET_TYPE_NOT_SUPPORTED(NvmlLibrary.NVML_ERROR_RESET_TYPE_NOT_SUPPORTED),
  UNKNOWN(NvmlLibrary.NVML_ERROR_UNKNOWN),
  /** A code this binding does not know (a newer driver); treated as broken. */
  UNRECOGNIZED(-1);

  private final int code;
  private final String label;

  NvmlReturn(int code) {
    this.code = code;
    this.label = name().toLowerCase(Locale.ROOT);
  }

  /** The C value; -1 for {@link #UNRECOGNIZED}. */
  public int code() {
    return code;
  }

  /** Lowercase name, usable as a Prometheus label value: {@code gpu_is_lost}. */
  public String label() {
    return label;
  }

  /** The constant for a C value; {@link #UNRECOGNIZED} for values outside {@code nvml.h}. */
  public static NvmlReturn of(int code) {
    for (NvmlReturn r : values()) {
      if (r.code == code && r != UNRECOGNIZED) {
        return r;
      }
    }
    return UNRECOGNIZED;
  }

  /**
   * The feature does not exist here (device, driver version, permissions), and retrying will not
   * change that: switch the feature off, quietly.
   */
  public boolean isUnavailable() {
    switch (this) {
      case NOT_SUPPORTED:
      case NO_PERMISSION:
      case FUNCTION_NOT_FOUND:
      case DEPRECATED:
      case LIBRARY_NOT_FOUND:
      case DRIVER_NOT_LOADED:
      case VGPU_ECC_NOT_SUPPORTED:
      case FREQ_NOT_SUPPORTED:
      case ARGUMENT_VERSION_MISMATCH:
        return true;
      default:
        return false;
    }
  }

  /** Any failure that is not {@link #isUnavailable() unavailable}: the GPU is reported down. */
  public boolean isBroken() {
    return this != SUCCESS && !isUnavailable();
  }
}

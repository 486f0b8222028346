package io.tokenjoule.source.nvml;

import com.sun.jna.Library;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA binding of the part of {@code nvml.h} (NVML API version 12) that tokenjoule uses: the C
 * function names, their return codes and the constants they take. It mirrors the header and nothing
 * else; {@link Nvml} turns return codes into exceptions, and {@link NvmlLoader} loads it.
 *
 * <p>Every function returns an {@code nvmlReturn_t} ({@link #NVML_SUCCESS} or an {@code
 * NVML_ERROR_*} code, see {@link NvmlReturn}). C {@code unsigned int} and {@code unsigned long
 * long} out-parameters arrive in Java's signed {@code int} and {@code long}; read them as unsigned.
 *
 * <p>NVML itself is thread-safe; the binding holds no state.
 */
public interface NvmlLibrary extends Library {

  // nvmlReturn_t
  int NVML_SUCCESS = 0;
  int NVML_ERROR_UNINITIALIZED = 1;
  int NVML_ERROR_INVALID_ARGUMENT = 2;
  int NVML_ERROR_NOT_SUPPORTED = 3;
  int NVML_ERROR_NO_PERMISSION = 4;
  int NVML_ERROR_ALREADY_INITIALIZED = 5;
  int NVML_ERROR_NOT_FOUND = 6;
  int NVML_ERROR_INSUFFICIENT_SIZE = 7;
  int NVML_ERROR_INSUFFICIENT_POWER = 8;
  int NVML_ERROR_DRIVER_NOT_LOADED = 9;
  int NVML_ERROR_TIMEOUT = 10;
  int NVML_ERROR_IRQ_ISSUE = 11;
  int NVML_ERROR_LIBRARY_NOT_FOUND = 12;
  int NVML_ERROR_FUNCTION_NOT_FOUND = 13;
  int NVML_ERROR_CORRUPTED_INFOROM = 14;
  int NVML_ERROR_GPU_IS_LOST = 15;
  int NVML_ERROR_RESET_REQUIRED = 16;
  int NVML_ERROR_OPERATING_SYSTEM = 17;
  int NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18;
  int NVML_ERROR_IN_USE = 19;
  int NVML_ERROR_MEMORY = 20;
  int NVML_ERROR_NO_DATA = 21;
  int NVML_ERROR_VGPU_ECC_NOT_SUPPORTED = 22;
  int NVML_ERROR_INSUFFICIENT_RESOURCES = 23;
  int NVML_ERROR_FREQ_NOT_SUPPORTED = 24;
  int NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25;
  int NVML_ERROR_DEPRECATED = 26;
  int NVML_ERROR_NOT_READY = 27;
  int NVML_ERROR_GPU_NOT_FOUND = 28;
  int NVML_ERROR_INVALID_STATE = 29;
  int NVML_ERROR_RESET_TYPE_NOT_SUPPORTED = 30;
  int NVML_ERROR_UNKNOWN = 999;

  // Buffer sizes, including the terminating NUL.
  int NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE = 80;
  int NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96;
  int NVML_DEVICE_UUID_V2_BUFFER_SIZE = 96;

  // nvmlTemperatureSensors_t
  int NVML_TEMPERATURE_GPU = 0;

  // nvmlClockType_t
  int NVML_CLOCK_GRAPHICS = 0;
  int NVML_CLOCK_SM = 1;
  int NVML_CLOCK_MEM = 2;
  int NVML_CLOCK_VIDEO = 3;

  // nvmlValueType_t: which member of nvmlValue_t a field value uses.
  int NVML_VALUE_TYPE_DOUBLE = 0;
  int NVML_VALUE_TYPE_UNSIGNED_INT = 1;
  int NVML_VALUE_TYPE_UNSIGNED_LONG = 2;
  int NVML_VALUE_TYPE_UNSIGNED_LONG_LONG = 3;
  int NVML_VALUE_TYPE_SIGNED_LONG_LONG = 4;
  int NVML_VALUE_TYPE_SIGNED_INT = 5;
  int NVML_VALUE_TYPE_UNSIGNED_SHORT = 6;

  // Field ids for nvmlDeviceGetFieldValues.
  /** Total energy since the driver was last loaded, mJ (Volta and newer). */
  int NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION = 83;

  /** Power averaged over 1 s, mW (Ampere except GA100, and newer). */
  int NVML_FI_DEV_POWER_AVERAGE = 185;

  /** Current power, mW (all architectures, recent drivers). */
  int NVML_FI_DEV_POWER_INSTANT = 186;

  /** Power limit currently enforced, mW, including limits set out of band. */
  int NVML_FI_DEV_POWER_CURRENT_LIMIT = 190;

  /**
   * Initialises NVML and attaches to every GPU. Reference-counted: pair with {@link #nvmlShutdown}.
   */
  int nvmlInit_v2();

  /** Releases what {@link #nvmlInit_v2} acquired; handles become invalid. */
  int nvmlShutdown();

  /** A static, human-readable string for a return code; never freed by the caller. */
  String nvmlErrorString(int result);

  /** Writes the driver version, NUL-terminated, into {@code version}. */
  int nvmlSystemGetDriverVersion(byte[] version, int length);

  /** Number of GPUs visible to this process (accessible or not). */
  int nvmlDeviceGetCount_v2(IntByReference deviceCount);

  /** The handle of the GPU at {@code index}; valid until {@link #nvmlShutdown}. */
  int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

  /** The product name, NUL-terminated. */
  int nvmlDeviceGetName(NvmlDevice device, byte[] name, int length);

  /** The globally unique, immutable id ({@code GPU-...}), NUL-terminated. */
  int nvmlDeviceGetUUID(NvmlDevice device, byte[] uuid, int length);

  /** Energy since the driver was last loaded, mJ, as {@code unsigned long long}. Volta+. */
  int nvmlDeviceGetTotalEnergyConsumption(NvmlDevice device, LongByReference energy);

  /** Power draw, mW, as {@code unsigned int}: a 1 s average on Ampere (not GA100) and newer. */
  int nvmlDeviceGetPowerUsage(NvmlDevice device, IntByReference power);

  /** The power limit the driver enforces after all limiters, mW, as {@code unsigned int}. */
  int nvmlDeviceGetEnforcedPowerLimit(NvmlDevice device, IntByReference limit);

  /** Temperature of {@code sensorType} ({@link #NVML_TEMPERATURE_GPU}), degrees C. */
  int nvmlDeviceGetTemperature(NvmlDevice device, int sensorType, IntByReference temp);

  /** Percent of the last sample period the GPU was busy, and its memory was busy. */
  int nvmlDeviceGetUtilizationRates(NvmlDevice device, NvmlUtilization utilization);

  /**
   * Per-process utilisation samples newer than {@code lastSeenTimeStamp} (CPU time, µs; 0 for all
   * the driver holds). With {@code utilization} null, returns {@link #NVML_ERROR_INSUFFICIENT_SIZE}
   * and the count needed; else {@code processSamplesCount} is the array's length on entry (a
   * contiguous {@link com.sun.jna.Structure#toArray(int)}) and the count written on return. {@link
   * #NVML_ERROR_NOT_FOUND} when there is no sample. Maxwell and newer; not on a GPU in MIG mode.
   */
  int nvmlDeviceGetProcessUtilization(
      NvmlDevice device,
      NvmlProcessUtilizationSample[] utilization,
      IntByReference processSamplesCount,
      long lastSeenTimeStamp);

  /** Current clock of domain {@code type} (an {@code NVML_CLOCK_*} constant), MHz. */
  int nvmlDeviceGetClockInfo(NvmlDevice device, int type, IntByReference clock);

  /**
   * The processes with a compute context on the GPU. {@code infoCount} is the capacity of {@code
   * infos} in and the number of processes out; {@link #NVML_ERROR_INSUFFICIENT_SIZE} when it was
   * too small, with {@code infoCount} set to the number needed. {@code infos} may be null with 0.
   */
  int nvmlDeviceGetComputeRunningProcesses_v3(
      NvmlDevice device, IntByReference infoCount, NvmlProcessInfo[] infos);

  /** Device memory total, free and used, bytes. */
  int nvmlDeviceGetMemoryInfo(NvmlDevice device, NvmlMemory memory);

  /**
   * Reads several fields in one call. {@code values} must be contiguous ({@link
   * com.sun.jna.Structure#toArray(int)}) with each {@code fieldId} set. {@link #NVML_SUCCESS} means
   * the call ran; each value then carries its own {@code nvmlReturn}.
   */
  int nvmlDeviceGetFieldValues(NvmlDevice device, int valuesCount, NvmlFieldValue[] values);
}

package io.tokenjoule.source.nvml;

import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.tokenjoule.MonotonicClock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The checked face of {@link NvmlLibrary}: each method makes one NVML call, reports its duration to
 * the {@link NvmlCallObserver}, and throws {@link NvmlException} for anything but {@code
 * NVML_SUCCESS}, so no failure turns into a made-up value. Units are NVML's own (mJ, mW, MHz,
 * percent, bytes); converting them is the caller's business.
 *
 * <p>A function missing from an older driver ({@link UnsatisfiedLinkError} from JNA) becomes an
 * {@link NvmlException} with {@link NvmlReturn#FUNCTION_NOT_FOUND}. Stateless apart from its
 * collaborators; as thread-safe as the observer it is given.
 */
public final class Nvml {

  private final NvmlLibrary library;
  private final MonotonicClock clock;
  private final NvmlCallObserver observer;

  public Nvml(NvmlLibrary library, MonotonicClock clock, NvmlCallObserver observer) {
    this.library = Objects.requireNonNull(library, "library");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  public void init() {
    call("nvmlInit_v2", library::nvmlInit_v2);
  }

  public void shutdown() {
    call("nvmlShutdown", library::nvmlShutdown);
  }

  public String driverVersion() {
    byte[] buffer = new byte[NvmlLibrary.NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE];
    call(
        "nvmlSystemGetDriverVersion",
        () -> library.nvmlSystemGetDriverVersion(buffer, buffer.length));
    return cString(buffer);
  }

  public int deviceCount() {
    IntByReference count = new IntByReference();
    call("nvmlDeviceGetCount_v2", () -> library.nvmlDeviceGetCount_v2(count));
    return count.getValue();
  }

  public NvmlDevice handleByIndex(int index) {
    PointerByReference handle = new PointerByReference();
    call(
        "nvmlDeviceGetHandleByIndex_v2",
        () -> library.nvmlDeviceGetHandleByIndex_v2(index, handle));
    return new NvmlDevice(handle.getValue());
  }

  public String name(NvmlDevice device) {
    byte[] buffer = new byte[NvmlLibrary.NVML_DEVICE_NAME_V2_BUFFER_SIZE];
    call("nvmlDeviceGetName", () -> library.nvmlDeviceGetName(device, buffer, buffer.length));
    return cString(buffer);
  }

  public String uuid(NvmlDevice device) {
    byte[] buffer = new byte[NvmlLibrary.NVML_DEVICE_UUID_V2_BUFFER_SIZE];
    call("nvmlDeviceGetUUID", () -> library.nvmlDeviceGetUUID(device, buffer, buffer.length));
    return cString(buffer);
  }

  /** Energy since the driver loaded, mJ, as an unsigned 64-bit value converted to double. */
  public double totalEnergyMillijoules(NvmlDevice device) {
    LongByReference energy = new LongByReference();
    call(
        "nvmlDeviceGetTotalEnergyConsumption",
        () -> library.nvmlDeviceGetTotalEnergyConsumption(device, energy));
    return NvmlValue.unsignedToDouble(energy.getValue());
  }

  /** Power draw, mW. */
  public long powerMilliwatts(NvmlDevice device) {
    IntByReference power = new IntByReference();
    call("nvmlDeviceGetPowerUsage", () -> library.nvmlDeviceGetPowerUsage(device, power));
    return Integer.toUnsignedLong(power.getValue());
  }

  /** Enforced power limit, mW. */
  public long enforcedPowerLimitMilliwatts(NvmlDevice device) {
    IntByReference limit = new IntByReference();
    call(
        "nvmlDeviceGetEnforcedPowerLimit",
        () -> library.nvmlDeviceGetEnforcedPowerLimit(device, limit));
    return Integer.toUnsignedLong(limit.getValue());
  }

  /** GPU die temperature, degrees C. */
  public long gpuTemperatureCelsius(NvmlDevice device) {
    IntByReference temperature = new IntByReference();
    call(
        "nvmlDeviceGetTemperature",
        () ->
            library.nvmlDeviceGetTemperature(
                device, NvmlLibrary.NVML_TEMPERATURE_GPU, temperature));
    return Integer.toUnsignedLong(temperature.getValue());
  }

  /** Percent of the last sample period a kernel ran, 0..100. */
  public long gpuUtilizationPercent(NvmlDevice device) {
    NvmlUtilization utilization = new NvmlUtilization();
    call(
        "nvmlDeviceGetUtilizationRates",
        () -> library.nvmlDeviceGetUtilizationRates(device, utilization));
    return Integer.toUnsignedLong(utilization.gpu);
  }

  /** Current clock of an {@code NVML_CLOCK_*} domain, MHz. */
  public long clockMegahertz(NvmlDevice device, int clockType) {
    IntByReference clockMhz = new IntByReference();
    call(
        "nvmlDeviceGetClockInfo",
        () -> library.nvmlDeviceGetClockInfo(device, clockType, clockMhz));
    return Integer.toUnsignedLong(clockMhz.getValue());
  }

  /**
   * The pids with a compute context on the GPU, in the host's pid namespace. Follows NVML's size
   * protocol: asks with the last known count plus headroom, and on {@code INSUFFICIENT_SIZE}
   * (processes started in between) asks again with the count NVML reported, up to 4 times.
   */
  public int[] computeRunningPids(NvmlDevice device) {
    IntByReference count = new IntByReference(0);
    NvmlProcessInfo[] infos = null;
    for (int attempt = 1; ; attempt++) {
      NvmlProcessInfo[] buffer = infos;
      try {
        call(
            "nvmlDeviceGetComputeRunningProcesses_v3",
            () -> library.nvmlDeviceGetComputeRunningProcesses_v3(device, count, buffer));
        break;
      } catch (NvmlException e) {
        if (e.result() != NvmlReturn.INSUFFICIENT_SIZE || attempt == 4) {
          throw e;
        }
        int capacity = count.getValue() + 8;
        infos = (NvmlProcessInfo[]) new NvmlProcessInfo().toArray(capacity);
        count.setValue(capacity);
      }
    }
    int[] pids = new int[count.getValue()];
    for (int i = 0; i < pids.length; i++) {
      pids[i] = infos[i].pid;
    }
    return pids;
  }

  /** Device memory; its fields are unsigned byte counts. */
  public NvmlMemory memory(NvmlDevice device) {
    NvmlMemory memory = new NvmlMemory();
    call("nvmlDeviceGetMemoryInfo", () -> library.nvmlDeviceGetMemoryInfo(device, memory));
    return memory;
  }

  /**
   * Fills {@code values} (contiguous, each {@code fieldId} set) in one call. Success of the call
   * says nothing about each field: check every {@link NvmlFieldValue#nvmlReturn}.
   */
  public void fieldValues(NvmlDevice device, NvmlFieldValue[] values) {
    call(
        "nvmlDeviceGetFieldValues",
        () -> library.nvmlDeviceGetFieldValues(device, values.length, values));
  }

  /**
   * The per-process utilisation samples newer than {@code lastSeenMicros}, by NVML's two-call
   * protocol (ask the count, then fill a buffer with room for a few more processes that may start
   * in between); empty when NVML has none ({@code NVML_ERROR_NOT_FOUND}).
   */
  public NvmlProcessUtilizationSample[] processUtilization(NvmlDevice device, long lastSeenMicros) {
    String function = "nvmlDeviceGetProcessUtilization";
    IntByReference count = new IntByReference(0);
    int code =
        invoke(
            function,
            () -> library.nvmlDeviceGetProcessUtilization(device, null, count, lastSeenMicros));
    for (int attempt = 0; ; attempt++) {
      if (code == NvmlLibrary.NVML_ERROR_NOT_FOUND
          || (code == NvmlLibrary.NVML_SUCCESS && count.getValue() == 0)) {
        return new NvmlProcessUtilizationSample[0];
      }
      boolean sizeAsked =
          code == NvmlLibrary.NVML_ERROR_INSUFFICIENT_SIZE || code == NvmlLibrary.NVML_SUCCESS;
      if (!sizeAsked || attempt == 2) {
        throw new NvmlException(code, function, errorString(code));
      }
      int room = count.getValue() + 4;
      NvmlProcessUtilizationSample[] buffer =
          (NvmlProcessUtilizationSample[]) new NvmlProcessUtilizationSample().toArray(room);
      count.setValue(room);
      code =
          invoke(
              function,
              () -> library.nvmlDeviceGetProcessUtilization(device, buffer, count, lastSeenMicros));
      if (code == NvmlLibrary.NVML_SUCCESS) {
        return Arrays.copyOf(buffer, Math.min(count.getValue(), room));
      }
    }
  }

  /** The library's message for a code, or a fallback naming the code if it has none. */
  public String errorString(int code) {
    try {
      String message = library.nvmlErrorString(code);
      return message == null || message.isBlank() ? "nvmlReturn_t " + code : message;
    } catch (UnsatisfiedLinkError e) {
      return "nvmlReturn_t " + code;
    }
  }

  private void call(String function, IntSupplier nativeCall) {
    int code = invoke(function, nativeCall);
    if (code != NvmlLibrary.NVML_SUCCESS) {
      throw new NvmlException(code, function, errorString(code));
    }
  }

  /** Makes one call and reports its duration; returns its code, whatever it is. */
  private int invoke(String function, IntSupplier nativeCall) {
    double start = clock.nowSeconds();
    int code;
    try {
      code = nativeCall.getAsInt();
    } catch (UnsatisfiedLinkError e) {
      observer.onCall(function, clock.nowSeconds() - start);
      throw new NvmlException(
          NvmlLibrary.NVML_ERROR_FUNCTION_NOT_FOUND,
          function,
          "this driver's NVML does not export " + function,
          e);
    }
    observer.onCall(function, clock.nowSeconds() - start);
    return code;
  }

  private static String cString(byte[] buffer) {
    int length = 0;
    while (length < buffer.length && buffer[length] != 0) {
      length++;
    }
    return new String(buffer, 0, length, StandardCharsets.UTF_8);
  }
}
